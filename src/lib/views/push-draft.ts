// What the sender is filling in, and the checks made before anything is encrypted.
import { NONCE_BYTES, paddingBlockFor } from '$lib/crypto'
import {
  DEFAULT_LIMITS,
  sealedContentOf,
  type ContentProblem,
  type PushKind,
  type SealedContent,
  type SealedKind,
  type ServerConfig,
} from '$lib/protocol'
import type { ShippedLocale } from '$lib/i18n/shipped-locales'
import { filesProblem, type FilesProblem } from './file-draft'

/** What the push holds: text, a link, text shown as a QR code, or files (file-flow.ts). */
export type DraftKind = PushKind

export interface PushDraft {
  kind: DraftKind
  secret: string
  files: File[]
  views: number
  seconds: number
  passphrase: string
  /** '' lets the recipient's browser choose. */
  recipientLocale: ShippedLocale | ''
  /** The recipient clicks "reveal" before a view is used (docs/protocol.md `retrievalStep`). */
  retrievalStep: boolean
  deletableByViewer: boolean
}

export function emptyDraft(
  limits: Pick<ServerConfig['limits'], 'defaultViews' | 'defaultSeconds'> = DEFAULT_LIMITS,
): PushDraft {
  return {
    kind: 'text',
    secret: '',
    files: [],
    views: limits.defaultViews,
    seconds: limits.defaultSeconds,
    passphrase: '',
    recipientLocale: '',
    retrievalStep: true,
    deletableByViewer: true,
  }
}

/** Version byte, nonce and Poly1305 tag around the padded plaintext. */
const SEAL_OVERHEAD = 1 + NONCE_BYTES + 16

/** The exact ciphertext length sealContent will produce for a text push, without encrypting. */
export function sealedTextBytes(secret: string): number {
  const length = new TextEncoder().encode(
    JSON.stringify({ v: 1, kind: 'text', text: secret }),
  ).length
  const block = paddingBlockFor(length)
  // sodium_pad always adds at least one byte, up to the next multiple of the block.
  return (Math.floor(length / block) + 1) * block + SEAL_OVERHEAD
}

/** Problems whose message is `create.<problem>`; the others are `content.*` and `files.*`. */
export const CREATE_PROBLEMS = ['emptySecret', 'tooLarge', 'invalidViews', 'invalidExpiry'] as const

export type DraftProblem = (typeof CREATE_PROBLEMS)[number] | ContentProblem | FilesProblem

/** The first thing that stops the draft from being pushed, or null when it can go. */
export function draftProblem(
  draft: PushDraft,
  limits: ServerConfig['limits'],
): DraftProblem | null {
  if (draft.kind === 'file') {
    const problem = filesProblem(draft.files, limits)
    if (problem) return problem
  } else {
    const content = sealedContentOf(draft.kind, draft.secret)
    if (!content.ok) return content.problem
    if (sealedTextBytes(draft.secret) > limits.maxTextCiphertextBytes) return 'tooLarge'
  }
  const { views, seconds } = draft
  if (!Number.isInteger(views) || views < limits.minViews || views > limits.maxViews)
    return 'invalidViews'
  if (!Number.isFinite(seconds) || seconds < limits.minSeconds || seconds > limits.maxSeconds)
    return 'invalidExpiry'
  return null
}

/** The sealed content of a text, link or QR draft that draftProblem let through. */
export function draftContent(draft: Pick<PushDraft, 'kind' | 'secret'>): SealedContent {
  const content = sealedContentOf(draft.kind as SealedKind, draft.secret)
  if (!content.ok) throw new RangeError(`the draft cannot be sealed: ${content.problem}`)
  return content.content
}
