// base64url on Node's own encoder, for the server's hot paths. The shared one (src/lib/crypto)
// must also run in browsers and costs several times more: a tenth of a reveal (docs/performance.md).
import { EncodingError } from '../../src/lib/crypto'

/** base64url without padding, as toBase64Url of src/lib/crypto. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
}

/**
 * As strict as fromBase64Url of src/lib/crypto: Node's decoder skips what it cannot read, so only
 * text that encodes back to itself (no padding, foreign characters or stray bits) is accepted.
 */
export function decodeBase64Url(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64url')
  if (bytes.toString('base64url') !== text) throw new EncodingError('not canonical base64url')
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
