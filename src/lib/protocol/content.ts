// What a sealed push or a request's answer may hold, checked the same way in the app and the CLI
// before anything is encrypted. (SealedContent and isWebUrl stay in crypto/seal.ts: importing
// this module from there merged the request-box code into the recipient page's chunk.)
import { isWebUrl, type SealedContent } from '../crypto/seal'
import { QR_MAX_CHARACTERS, type SealedKind } from './vocabulary'

export { isWebUrl, type SealedContent }

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
