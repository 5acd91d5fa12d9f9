// Wire shapes of /api/pushes: create (JSON and files), metadata, reveal, burn and audit.
// Request bodies are built from the server's limits; the types are inferred from the schemas.
import { z } from 'zod'
import {
  base64urlOf,
  BASE64URL,
  ciphertextField,
  count,
  endReason,
  eventOf,
  locale,
  pushLocale,
  memlimit,
  opslimit,
  pushId,
  pushKind,
  sealedKind,
  time,
  token,
} from './fields'
import type { Limits } from './meta'
import { EVENT_KINDS, MAX_WEBHOOK_URL_CHARS, WEBHOOK_FORMATS } from './vocabulary'

/** http(s) URLs only; whether the host may be reached is the server's check (webhook_refused). */
const webhookUrl = z
  .string()
  .max(MAX_WEBHOOK_URL_CHARS)
  .refine((value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
    } catch {
      return false
    }
  }, 'must be an http or https URL')

export const webhookRequest = z
  .object({
    url: webhookUrl.meta({
      description:
        `Where events are POSTed: http(s), at most ${MAX_WEBHOOK_URL_CHARS} characters. Its host ` +
        'must not resolve to a loopback, private or link-local address (else 400 webhook_refused)',
    }),
    format: z
      .enum(WEBHOOK_FORMATS)
      .default('json')
      .meta({ description: 'slack, teams (a Teams workflow) or json (signed; the default)' }),
  })
  .strict()

/** 1 version byte + 24-byte nonce + 16-byte tag: the smallest sealed message. */
const MIN_SEALED_BYTES = 1 + 24 + 16

export function createPushRequest(limits: Limits) {
  return z.object({
    kind: sealedKind.meta({
      description: 'What the ciphertext holds (file pushes go to POST /api/pushes/files)',
    }),
    ciphertext: ciphertextField(MIN_SEALED_BYTES).meta({
      description:
        '0x01 ‖ nonce ‖ XChaCha20-Poly1305 ciphertext, base64url; ' +
        `at most ${limits.maxTextCiphertextBytes} bytes decoded, else 413`,
    }),
    linkToken: base64urlOf(32, 'linkToken').meta({
      description: 'KDF(2, "hushlink", secret): proves the caller holds the full link',
    }),
    passphrase: z
      .object({
        salt: base64urlOf(16, 'passphrase.salt'),
        token: base64urlOf(32, 'passphrase.token').meta({ description: 'The pass token' }),
        opslimit,
        memlimit,
      })
      .nullable()
      .default(null)
      .meta({ description: 'Argon2id salt and cost plus the pass token, or null' }),
    expireAfterViews: z
      .number()
      .int()
      .min(limits.minViews)
      .max(limits.maxViews)
      .default(limits.defaultViews)
      .meta({ description: 'Reveals before the push ends' }),
    expireAfterSeconds: z
      .number()
      .int()
      .min(limits.minSeconds)
      .max(limits.maxSeconds)
      .default(limits.defaultSeconds)
      .meta({ description: 'Lifetime in seconds' }),
    retrievalStep: z
      .boolean()
      .default(true)
      .meta({ description: 'Recipient must press a button before the secret is revealed' }),
    deletableByViewer: z
      .boolean()
      .default(true)
      .meta({ description: 'Recipient may delete the push after viewing it' }),
    locale: pushLocale
      .nullable()
      .default(null)
      .meta({ description: 'Language the link opens in: a shipped locale, spelled as shipped' }),
    webhook: webhookRequest.nullable().default(null).meta({
      description: 'Told of views, failed views and the end (docs/api.md, Webhooks), or null',
    }),
  })
}
/** What a client sends (fields with defaults may be left out). */
export type CreatePushRequest = z.input<ReturnType<typeof createPushRequest>>

/** POST /api/pushes/files: the create fields without kind and ciphertext (the body is the upload). */
export function filePushOptions(limits: Limits) {
  return createPushRequest(limits).omit({ kind: true, ciphertext: true })
}
export type FilePushOptions = z.input<ReturnType<typeof filePushOptions>>
export type FilePushOptionsBody = z.output<ReturnType<typeof filePushOptions>>

/**
 * The link token is only type-checked here: a malformed one must look like a wrong one (404).
 * A malformed passToken can never be a guess of the right passphrase, so it is refused (400)
 * without using up one of the recipient's attempts.
 */
export const revealRequest = z.object({
  linkToken: z.string().max(200).meta({ description: 'A malformed one counts as wrong (404)' }),
  passToken: base64urlOf(32, 'passToken')
    .nullish()
    .meta({ description: 'Required when the push has a passphrase; null counts as missing' }),
})

export const burnRequest = z.object({ linkToken: z.string().max(200) })

export const createPushResponse = z.object({
  id: pushId,
  ownerToken: token.meta({
    description: 'Bearer token for DELETE and audit. Shown once; the server keeps only its hash.',
  }),
  expiresAt: time,
  viewsRemaining: count,
  webhookSecret: token.optional().meta({
    description:
      'Only with a webhook: the key of its HMAC-SHA256 signatures (docs/api.md, Webhooks). ' +
      'Shown once.',
  }),
})
export type CreatePushResponse = z.infer<typeof createPushResponse>

const passphraseParameters = z.object({ salt: base64urlOf(16, 'salt'), opslimit, memlimit })
export type PassphraseOnWire = z.infer<typeof passphraseParameters>

export const pushMetadata = z.object({
  id: pushId,
  kind: pushKind,
  status: z.literal('active'),
  viewsRemaining: count,
  expiresAt: time,
  retrievalStep: z.boolean(),
  deletableByViewer: z.boolean(),
  locale: locale.nullable(),
  size: count.meta({ description: 'Stored ciphertext (or upload) length in bytes' }),
  passphrase: passphraseParameters
    .nullable()
    .meta({ description: 'Argon2id salt and cost, or null' }),
})
export type PushMetadata = z.infer<typeof pushMetadata>

export const revealResponse = z.object({
  ciphertext: z.string().regex(BASE64URL).meta({
    description: 'base64url of what was stored: 0x01 ‖ nonce ‖ ct (a push), 0x03 ‖ box (an answer)',
  }),
  viewsRemaining: count,
  deletableByViewer: z.boolean(),
})
export type RevealResponse = z.infer<typeof revealResponse>

export const auditEvent = eventOf(z.enum(EVENT_KINDS))
export type AuditEvent = z.infer<typeof auditEvent>

/** A push as its owner sees it, without its trail: in the audit and in the signed-in user's list. */
export const pushState = z.object({
  id: pushId,
  kind: pushKind,
  status: z.enum(['active', 'ended']),
  reason: endReason.nullable(),
  createdAt: time,
  expiresAt: time,
  endedAt: time.nullable(),
  expireAfterViews: count,
  viewsRemaining: count,
})
export type PushState = z.infer<typeof pushState>

export const auditResponse = z.object({
  push: pushState,
  events: z.array(auditEvent).meta({ description: 'Oldest first' }),
  createdBy: z
    .object({ email: z.string().nullable() })
    .nullable()
    .optional()
    .meta({
      description:
        'Servers with sign-in only: the signed-in user who created the push (null: created ' +
        'anonymously); absent on servers without sign-in',
    }),
  failedViewsNotRecorded: z.object({ bad_link: count, ended: count }).meta({
    description:
      'Failed views per reason past the cap of events kept for that reason ' +
      '(HUSHLINK_MAX_FAILED_VIEW_EVENTS each): they happened, but have no event in `events`',
  }),
})
export type AuditResponse = z.infer<typeof auditResponse>
