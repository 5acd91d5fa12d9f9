// The locales this project ships, one per locales/*.json, for code that cannot glob the files
// (the server's validation, the CLI); locales/locales.test.ts keeps the two in step.
export const SHIPPED_LOCALES = [
  'ar',
  'bg',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'es',
  'et',
  'fi',
  'fr',
  'he',
  'hi',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'pt-PT',
  'ro',
  'ru',
  'sk',
  'sl',
  'sr',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-CN',
  'zh-TW',
] as const
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number]

/** Exactly a shipped code, as spelled here (no matching: see match-locale.ts for that). */
export const isShippedLocale = (code: unknown): code is ShippedLocale =>
  (SHIPPED_LOCALES as readonly unknown[]).includes(code)
