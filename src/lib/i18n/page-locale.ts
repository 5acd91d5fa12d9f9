// The page's language before svelte-i18n has started: a shipped URL prefix, else the saved choice,
// else the browser's languages, else English. setup.ts asks it, and so does the recipient's early
// script (src/lib/views/recipient-early.ts), which fetches those messages before the app has
// arrived; both must choose alike. No svelte-i18n and no locale files here: the early script is
// bundled on its own, and passes the shipped list (shipped-locales.ts).
import { negotiateLocale } from './match-locale'

export const SOURCE_LOCALE = 'en'
export const SAVED_LOCALE_KEY = 'hushlink.locale'

function savedLocale(): string | null {
  try {
    return localStorage.getItem(SAVED_LOCALE_KEY)
  } catch {
    return null
  }
}

/** The language to show when the URL names none (or one this build lacks). */
export function preferredLocale(available: readonly string[]): string {
  const saved = savedLocale()
  if (saved && available.includes(saved)) return saved
  return negotiateLocale(navigator.languages ?? [navigator.language], available) ?? SOURCE_LOCALE
}

/**
 * The page's language: the shipped locale of the URL's prefix (zh-Hant → zh-TW), when there is
 * one, else the preferred one.
 */
export function pageLocale(urlLocale: string | undefined, available: readonly string[]): string {
  return (urlLocale && negotiateLocale([urlLocale], available)) || preferredLocale(available)
}
