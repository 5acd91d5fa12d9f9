// zod schemas of every API answer, checked at compile time against the types in protocol.ts.
import { z } from 'zod'
import {
  END_REASONS,
  EVENT_KINDS,
  ID_PATTERN,
  PUSH_KINDS,
  TOKEN_PATTERN,
  type ApiErrorBody,
  type AuditResponse,
  type CreatePushResponse,
  type PushMetadata,
  type RevealResponse,
  type ServerConfig,
} from '../src/lib/protocol'

const time = z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' })
const count = z.number().int().min(0)
const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/)
const pushId = z.string().regex(ID_PATTERN).meta({ description: '16 random bytes, base64url' })
const pushKind = z.enum(PUSH_KINDS)
const endReason = z.enum(END_REASONS)

export const createPushResponse = z.object({
  id: pushId,
  ownerToken: z.string().regex(TOKEN_PATTERN).meta({
    description: 'Bearer token for DELETE and audit. Shown once; the server keeps only its hash.',
  }),
  expiresAt: time,
  viewsRemaining: count,
})

const passphraseParams = z.object({ salt: base64url, opslimit: count, memlimit: count })

export const pushMetadata = z.object({
  id: pushId,
  kind: pushKind,
  status: z.literal('active'),
  viewsRemaining: count,
  expiresAt: time,
  retrievalStep: z.boolean(),
  deletableByViewer: z.boolean(),
  locale: z.string().nullable(),
  size: count.meta({ description: 'Stored ciphertext length in bytes' }),
  passphrase: passphraseParams.nullable().meta({ description: 'Argon2id salt and cost, or null' }),
})

export const revealResponse = z.object({
  ciphertext: base64url.meta({ description: '0x01 ‖ nonce ‖ XChaCha20-Poly1305 ciphertext' }),
  viewsRemaining: count,
  deletableByViewer: z.boolean(),
})

export const auditEvent = z.object({
  kind: z.enum(EVENT_KINDS),
  at: time,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  reason: z.string().nullable(),
})

export const auditResponse = z.object({
  push: z.object({
    id: pushId,
    kind: pushKind,
    status: z.enum(['active', 'ended']),
    reason: endReason.nullable(),
    createdAt: time,
    expiresAt: time,
    endedAt: time.nullable(),
    expireAfterViews: count,
    viewsRemaining: count,
  }),
  events: z.array(auditEvent).meta({ description: 'Oldest first' }),
  failedViewsNotRecorded: z.object({ bad_link: count, ended: count }).meta({
    description:
      'Failed views per reason past the cap of events kept for that reason ' +
      '(HUSHLINK_MAX_FAILED_VIEW_EVENTS each): they happened, but have no event in `events`',
  }),
})

export const serverConfig = z.object({
  version: z.literal(1),
  limits: z.object({
    minViews: count,
    maxViews: count,
    defaultViews: count,
    minSeconds: count,
    maxSeconds: count,
    defaultSeconds: count,
    maxTextCiphertextBytes: count,
    maxPassphraseAttempts: count,
    maxFileBytes: count.meta({ description: 'Total size of the files of one file push' }),
    maxFiles: count.meta({ description: 'Files per file push (checked by clients)' }),
  }),
  features: z.object({
    passphrase: z.boolean(),
    retrievalStep: z.boolean(),
    deletableByViewer: z.boolean(),
    files: z.boolean(),
  }),
})

export const apiError = z.object({
  error: z.string().meta({ description: 'Machine-readable code, e.g. invalid_input, ended' }),
  message: z.string().meta({ description: 'Human-readable text' }),
  reason: endReason.optional().meta({ description: 'Why a push ended (410 only)' }),
  attemptsRemaining: count.optional().meta({ description: 'Wrong passphrases left (403 only)' }),
})

export const health = z.object({ ok: z.literal(true) })
export const healthDown = z.object({ ok: z.literal(false), error: z.string(), message: z.string() })

// Compile-time drift checks: a field changed in protocol.ts must change here too.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Holds<T extends true> = T
export type SchemasMatchProtocol = [
  Holds<Same<z.infer<typeof createPushResponse>, CreatePushResponse>>,
  Holds<Same<z.infer<typeof pushMetadata>, PushMetadata>>,
  Holds<Same<z.infer<typeof revealResponse>, RevealResponse>>,
  Holds<Same<z.infer<typeof auditResponse>, AuditResponse>>,
  Holds<Same<z.infer<typeof serverConfig>, ServerConfig>>,
  Holds<Same<z.infer<typeof apiError>, ApiErrorBody>>,
]
