// One zod schema per request body, built from the configured limits.
import { z } from 'zod'
import { fromBase64Url } from '../src/lib/crypto'
import { PASSPHRASE_BOUNDS } from '../src/lib/protocol'
import type { Config } from './config'
import { pushLocale } from './push-locale'

const decodesTo = (text: string, bytes: number) => {
  try {
    return fromBase64Url(text).length === bytes
  } catch {
    return false
  }
}

/** Canonical base64url of exactly `bytes` bytes: a stray trailing bit would hash differently. */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .max(Math.ceil((bytes * 4) / 3))
    .refine((text) => decodesTo(text, bytes), `${what} must be ${bytes} bytes in base64url`)

/** 1 version byte + 24-byte nonce + 16-byte tag: the smallest sealed message. */
const MIN_CIPHERTEXT_CHARS = Math.ceil(((1 + 24 + 16) * 4) / 3)

export function createPushSchema(limits: Config['limits']) {
  return z.object({
    kind: z.enum(['text', 'url', 'qr']),
    // The size limit is checked by the handler so that it can answer 413, not 400.
    ciphertext: z
      .string()
      .min(MIN_CIPHERTEXT_CHARS, 'ciphertext is too short')
      .regex(/^[A-Za-z0-9_-]+$/, 'ciphertext must be base64url'),
    linkToken: base64url(32, 'linkToken'),
    passphrase: z
      .object({
        salt: base64url(16, 'passphrase.salt'),
        token: base64url(32, 'passphrase.token'),
        opslimit: z.number().int().min(PASSPHRASE_BOUNDS.minOpslimit).max(PASSPHRASE_BOUNDS.maxOpslimit),
        memlimit: z.number().int().min(PASSPHRASE_BOUNDS.minMemlimit).max(PASSPHRASE_BOUNDS.maxMemlimit),
      })
      .nullable()
      .default(null),
    expireAfterViews: z.number().int().min(limits.minViews).max(limits.maxViews).default(limits.defaultViews),
    expireAfterSeconds: z
      .number()
      .int()
      .min(limits.minSeconds)
      .max(limits.maxSeconds)
      .default(limits.defaultSeconds),
    retrievalStep: z.boolean().default(true),
    deletableByViewer: z.boolean().default(true),
    locale: pushLocale.nullable().default(null),
  })
}

/**
 * The link token is only type-checked here: a malformed one must look like a wrong one (404).
 * A malformed passToken can never be a guess of the right passphrase, so it is refused (400)
 * without using up one of the recipient's attempts.
 */
export const revealSchema = z.object({
  linkToken: z.string().max(200),
  passToken: base64url(32, 'passToken').nullish(),
})

export const burnSchema = z.object({ linkToken: z.string().max(200) })

export type CreatePushBody = z.infer<ReturnType<typeof createPushSchema>>

/** POST /api/pushes/files: the create fields without kind and ciphertext (the body is the upload). */
export function filePushOptionsSchema(limits: Config['limits']) {
  return createPushSchema(limits).omit({ kind: true, ciphertext: true })
}

export type FilePushOptionsBody = z.infer<ReturnType<typeof filePushOptionsSchema>>
