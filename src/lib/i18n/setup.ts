// Starts svelte-i18n in the page language (page-locale.ts: URL prefix, saved choice, browser,
// English).
import { init, locale, register, waitLocale } from 'svelte-i18n'
import { get } from 'svelte/store'
import { AVAILABLE_LOCALES, isAvailableLocale, localeLoaders } from './available-locales'
import { textDirection } from './match-locale'
import { pageLocale, SAVED_LOCALE_KEY, SOURCE_LOCALE } from './page-locale'

let started = false

/** Registers every locale file (loaded lazily) and waits until `code`'s messages are in. */
export async function startI18n(urlLocale?: string): Promise<void> {
  const wanted = pageLocale(urlLocale, AVAILABLE_LOCALES)
  if (!started) {
    // The messages are asked for first: init() spends 50–80 ms on Intl's first NumberFormat on a
    // slow machine, and the download runs meanwhile (issue 17). svelte-i18n's own call of the same
    // loader gets the same module; a failure is its to report.
    for (const code of new Set([wanted, SOURCE_LOCALE])) localeLoaders[code]().catch(() => {})
    for (const [code, load] of Object.entries(localeLoaders)) register(code, load)
    init({ fallbackLocale: SOURCE_LOCALE, initialLocale: wanted })
    started = true
  } else if (get(locale) !== wanted) {
    await locale.set(wanted)
  }
  applyDocumentLanguage(wanted)
  await waitLocale(wanted)
}

/** Switches the language; `remember` keeps it for later visits (the language menu does). */
export async function switchLocale(code: string, remember: boolean): Promise<void> {
  if (!isAvailableLocale(code)) return
  if (remember) {
    try {
      localStorage.setItem(SAVED_LOCALE_KEY, code)
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }
  await locale.set(code)
  applyDocumentLanguage(code)
}

export function applyDocumentLanguage(code: string): void {
  document.documentElement.lang = code
  document.documentElement.dir = textDirection(code)
}
