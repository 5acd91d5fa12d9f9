// The words of notification e-mails in the recipient's language: the `mail`, `audit` and `kinds`
// messages of the web app's locales/<code>.json, formatted with intl-messageformat as the app
// formats them. English, the source, comes with the server; another locale's file is read on first
// use and kept, and only under a shipped code, so no stored value ever names a file.
import { readFile } from 'node:fs/promises'
import { IntlMessageFormat } from 'intl-messageformat'
import english from '../../locales/en.json'
import { flattenMessages } from '../../src/lib/i18n/catalog'
import { textDirection } from '../../src/lib/i18n/match-locale'
import { isShippedLocale, type ShippedLocale } from '../../src/lib/i18n/shipped-locales'

const SOURCE_LOCALE: ShippedLocale = 'en'

type Values = Record<string, string | number>

export interface MailWords {
  locale: ShippedLocale
  dir: 'ltr' | 'rtl'
  has(key: string): boolean
  /** The message, in English when this locale lacks it or it does not format. */
  t(key: string, values?: Values): string
  /** A moment as a reader of this locale writes it, in UTC and saying so. */
  dateTime(ms: number): string
}

/** Reads a shipped locale's JSON file. */
export type ReadLocale = (code: ShippedLocale) => Promise<string>

/** Only the namespaces mail uses are kept of a locale file. */
const MAIL_NAMESPACES = /^(mail|audit|kinds)\./
type Catalog = ReadonlyMap<string, string>

const catalogOf = (tree: unknown): Catalog =>
  new Map(Object.entries(flattenMessages(tree)).filter(([key]) => MAIL_NAMESPACES.test(key)))

const SOURCE_CATALOG = catalogOf(english)

const readLocaleFile: ReadLocale = (code) =>
  readFile(new URL(`../../locales/${code}.json`, import.meta.url), 'utf8')

function wordsOf(locale: ShippedLocale, catalog: Catalog): MailWords {
  const formatted = (message: string, code: string, values?: Values) =>
    String(new IntlMessageFormat(message, code).format(values))
  const dates = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'long',
    timeZone: 'UTC',
  })
  return {
    locale,
    dir: textDirection(locale),
    has: (key) => SOURCE_CATALOG.has(key),
    t(key, values) {
      const message = catalog.get(key)
      if (message !== undefined) {
        try {
          return formatted(message, locale, values)
        } catch {
          // A broken translation (locales.test.ts keeps them whole) falls back to English.
        }
      }
      const source = SOURCE_CATALOG.get(key)
      if (source === undefined) return key
      try {
        return formatted(source, SOURCE_LOCALE, values)
      } catch {
        return source // values the message cannot take: its words as written, not no mail
      }
    },
    dateTime: (ms) => dates.format(new Date(ms)),
  }
}

/** Says once per locale that its file could not be read, so mail in English has a reason. */
const warnUnreadable = (code: ShippedLocale, error: unknown) =>
  console.error(
    JSON.stringify({
      level: 'warn',
      msg: 'mail falls back to English: locale file unreadable',
      locale: code,
      error: String(error),
    }),
  )

/**
 * The words for a recipient's saved locale when it is a shipped one (as GET /api/me/notifications
 * reports it), else English. A file that cannot be read or parsed also gives English, is said
 * once (`warn`), and is tried again next time.
 */
export function createMailWords(read: ReadLocale = readLocaleFile, warn = warnUnreadable) {
  const loaded = new Map<ShippedLocale, Promise<MailWords>>()
  loaded.set(SOURCE_LOCALE, Promise.resolve(wordsOf(SOURCE_LOCALE, SOURCE_CATALOG)))
  const warned = new Set<ShippedLocale>()

  return (saved: string | null): Promise<MailWords> => {
    const code = isShippedLocale(saved) ? saved : SOURCE_LOCALE
    let words = loaded.get(code)
    if (!words) {
      words = read(code)
        .then((text) => wordsOf(code, catalogOf(JSON.parse(text))))
        .catch((error: unknown) => {
          loaded.delete(code)
          if (!warned.has(code)) warn(code, error)
          warned.add(code)
          return wordsOf(SOURCE_LOCALE, SOURCE_CATALOG)
        })
      loaded.set(code, words)
    }
    return words
  }
}

export const mailWords = createMailWords()
