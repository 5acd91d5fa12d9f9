// What the sender is filling in, and the checks made before anything is encrypted.
import { NONCE_BYTES, paddingBlockFor } from '$lib/crypto'
import { DEFAULT_LIMITS, type ServerConfig } from '$lib/protocol'
import { filesProblem, type FilesProblem } from './file-draft'

/** A text secret, or files (sealed as a stream, see file-flow.ts). */
export type DraftKind = 'text' | 'file'

export interface PushDraft {
  kind: DraftKind
  secret: string
  files: File[]
  views: number
  seconds: number
  passphrase: string
  /** '' lets the recipient's browser choose. */
  recipientLocale: string
  /** The recipient clicks "reveal" before a view is used (PROTOCOL.md `retrievalStep`). */
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

export type DraftProblem =
  'emptySecret' | 'tooLarge' | 'invalidViews' | 'invalidExpiry' | FilesProblem

/** The first thing that stops the draft from being pushed, or null when it can go. */
export function draftProblem(
  draft: PushDraft,
  limits: ServerConfig['limits'],
): DraftProblem | null {
  if (draft.kind === 'file') {
    const problem = filesProblem(draft.files, limits)
    if (problem) return problem
  } else {
    if (draft.secret.trim() === '') return 'emptySecret'
    if (sealedTextBytes(draft.secret) > limits.maxTextCiphertextBytes) return 'tooLarge'
  }
  const { views, seconds } = draft
  if (!Number.isInteger(views) || views < limits.minViews || views > limits.maxViews)
    return 'invalidViews'
  if (!Number.isFinite(seconds) || seconds < limits.minSeconds || seconds > limits.maxSeconds)
    return 'invalidExpiry'
  return null
}
