// The `locale` field of a push: a shipped locale, spelled as shipped, so that links and stored
// pushes carry one spelling per language. Another tag for a shipped language (zh-Hant, nb) is
// refused with the spelling to send instead; clients match tags with src/lib/i18n/match-locale.
import { z } from 'zod'
import { matchLocale } from '../src/lib/i18n/match-locale'
import { SHIPPED_LOCALES } from '../src/lib/i18n/shipped-locales'

function localeProblem(input: unknown): string {
  // Only a well-formed tag (letters, digits, hyphens) can match, so it is safe to repeat.
  const shipped = typeof input === 'string' ? matchLocale(input, SHIPPED_LOCALES) : null
  if (shipped) return `locale "${input}" must be sent as the shipped "${shipped}"`
  return `locale must be one of the shipped locales: ${SHIPPED_LOCALES.join(', ')}`
}

export const pushLocale = z.enum(SHIPPED_LOCALES, { error: (issue) => localeProblem(issue.input) })
