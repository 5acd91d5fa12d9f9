// Secret links: build and parse round trips, and everything that is not a secret link.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBase64Url } from './crypto/base64url'
import { buildLink, parseLink } from './link'

const ID = 'AAECAwQFBgcICQoLDA0ODw' // bytes 00 … 0f
const SECRET = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8' // bytes 00 … 1f
const ORIGIN = 'https://hush.example.org'

describe('buildLink', () => {
  it('puts the secret in the fragment only', () => {
    expect(buildLink(ORIGIN, ID, SECRET)).toBe(`${ORIGIN}/p/${ID}#${SECRET}`)
    const url = new URL(buildLink(ORIGIN, ID, SECRET))
    expect(url.pathname + url.search).not.toContain(SECRET)
  })

  it('adds the locale as the first path segment and drops trailing slashes of the origin', () => {
    expect(buildLink(ORIGIN + '/', ID, SECRET, 'de')).toBe(`${ORIGIN}/de/p/${ID}#${SECRET}`)
    expect(buildLink(ORIGIN, ID, SECRET, null)).toBe(`${ORIGIN}/p/${ID}#${SECRET}`)
  })
})

describe('parseLink', () => {
  it('round-trips links with and without locale', () => {
    for (const locale of [null, 'de', 'pt-BR', 'zh-Hant']) {
      expect(parseLink(buildLink(ORIGIN, ID, SECRET, locale))).toEqual({
        origin: ORIGIN,
        locale,
        id: ID,
        secret: SECRET,
      })
    }
  })

  it('round-trips any id and secret bytes', () => {
    const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length })
    fc.assert(
      fc.property(bytes(16), bytes(32), fc.constantFrom(null, 'en', 'fr'), (id, secret, locale) => {
        const link = buildLink(
          'http://localhost:5173',
          toBase64Url(id),
          toBase64Url(secret),
          locale,
        )
        const parsed = parseLink(link)
        expect(parsed?.id).toBe(toBase64Url(id))
        expect(parsed?.secret).toBe(toBase64Url(secret))
        expect(parsed?.locale).toBe(locale)
        expect(parsed?.origin).toBe('http://localhost:5173')
      }),
    )
  })

  it('tolerates surrounding whitespace, a trailing slash and a query string', () => {
    expect(parseLink(`  ${ORIGIN}/p/${ID}#${SECRET}\n`)?.secret).toBe(SECRET)
    expect(parseLink(`${ORIGIN}/p/${ID}/#${SECRET}`)?.id).toBe(ID)
    expect(parseLink(`${ORIGIN}/p/${ID}?utm=x#${SECRET}`)?.id).toBe(ID)
  })

  const rejected: [string, string][] = [
    ['not a URL', 'hello'],
    ['no fragment', `${ORIGIN}/p/${ID}`],
    ['an empty fragment', `${ORIGIN}/p/${ID}#`],
    ['a short secret', `${ORIGIN}/p/${ID}#${SECRET.slice(1)}`],
    ['a long secret', `${ORIGIN}/p/${ID}#${SECRET}A`],
    ['a non-canonical secret', `${ORIGIN}/p/${ID}#${SECRET.slice(0, -1)}h`],
    ['a secret with "+"', `${ORIGIN}/p/${ID}#${SECRET.slice(0, -2)}+f`],
    ['a padded secret', `${ORIGIN}/p/${ID}#${SECRET.slice(0, -1)}=`],
    ['a short id', `${ORIGIN}/p/${ID.slice(1)}#${SECRET}`],
    ['a non-canonical id', `${ORIGIN}/p/${ID.slice(0, -1)}x#${SECRET}`],
    ['an id with "."', `${ORIGIN}/p/${ID.slice(0, -1)}.#${SECRET}`],
    ['the secret in the path', `${ORIGIN}/p/${SECRET}#${ID}`],
    ['another route', `${ORIGIN}/x/${ID}#${SECRET}`],
    ['extra path segments', `${ORIGIN}/a/de/p/${ID}#${SECRET}`],
    ['a segment after the id', `${ORIGIN}/p/${ID}/x#${SECRET}`],
    ['an upper-case locale', `${ORIGIN}/DE/p/${ID}#${SECRET}`],
    ['a one-letter locale', `${ORIGIN}/d/p/${ID}#${SECRET}`],
    ['a locale with a bad subtag', `${ORIGIN}/de-x/p/${ID}#${SECRET}`],
    ['a javascript: URL', `javascript:/p/${ID}#${SECRET}`],
    ['a file: URL', `file:///p/${ID}#${SECRET}`],
  ]
  for (const [name, link] of rejected) {
    it(`returns null for ${name}`, () => {
      expect(parseLink(link)).toBeNull()
    })
  }
})
