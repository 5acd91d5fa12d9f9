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
  /**
   * This tab opened the link before and wiped its key from the address bar, so a reload arrives
   * without one. `revealed`: the secret was shown here, not merely offered.
   */
  | { step: 'alreadyOpened'; revealed: boolean }
  /** The id is well formed but the key in the fragment is missing or damaged. */
  | { step: 'wrongLink' }
  | { step: 'ended'; reason: EndReason | null }
  | { step: 'unreachable' }
  | { step: 'undecryptable' }
  | { step: 'failed'; message: ErrorMessage }

/** What this tab remembers of a push it opened (never the key): offered, or shown. */
export type OpenedMark = 'offered' | 'revealed'

/**
 * Checks the link before any request: a bad id is unknown, a bad key an incomplete link, and no
 * key at all in a tab that opened this push before is the key this page itself wiped.
 */
export function stateForLink(
  id: string,
  fragment: string,
  opened: OpenedMark | null = null,
): RecipientState | null {
  if (!ID_PATTERN.test(id)) return { step: 'unknown' }
  if (fragment === '' && opened) return { step: 'alreadyOpened', revealed: opened === 'revealed' }
  if (!TOKEN_PATTERN.test(fragment)) return { step: 'wrongLink' }
  return null
}

/** The mark a state leaves in the tab, so a reload can tell what happened before. */
export function openedMarkOf(state: RecipientState): OpenedMark | null {
  if (state.step === 'ready') return 'offered'
  if (state.step === 'revealed' || state.step === 'revealedFiles') return 'revealed'
  return null
}

/**
 * The line under the ready page's title. It must never contradict what else is on screen: not
 * "nothing used up" while wrong passphrases count down, nor "sealed" while a view is being used.
 */
export type ReadyNote = 'sealed' | 'opening' | 'attemptsCount'

export function readyNoteOf(state: Extract<RecipientState, { step: 'ready' }>): ReadyNote {
  if (state.revealing) return 'opening'
  if (state.problem?.kind === 'badPassphrase') return 'attemptsCount'
  return 'sealed'
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
