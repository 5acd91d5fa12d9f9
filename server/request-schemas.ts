// Request bodies of /api/requests, built from the configured limits.
import { z } from 'zod'
import { fromBase64Url } from '../src/lib/crypto'
import { REQUEST_LIMITS } from '../src/lib/protocol'
import type { Config } from './config'

const publicKey = z
  .string()
  .max(43)
  .refine((text) => {
    try {
      return fromBase64Url(text).length === 32
    } catch {
      return false
    }
  }, 'publicKey must be 32 bytes in base64url')

export function createRequestSchema(limits: Config['limits']) {
  const seconds = z.number().int().min(limits.minSeconds).max(limits.maxSeconds)
  return z.object({
    publicKey,
    label: z.string().trim().min(1, 'label is required').max(REQUEST_LIMITS.maxLabelChars),
    answersAllowed: z
      .number()
      .int()
      .min(REQUEST_LIMITS.minAnswers)
      .max(REQUEST_LIMITS.maxAnswers)
      .default(REQUEST_LIMITS.defaultAnswers),
    openSeconds: seconds.default(Math.min(REQUEST_LIMITS.defaultOpenSeconds, limits.maxSeconds)),
    pushViews: z
      .number()
      .int()
      .min(limits.minViews)
      .max(limits.maxViews)
      .default(limits.defaultViews),
    pushSeconds: seconds.default(limits.defaultSeconds),
  })
}

/** 0x03 + crypto_box_seal's 48 bytes + one padded block of 256: the smallest answer. */
const MIN_ANSWER_CHARS = Math.ceil(((1 + 48 + 256) * 4) / 3)

export const answerRequestSchema = z.object({
  kind: z.enum(['text', 'url', 'qr']),
  // The size limit is checked by the handler so that it can answer 413, not 400.
  ciphertext: z
    .string()
    .min(MIN_ANSWER_CHARS, 'ciphertext is too short')
    .regex(/^[A-Za-z0-9_-]+$/, 'ciphertext must be base64url'),
})
