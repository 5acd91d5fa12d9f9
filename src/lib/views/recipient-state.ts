// The recipient page as a state machine: which screen an API answer leads to.
import type { ApiFailure } from '$lib/api/http'
import type { ReceivedFile } from '$lib/api/file-flow'
import type { SealedContent } from '$lib/crypto'
import { errorMessage, type ErrorMessage } from '$lib/i18n/error-message'
import {
  END_REASONS,
  ID_PATTERN,
  TOKEN_PATTERN,
  type ApiErrorBody,
  type EndReason,
  type PushMetadata,
} from '$lib/protocol'

/** A file of a file push, decrypted and ready to be saved under a sanitised name. */
export interface DecryptedFile {
  /** As the sender wrote it: sanitise before use (file-names.ts). */
  name: string
  size: number
  blob: Blob
}

/** Why the reveal form is asking again; the push is still alive. */
export type RevealProblem =
  | { kind: 'passphraseRequired' }
  | { kind: 'badPassphrase'; attemptsRemaining: number }
  | { kind: 'failed'; message: ErrorMessage }

export type RecipientState =
  | { step: 'loading' }
  | { step: 'ready'; meta: PushMetadata; revealing: boolean; problem: RevealProblem | null }
  | {
      step: 'revealed'
      content: SealedContent
      viewsRemaining: number
      expiresAt: string
      deletableByViewer: boolean
      burn: 'idle' | 'burning' | 'burned' | 'failed'
    }
  | {
      step: 'revealedFiles'
      files: DecryptedFile[]
      viewsRemaining: number
      expiresAt: string
      deletableByViewer: boolean
      burn: 'idle' | 'burning' | 'burned' | 'failed'
    }
  | { step: 'unknown' }
  /** The id is well formed but the key in the fragment is missing or damaged. */
  | { step: 'wrongLink' }
  | { step: 'ended'; reason: EndReason | null }
  | { step: 'unreachable' }
  | { step: 'undecryptable' }
  | { step: 'failed'; message: ErrorMessage }

/** Checks the link before any request: a bad id is unknown, a bad key an incomplete link. */
export function stateForLink(id: string, fragment: string): RecipientState | null {
  if (!ID_PATTERN.test(id)) return { step: 'unknown' }
  if (!TOKEN_PATTERN.test(fragment)) return { step: 'wrongLink' }
  return null
}

/** Without the retrieval step the page reveals at once, unless a passphrase must be typed. */
export function revealsOnLoad(meta: Pick<PushMetadata, 'retrievalStep' | 'passphrase'>): boolean {
  return meta.retrievalStep === false && meta.passphrase === null
}

function endReason(error: ApiErrorBody): EndReason | null {
  return END_REASONS.find((reason) => reason === error.reason) ?? null
}

/** Where a failed GET of the metadata leaves the page. */
export function stateAfterMetadataFailure(failure: Omit<ApiFailure, 'ok'>): RecipientState {
  const { status, error } = failure
  if (status === 0) return { step: 'unreachable' }
  if (status === 404) return { step: 'unknown' }
  if (status === 410) return { step: 'ended', reason: endReason(error) }
  return { step: 'failed', message: errorMessage(failure) }
}

/** Where a failed reveal leaves the page: wrong passphrases and passing trouble keep the form. */
export function stateAfterRevealFailure(
  meta: PushMetadata,
  failure: Omit<ApiFailure, 'ok'>,
): RecipientState {
  const { status, error } = failure
  if (status === 404 || status === 410) return stateAfterMetadataFailure(failure)
  const ready = (problem: RevealProblem): RecipientState => ({
    step: 'ready',
    meta,
    revealing: false,
    problem,
  })
  if (error.error === 'bad_passphrase') {
    const attemptsRemaining = error.attemptsRemaining ?? 0
    // The last wrong guess locks and ends the push: nothing is left to try.
    if (attemptsRemaining <= 0) return { step: 'ended', reason: 'locked' }
    return ready({ kind: 'badPassphrase', attemptsRemaining })
  }
  if (error.error === 'passphrase_required') return ready({ kind: 'passphraseRequired' })
  // Network trouble, a rate limit, a busy server: the form stays for another try.
  return ready({ kind: 'failed', message: errorMessage(failure) })
}

/** The screen after a file push's view: its files as blobs (octet-stream, never rendered). */
export function stateAfterFiles(
  meta: Pick<PushMetadata, 'expiresAt'>,
  files: ReceivedFile[],
  reveal: { viewsRemaining: number; deletableByViewer: boolean },
): RecipientState {
  return {
    step: 'revealedFiles',
    files: files.map(({ name, size, parts }) => ({
      name,
      size,
      blob: new Blob(parts as Uint8Array<ArrayBuffer>[], { type: 'application/octet-stream' }),
    })),
    viewsRemaining: reveal.viewsRemaining,
    expiresAt: meta.expiresAt,
    deletableByViewer: reveal.deletableByViewer,
    burn: 'idle',
  }
}
