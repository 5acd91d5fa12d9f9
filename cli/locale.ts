// The link's language prefix: spelled as the web app ships it, since /{locale}/p/… only opens
// for a locale the app has.
import { readdirSync } from 'node:fs'
import { matchLocale } from '../src/lib/i18n/match-locale'
import { isLocaleTag } from '../src/lib/protocol'
import { usageError } from './io'

/** Locales of the web app in this checkout (locales/*.json). */
export function shippedLocales(): string[] {
  try {
    const directory = new URL('../locales/', import.meta.url)
    return readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
  } catch {
    return []
  }
}

export interface ChosenLocale {
  locale: string
  warning: string | null
}

export function chooseLocale(wanted: string, shipped: readonly string[]): ChosenLocale {
  const match = matchLocale([wanted], shipped)
  if (match) return { locale: match, warning: null }
  if (!isLocaleTag(wanted)) {
    throw usageError(`--locale wants a language tag like de or pt-BR, not "${wanted}"`)
  }
  const known = shipped.length ? shipped.join(', ') : 'none found'
  return {
    locale: wanted,
    warning: `this checkout's web app has no "${wanted}" translation (it has: ${known}); the link opens only if the server's does`,
  }
}
