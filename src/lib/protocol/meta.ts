// Wire shapes of GET /api/config and GET /api/health, and the error body of every 4xx answer.
import { z } from 'zod'
import type { ApiErrorCode } from './errors'
import { count, endReason, requestCloseReason } from './fields'
import { BRAND_NAME_MAX_CHARS, INSTANCE_NAME_MAX_CHARS } from './vocabulary'

const httpsUrl = z.string().regex(/^https:\/\/\S+$/)

export const brand = z
  .object({
    name: z.string().min(1).max(BRAND_NAME_MAX_CHARS).nullable().meta({
      description:
        "The operator's name (HUSHLINK_BRAND_NAME), shown in the header of every page instead of the product's name; null: the product's. Plain text, like instanceName",
    }),
    logoUrl: z.literal('/brand/logo').nullable().meta({
      description:
        "Where the instance serves the operator's logo (HUSHLINK_BRAND_LOGO: SVG, PNG or WebP), relative to the instance; null: the product's mark",
    }),
    accent: z.string().max(64).nullable().meta({
      description:
        'Accent colour (HUSHLINK_BRAND_ACCENT) as #rgb, #rrggbb, rgb(), hsl() or oklch(), without alpha; null: the default. The web app uses it as given in a theme where it has WCAG AA contrast, and the nearest darker or lighter shade of it that does in the other',
    }),
    imprintUrl: httpsUrl.nullable().meta({
      description: "Imprint (legal notice) link for the footer of the sender's pages",
    }),
    privacyUrl: httpsUrl.nullable().meta({
      description: "Privacy policy link for the footer of the sender's pages",
    }),
  })
  .meta({
    description:
      "How the operator brands the instance. Recipients' pages show only name and logo, never the links",
  })
export type Brand = z.infer<typeof brand>

export const serverConfig = z.object({
  version: z.literal(1),
  limits: z.object({
    minViews: count,
    maxViews: count,
    defaultViews: count,
    minSeconds: count,
    maxSeconds: count,
    defaultSeconds: count,
    maxTextCiphertextBytes: count.meta({
      description: 'Decoded ciphertext of a text push or a request answer',
    }),
    maxPassphraseAttempts: count,
    maxFileBytes: count.meta({
      description: 'Total size of the files of one file push; the upload limit follows from it',
    }),
    maxFiles: count.meta({ description: 'Files per file push (checked by clients only)' }),
  }),
  features: z.object({
    passphrase: z.boolean(),
    retrievalStep: z.boolean(),
    deletableByViewer: z.boolean(),
    files: z.boolean().meta({ description: 'Whether POST /api/pushes/files is served' }),
  }),
  instanceName: z.string().min(1).max(INSTANCE_NAME_MAX_CHARS).nullable().meta({
    description:
      'Who runs this server, as its operator names it (HUSHLINK_INSTANCE_NAME), for recipients to recognise; null when unnamed. Plain text: no control or bidi-control characters',
  }),
  brand,
})
export type ServerConfig = z.infer<typeof serverConfig>
export type Limits = ServerConfig['limits']

export const health = z.object({ ok: z.literal(true) })
export const healthDown = z.object({
  ok: z.literal(false),
  error: z.literal('database_unavailable'),
  message: z.string(),
})

/** The error body of every 4xx answer; `error` is one of API_ERRORS. */
export const apiError = z.object({
  error: z.string().meta({ description: 'Machine-readable code, e.g. invalid_input, ended' }),
  message: z.string().meta({ description: 'Human-readable text' }),
  reason: z
    .union([endReason, requestCloseReason])
    .optional()
    .meta({ description: 'Why a push ended or a request closed (410 only)' }),
  attemptsRemaining: count
    .optional()
    .meta({ description: 'Wrong passphrases left (403 bad_passphrase only)' }),
})
export type ApiErrorBody = z.infer<typeof apiError>

/** The error body of an answer with these codes: `error` is one of them, with the extras they use. */
export function errorBodyOf(codes: readonly ApiErrorCode[]) {
  const has = (code: ApiErrorCode) => codes.includes(code)
  const reasons = [
    ...(has('ended') ? [endReason] : []),
    ...(has('closed') ? [requestCloseReason] : []),
  ]
  const reason = reasons.length === 2 ? z.union([endReason, requestCloseReason]) : reasons[0]
  return z.object({
    error: z
      .enum(codes as [ApiErrorCode, ...ApiErrorCode[]])
      .meta({ description: 'Machine-readable code: the answer says when each is given' }),
    message: z.string().meta({ description: 'Human-readable text' }),
    ...(reason && { reason: reason.meta({ description: 'Why it ended or closed' }).optional() }),
    ...(has('bad_passphrase') && {
      attemptsRemaining: count.meta({ description: 'Wrong passphrases left' }).optional(),
    }),
  })
}
