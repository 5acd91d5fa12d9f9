// Compares a translation catalog with the English source: keys, ICU syntax, placeholders, plurals.
// Used by locales/locales.test.ts, scripts/i18n-missing.ts and the server's mail words
// (server/notify/mail-words.ts); never shipped to the browser.
import { IntlMessageFormat } from 'intl-messageformat'

export type Messages = Record<string, string>

/** Nested locale JSON as dotted keys ("create.title"); a non-string leaf is an error. */
export function flattenMessages(tree: unknown, prefix = ''): Messages {
  const flat: Messages = {}
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') flat[path] = value
    else if (value && typeof value === 'object') Object.assign(flat, flattenMessages(value, path))
    else throw new Error(`${path}: expected a string or an object, got ${JSON.stringify(value)}`)
  }
  return flat
}

export function compareKeys(source: Messages, target: Messages) {
  return {
    missing: Object.keys(source).filter((key) => !Object.hasOwn(target, key)),
    extra: Object.keys(target).filter((key) => !Object.hasOwn(source, key)),
  }
}

// The parts of an intl-messageformat AST element this module reads. `type` follows TYPE of
// @formatjs/icu-messageformat-parser: 0 is literal text, 7 is `#`, 8 is a <tag>; others are named.
interface AstElement {
  type: number
  value?: string
  options?: Record<string, { value: AstElement[] }>
  children?: AstElement[]
  pluralType?: 'cardinal' | 'ordinal'
}
const LITERAL = 0
const TAG = 8

/** Throws a SyntaxError when the message is not valid ICU or a plural lacks `other`. */
export function parseMessage(message: string, locale: string): AstElement[] {
  return new IntlMessageFormat(message, locale).getAst() as AstElement[]
}

/** Argument names and <tag> names a message uses, sorted ("<b>", "count", "max"). */
export function placeholderNames(ast: AstElement[]): string[] {
  const names = new Set<string>()
  const visit = (elements: AstElement[]) => {
    for (const element of elements) {
      if (element.type === TAG) names.add(`<${element.value}>`)
      else if (element.type !== LITERAL && element.value !== undefined) names.add(element.value)
      for (const option of Object.values(element.options ?? {})) visit(option.value)
      if (element.children) visit(element.children)
    }
  }
  visit(ast)
  return [...names].sort()
}

// Counts a plural can take in practice: whole numbers, including the very large.
const SAMPLE_COUNTS = [...Array.from({ length: 1001 }, (_, n) => n), 1e6, 1e9]

/** Plural categories whole-number counts fall into in `locale` (ru: one, few, many). */
export function integerPluralCategories(locale: string, type: 'cardinal' | 'ordinal') {
  const rules = new Intl.PluralRules(locale, { type })
  return new Set(SAMPLE_COUNTS.map((count) => rules.select(count)))
}

/** Plurals that use a category `locale` lacks, or miss one that whole numbers need. */
export function pluralProblems(ast: AstElement[], locale: string): string[] {
  const problems: string[] = []
  const visit = (elements: AstElement[]) => {
    for (const element of elements) {
      if (element.pluralType && element.options) {
        const type = element.pluralType
        const known = new Intl.PluralRules(locale, { type }).resolvedOptions().pluralCategories
        const used = Object.keys(element.options).filter((key) => !key.startsWith('='))
        const name = String(element.value)
        for (const category of used) {
          if (!known.includes(category as Intl.LDMLPluralRule))
            problems.push(`${name}: "${category}" is not a ${type} category of ${locale}`)
        }
        for (const category of integerPluralCategories(locale, type)) {
          if (!used.includes(category)) problems.push(`${name}: no "${category}" case`)
        }
      }
      for (const option of Object.values(element.options ?? {})) visit(option.value)
      if (element.children) visit(element.children)
    }
  }
  visit(ast)
  return problems
}
