import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchLocale, negotiateLocale, textDirection } from './match-locale'
import { SHIPPED_LOCALES } from './shipped-locales'

describe('matchLocale against the shipped locales', () => {
  const expected: [string, string | null][] = [
    // Spelled as shipped, in any case.
    ['de', 'de'],
    ['pt-br', 'pt-BR'],
    ['ZH-tw', 'zh-TW'],
    ['EN-gb', 'en-GB'],
    // Chinese: the script decides, then the region; likely subtags fill in a missing script.
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-Hant', 'zh-TW'],
    ['zh-hant', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['cmn', 'zh-CN'],
    ['yue', 'zh-TW'],
    // Norwegian: Bokmål and Nynorsk are served by the shipped `no`.
    ['no', 'no'],
    ['no-NO', 'no'],
    ['nb', 'no'],
    ['nb-NO', 'no'],
    ['nn', 'no'],
    ['NN-no', 'no'],
    // Portuguese: Brazil's by default, Portugal's where CLDR says so.
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-PT'],
    ['pt-AO', 'pt-PT'],
    ['pt-MZ', 'pt-PT'],
    ['pt-CH', 'pt-PT'],
    // English: US English by default, British English outside the US.
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-PR', 'en'],
    ['en-AU', 'en-GB'],
    ['en-IE', 'en-GB'],
    ['en-IN', 'en-GB'],
    ['en-001', 'en-GB'],
    ['en-150', 'en-GB'],
    // Serbian ships in one script, which serves both.
    ['sr', 'sr'],
    ['sr-Cyrl', 'sr'],
    ['sr-Latn', 'sr'],
    ['sr-Latn-RS', 'sr'],
    ['sr-ME', 'sr'],
    ['sh', 'sr'],
    // Deprecated codes.
    ['iw', 'he'],
    ['iw-IL', 'he'],
    ['in', 'id'],
    ['mo', 'ro'],
    // Regions, variants and extensions of a shipped language.
    ['de-AT', 'de'],
    ['de-CH-1996', 'de'],
    ['fr-CA', 'fr'],
    ['es-419', 'es'],
    ['ar-EG', 'ar'],
    ['en-US-u-ca-gregory', 'en'],
    ['ja-JP-x-private', 'ja'],
    // Languages not shipped, and tags that are not BCP 47.
    ['sw', null],
    ['fil', null],
    ['und', null],
    ['', null],
    ['x-private', null],
    ['i-klingon', null],
    ['en_US', null],
    ['de-', null],
    ['../de', null],
    ['de\u0000', null],
    ['english please', null],
    ['de-' + 'x'.repeat(70), null],
  ]

  it.each(expected)('%s → %s', (tag, locale) => {
    expect(matchLocale(tag, SHIPPED_LOCALES)).toBe(locale)
  })

  /** A shipped code respelled: likely subtags added (zh-TW → zh-Hant-TW) and letters in any case. */
  const respelled = fc
    .tuple(fc.constantFrom(...SHIPPED_LOCALES), fc.boolean(), fc.array(fc.boolean()))
    .map(([code, maximize, upper]) => {
      const spelled = maximize ? new Intl.Locale(code).maximize().toString() : code
      const letters = [...spelled].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase()))
      return { code, tag: letters.join('') }
    })

  it('maps every shipped locale to itself, however spelled, in any build that ships it', () => {
    fc.assert(
      fc.property(fc.subarray<string>([...SHIPPED_LOCALES]), respelled, (subset, { code, tag }) => {
        const match = matchLocale(tag, subset)
        expect(match === null || subset.includes(match)).toBe(true)
        if (subset.includes(code)) expect(match).toBe(code)
      }),
    )
  })

  it('answers only a shipped locale or null, for any string', () => {
    const shipped = new Set<string | null>([...SHIPPED_LOCALES, null])
    const tagLike = fc
      .array(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join('-'))
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          tagLike,
          respelled.map((r) => r.tag),
        ),
        (tag) => {
          expect(shipped.has(matchLocale(tag, SHIPPED_LOCALES))).toBe(true)
        },
      ),
    )
  })

  it('still finds the language when the build ships other spellings of it', () => {
    expect(matchLocale('pt', ['de', 'en', 'pt-BR', 'zh-CN'])).toBe('pt-BR')
    expect(matchLocale('nb', ['nb', 'no'])).toBe('nb')
    expect(matchLocale('nn', ['nb', 'en'])).toBe('nb')
    expect(matchLocale('zh-HK', ['zh-CN'])).toBe('zh-CN')
  })
})

describe('negotiateLocale', () => {
  it('walks the wanted list in order and returns null when nothing fits', () => {
    expect(negotiateLocale(['sw', 'zh-HK', 'de'], SHIPPED_LOCALES)).toBe('zh-TW')
    expect(negotiateLocale(['nb-NO', 'en'], SHIPPED_LOCALES)).toBe('no')
    expect(negotiateLocale(['sw', 'fil'], SHIPPED_LOCALES)).toBeNull()
    expect(negotiateLocale([], SHIPPED_LOCALES)).toBeNull()
  })
})

describe('textDirection', () => {
  it('is rtl for Arabic, Hebrew, Persian and Urdu only', () => {
    expect(['ar', 'he-IL', 'fa', 'ur'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl'])
    expect(textDirection('de')).toBe('ltr')
  })
})
