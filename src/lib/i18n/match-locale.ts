// Picks the best available locale for a list of wanted language tags (BCP 47), without any DOM.

/** Case-insensitive exact match first, then the same base language (de-AT → de, pt → pt-BR). */
export function matchLocale(
  wanted: readonly string[],
  available: readonly string[],
): string | null {
  for (const tag of wanted) {
    const exact = available.find((code) => code.toLowerCase() === tag.toLowerCase())
    if (exact) return exact
    const base = baseLanguage(tag)
    const sameBase =
      available.find((code) => code.toLowerCase() === base) ??
      available.find((code) => baseLanguage(code) === base)
    if (sameBase) return sameBase
  }
  return null
}

export function baseLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase()
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur'])

export function textDirection(tag: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(baseLanguage(tag)) ? 'rtl' : 'ltr'
}
