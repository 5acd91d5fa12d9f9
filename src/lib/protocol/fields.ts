// zod building blocks of the wire shapes (server and tests only: the SPA imports no zod).
import { z } from 'zod'
import { fromBase64Url } from '../crypto/base64url'
import { matchLocale } from '../i18n/match-locale'
import { SHIPPED_LOCALES } from '../i18n/shipped-locales'
import {
  END_REASONS,
  ID_PATTERN,
  LOCALE_PATTERN,
  MAX_LOCALE_CHARS,
  PASSPHRASE_BOUNDS,
  PUSH_KINDS,
  REQUEST_CLOSE_REASONS,
  SEALED_KINDS,
  TOKEN_PATTERN,
} from './vocabulary'

const base64urlChars = (bytes: number) => Math.ceil((bytes * 4) / 3)

function decodesTo(text: string, bytes: number): boolean {
  try {
    return fromBase64Url(text).length === bytes
  } catch {
    return false
  }
}

/**
 * Canonical base64url of exactly `bytes` bytes: the pattern states the length (and reaches the
 * JSON Schema), the refinement the unused low bits, since a stray one would hash differently.
 */
export function base64urlOf(bytes: number, what: string) {
  const message = `${what} must be ${bytes} bytes in base64url`
  const chars = base64urlChars(bytes)
  return z
    .string()
    .max(chars)
    .regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}$`), message)
    .refine((text) => decodesTo(text, bytes), message)
}

export const BASE64URL = /^[A-Za-z0-9_-]+$/

/** Sealed bytes of at least `minBytes`, as base64url; the size limit is the handler's (413). */
export const ciphertextField = (minBytes: number) =>
  z
    .string()
    .min(base64urlChars(minBytes), 'ciphertext is too short')
    .regex(BASE64URL, 'ciphertext must be base64url')

export const time = z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' })
export const count = z.number().int().min(0)
export const pushId = z
  .string()
  .regex(ID_PATTERN)
  .meta({ description: '16 random bytes, base64url' })
export const token = z.string().regex(TOKEN_PATTERN)
export const sealedKind = z.enum(SEALED_KINDS)
export const pushKind = z.enum(PUSH_KINDS)
export const endReason = z.enum(END_REASONS)
export const requestCloseReason = z.enum(REQUEST_CLOSE_REASONS)

export const locale = z
  .string()
  .max(MAX_LOCALE_CHARS)
  .regex(LOCALE_PATTERN, 'locale must be a language tag like "de" or "pt-BR"')

function localeProblem(input: unknown): string {
  // Only a well-formed tag (letters, digits, hyphens) can match, so it is safe to repeat.
  const shipped = typeof input === 'string' ? matchLocale(input, SHIPPED_LOCALES) : null
  if (shipped) return `locale "${input}" must be sent as the shipped "${shipped}"`
  return `locale must be one of the shipped locales: ${SHIPPED_LOCALES.join(', ')}`
}

/**
 * The `locale` a push is created with: a shipped locale, spelled as shipped, so that links and
 * stored pushes carry one spelling per language. Another tag of a shipped language (zh-Hant, nb)
 * is refused with the spelling to send instead; clients match tags with i18n/match-locale.ts.
 */
export const pushLocale = z.enum(SHIPPED_LOCALES, { error: (issue) => localeProblem(issue.input) })

export const opslimit = z
  .number()
  .int()
  .min(PASSPHRASE_BOUNDS.minOpslimit)
  .max(PASSPHRASE_BOUNDS.maxOpslimit)
  .meta({ description: 'Argon2id operations limit' })
export const memlimit = z
  .number()
  .int()
  .min(PASSPHRASE_BOUNDS.minMemlimit)
  .max(PASSPHRASE_BOUNDS.maxMemlimit)
  .meta({ description: 'Argon2id memory limit in bytes' })

/** One row of an audit trail, of a push or of a request. */
export const eventOf = <K extends z.ZodType<string>>(kind: K) =>
  z.object({
    kind,
    at: time,
    ip: z.string().nullable().meta({ description: 'As the client sent it; escape before display' }),
    userAgent: z.string().nullable().meta({ description: 'As the client sent it' }),
    reason: z.string().nullable(),
  })
