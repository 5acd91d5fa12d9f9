// Wire shapes of /api/requests (docs/protocol.md "Requests"): a requester publishes a public key,
// senders seal answers to it, and each answer becomes a push only the requester can reveal.
import { z } from 'zod'
import {
  base64urlOf,
  ciphertextField,
  count,
  endReason,
  eventOf,
  pushId,
  requestCloseReason,
  sealedKind,
  time,
  token,
} from './fields'
import type { Limits } from './meta'
import { REQUEST_EVENT_KINDS, REQUEST_LIMITS } from './vocabulary'

const publicKey = base64urlOf(32, 'publicKey').meta({
  description: "The requester's crypto_box public key, 32 bytes",
})

export function createRequestBody(limits: Limits) {
  const seconds = z.number().int().min(limits.minSeconds).max(limits.maxSeconds)
  return z.object({
    publicKey,
    label: z
      .string()
      .trim()
      .min(1, 'label is required')
      .max(REQUEST_LIMITS.maxLabelChars)
      .meta({ description: 'Plaintext shown to anyone with the public link (trimmed)' }),
    answersAllowed: z
      .number()
      .int()
      .min(REQUEST_LIMITS.minAnswers)
      .max(REQUEST_LIMITS.maxAnswers)
      .default(REQUEST_LIMITS.defaultAnswers)
      .meta({ description: 'Answers accepted before the request closes' }),
    openSeconds: seconds
      .default(Math.min(REQUEST_LIMITS.defaultOpenSeconds, limits.maxSeconds))
      .meta({ description: 'How long the request takes answers' }),
    pushViews: z
      .number()
      .int()
      .min(limits.minViews)
      .max(limits.maxViews)
      .default(limits.defaultViews)
      .meta({ description: 'Views of each answer push' }),
    pushSeconds: seconds
      .default(limits.defaultSeconds)
      .meta({ description: 'Lifetime of each answer push' }),
  })
}
export type CreateRequestBody = z.input<ReturnType<typeof createRequestBody>>

/** 0x03 + crypto_box_seal's 48 bytes + one padded block of 256: the smallest answer. */
const MIN_ANSWER_BYTES = 1 + 48 + 256

export function answerRequestBody(limits: Limits) {
  return z.object({
    kind: sealedKind,
    ciphertext: ciphertextField(MIN_ANSWER_BYTES).meta({
      description:
        '0x03 ‖ crypto_box_seal(padded JSON, publicKey), base64url; ' +
        `at most ${limits.maxTextCiphertextBytes} bytes decoded, else 413`,
    }),
  })
}
export type AnswerRequestBody = z.input<ReturnType<typeof answerRequestBody>>

export const createRequestResponse = z.object({
  id: pushId,
  ownerToken: token.meta({
    description:
      'Bearer token for the requester: list answers, reveal them, and audit or DELETE an answer ' +
      'push. Shown once; the server keeps only its hash.',
  }),
  expiresAt: time,
})
export type CreateRequestResponse = z.infer<typeof createRequestResponse>

/** GET /api/requests/{id}: what a sender sees (no token needed). */
export const requestInfo = z.object({
  id: pushId,
  label: z.string().max(REQUEST_LIMITS.maxLabelChars).meta({ description: 'Plaintext' }),
  publicKey,
  status: z.enum(['open', 'closed']),
  reason: requestCloseReason.nullable().meta({ description: 'Why it closed; null while open' }),
  expiresAt: time,
  answersRemaining: count,
})
export type RequestInfo = z.infer<typeof requestInfo>

export const answerRequestResponse = z.object({ answersRemaining: count })
export type AnswerRequestResponse = z.infer<typeof answerRequestResponse>

export const requestAnswer = z.object({
  id: pushId.meta({
    description: "The answer push: its audit and DELETE take the request's owner token",
  }),
  kind: sealedKind,
  status: z.enum(['active', 'ended']),
  reason: endReason.nullable(),
  createdAt: time,
  expiresAt: time,
  viewsRemaining: count,
})
export type RequestAnswer = z.infer<typeof requestAnswer>

export const requestEvent = eventOf(z.enum(REQUEST_EVENT_KINDS))
export type RequestEvent = z.infer<typeof requestEvent>

/** GET /api/requests/{id}/answers with the owner token. */
export const requestAnswersResponse = z.object({
  request: requestInfo.extend({
    createdAt: time,
    answersAllowed: count,
    pushViews: count,
    pushSeconds: count,
  }),
  answers: z.array(requestAnswer).meta({ description: 'Oldest first' }),
  events: z.array(requestEvent).meta({ description: 'Oldest first' }),
})
export type RequestAnswersResponse = z.infer<typeof requestAnswersResponse>
