// Matches BCP 47 language tags to the locales a build ships, without any DOM: the app (URL prefix,
// browser languages, a push's locale), the server's validation and the CLI all use it.

/** Longer than any tag worth matching; keeps hostile input away from Intl. */
const MAX_TAG_LENGTH = 64

/** Languages whose readers a sibling serves: Bokmål and Nynorsk by `no`, Cantonese by `zh`. */
const LANGUAGE_FAMILY: Record<string, string> = { nb: 'no', nn: 'no', yue: 'zh' }

// CLDR parent locales: Portuguese outside Brazil follows Portugal's, English outside the US
// follows Britain's.
const PORTUGUESE_OF_PORTUGAL = new Set('AO CH CV FR GQ GW LU MO MZ ST TL'.split(' '))
const ENGLISH_OF_THE_US = new Set('US AS GU MH MP PR UM VI'.split(' '))

interface ParsedTag {
  baseName: string
  language: string
  script: string | undefined
  region: string | undefined
}

/** Language, script and region, the missing ones from likely subtags (zh-HK → zh-Hant-HK). */
function parseTag(tag: string): ParsedTag | null {
  if (typeof tag !== 'string' || tag.length > MAX_TAG_LENGTH) return null
  let locale: Intl.Locale
  try {
    locale = new Intl.Locale(tag)
  } catch {
    return null
  }
  if (locale.language === 'und') return null
  const full = locale.maximize()
  return {
    baseName: locale.baseName,
    language: locale.language,
    script: full.script,
    region: full.region,
  }
}

const parsedShipped = new Map<string, ParsedTag | null>()

function parseShipped(code: string): ParsedTag | null {
  if (!parsedShipped.has(code)) parsedShipped.set(code, parseTag(code))
  return parsedShipped.get(code)!
}

const family = (language: string) => LANGUAGE_FAMILY[language] ?? language

/** The region whose variety a reader in `region` is used to, when it is not their own. */
function standardRegion(language: string, region: string | undefined): string | undefined {
  if (language === 'pt' && region && PORTUGUESE_OF_PORTUGAL.has(region)) return 'PT'
  if (language === 'en' && region && !ENGLISH_OF_THE_US.has(region)) return 'GB'
  return new Intl.Locale(language).maximize().region
}

/**
 * The shipped locale for one tag, or null when the tag is ill-formed or its language is not
 * shipped. Same spelling (any case) first; then the same language (or family), preferring the
 * same script, then the same region, then the region that variety follows, then the default.
 */
export function matchLocale<T extends string>(tag: string, shipped: readonly T[]): T | null {
  const wanted = parseTag(tag)
  if (!wanted) return null
  const candidates = shipped.flatMap((code) => {
    const parsed = parseShipped(code)
    return parsed ? [{ code, ...parsed }] : []
  })
  const exact = candidates.find((c) => c.baseName === wanted.baseName)
  if (exact) return exact.code
  let pool = candidates.filter((c) => c.language === wanted.language)
  if (pool.length === 0)
    pool = candidates.filter((c) => family(c.language) === family(wanted.language))
  if (pool.length === 0) return null
  const sameScript = pool.filter((c) => c.script === wanted.script)
  if (sameScript.length > 0) pool = sameScript
  const standard = standardRegion(pool[0].language, wanted.region)
  const chosen =
    pool.find((c) => c.region === wanted.region) ??
    pool.find((c) => c.region === standard) ??
    pool[0]
  return chosen.code
}

/** The first of the wanted tags (e.g. navigator.languages) that matches a shipped locale. */
export function negotiateLocale<T extends string>(
  wanted: readonly string[],
  shipped: readonly T[],
): T | null {
  for (const tag of wanted) {
    const match = matchLocale(tag, shipped)
    if (match) return match
  }
  return null
}

function baseLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase()
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur'])

export function textDirection(tag: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(baseLanguage(tag)) ? 'rtl' : 'ltr'
}
