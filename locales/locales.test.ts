// Every locale file against en.json: same keys, valid ICU, same placeholders, complete plurals.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  compareKeys,
  flattenMessages,
  parseMessage,
  placeholderNames,
  pluralProblems,
} from '../src/lib/i18n/catalog'
import { SHIPPED_LOCALES } from '../src/lib/i18n/shipped-locales'

const LOCALES_DIR = new URL('./', import.meta.url)
// The list; more are welcome.
const REQUIRED_LOCALES = (
  'ar bg ca cs da de el en en-GB es et fi fr he hi hu id it ja ko lt lv nl no pl pt-BR pt-PT ro ' +
  'ru sk sl sr sv th tr uk vi zh-CN zh-TW'
).split(' ')

const codes = readdirSync(LOCALES_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort()
const catalogs = Object.fromEntries(
  codes.map((code) => [
    code,
    flattenMessages(JSON.parse(readFileSync(new URL(`${code}.json`, LOCALES_DIR), 'utf8'))),
  ]),
)
const english = catalogs.en

it('ships every required locale, each file named by its canonical tag', () => {
  expect(codes).toEqual(expect.arrayContaining(REQUIRED_LOCALES))
  for (const code of codes) expect(Intl.getCanonicalLocales(code)).toEqual([code])
})

it('lists every file in SHIPPED_LOCALES, which the server and the CLI match tags against', () => {
  expect([...SHIPPED_LOCALES].sort()).toEqual(codes)
})

describe.each(codes)('%s', (code) => {
  const messages = catalogs[code]

  it('has exactly the keys of en.json', () => {
    expect(compareKeys(english, messages)).toEqual({ missing: [], extra: [] })
  })

  it('has messages that parse as ICU and use the placeholders of en.json', () => {
    const problems: string[] = []
    for (const [key, message] of Object.entries(messages)) {
      if (!Object.hasOwn(english, key)) continue
      try {
        const names = placeholderNames(parseMessage(message, code))
        const englishNames = placeholderNames(parseMessage(english[key], 'en'))
        if (names.join() !== englishNames.join())
          problems.push(`${key}: uses {${names}} where en.json uses {${englishNames}}`)
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('gives every plural the cases this language needs', () => {
    const problems = Object.entries(messages).flatMap(([key, message]) => {
      try {
        return pluralProblems(parseMessage(message, code), code).map(
          (problem) => `${key}: ${problem}`,
        )
      } catch {
        return [] // reported as a parse failure above
      }
    })
    expect(problems).toEqual([])
  })
})
