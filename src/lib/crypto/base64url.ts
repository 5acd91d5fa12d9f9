// Strict base64url without padding (RFC 4648 §5), the only encoding on the wire.

const ALPHABET = /^[A-Za-z0-9_-]*$/

export class EncodingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EncodingError'
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Decodes base64url; rejects padding, foreign characters and non-canonical trailing bits. */
export function fromBase64Url(text: string): Uint8Array {
  if (!ALPHABET.test(text) || text.length % 4 === 1) {
    throw new EncodingError('not base64url')
  }
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)
  const binary = atob(padded)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  if (toBase64Url(bytes) !== text) throw new EncodingError('non-canonical base64url')
  return bytes
}

/** Length in characters of an unpadded base64url encoding of `bytes` bytes. */
export function base64UrlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3)
}
