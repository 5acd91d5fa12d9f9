// What a sealed push or a request's answer may hold, checked the same way in the app and the CLI
// before anything is encrypted.
import { QR_MAX_CHARACTERS, type SealedKind } from './vocabulary'

export type SealedContent =
  | { v: 1; kind: 'text'; text: string }
  | { v: 1; kind: 'qr'; text: string }
  | { v: 1; kind: 'url'; url: string }

/** A URL push must be a web link: a javascript: or data: URL must never reach an href. */
export function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

export type ContentProblem = 'emptySecret' | 'invalidUrl' | 'qrTooLong'

export type ContentCheck =
  { ok: true; content: SealedContent } | { ok: false; problem: ContentProblem }

/**
 * The content of `kind` that `input` makes, or why it cannot be sent: blank input (spaces only
 * too), a link that is not http(s), a QR text over QR_MAX_CHARACTERS. A link loses the spaces
 * around it; text and QR text are kept byte for byte.
 */
export function sealedContentOf(kind: SealedKind, input: string): ContentCheck {
  if (input.trim() === '') return { ok: false, problem: 'emptySecret' }
  if (kind === 'url') {
    const url = input.trim()
    return isWebUrl(url)
      ? { ok: true, content: { v: 1, kind, url } }
      : { ok: false, problem: 'invalidUrl' }
  }
  if (kind === 'qr' && Array.from(input).length > QR_MAX_CHARACTERS) {
    return { ok: false, problem: 'qrTooLong' }
  }
  return { ok: true, content: { v: 1, kind, text: input } }
}
