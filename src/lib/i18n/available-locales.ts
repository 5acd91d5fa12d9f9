// The locales this build ships: one lazily loaded chunk per file in locales/*.json.
import { negotiateLocale } from './match-locale'

type LocaleModule = { default: Record<string, unknown> }

// Not eager: each file becomes its own chunk, fetched only when that locale is used.
const localeFiles = import.meta.glob<LocaleModule>('/locales/*.json')

const LOCALE_FILE = /\/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.json$/

export const localeLoaders: Record<string, () => Promise<Record<string, unknown>>> = {}
for (const [path, load] of Object.entries(localeFiles)) {
  const code = LOCALE_FILE.exec(path)?.[1]
  if (code) localeLoaders[code] = () => load().then((module) => module.default)
}

export { SOURCE_LOCALE } from './page-locale'
export const AVAILABLE_LOCALES: readonly string[] = Object.keys(localeLoaders).sort()

export function isAvailableLocale(code: string): boolean {
  return Object.hasOwn(localeLoaders, code)
}

/** The locale of this build that best serves the first of the wanted BCP 47 tags it can serve. */
export function bestAvailableLocale(wanted: readonly string[]): string | null {
  return negotiateLocale(wanted, AVAILABLE_LOCALES)
}

/** A language's name in that language itself ("Deutsch", "português (Brasil)"). */
export function nativeLanguageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}
