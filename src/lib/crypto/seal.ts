// Sealing text, QR and URL content: JSON → sodium_pad → XChaCha20-Poly1305 with the kind in the AD.
import type { SealedKind } from '../protocol/vocabulary'
import { loadSodium } from './sodium'

export type { SealedKind }

export const FORMAT_VERSION = 0x01
export const NONCE_BYTES = 24
const TAG_BYTES = 16

export type SealedContent =
  | { v: 1; kind: 'text'; text: string }
  | { v: 1; kind: 'qr'; text: string }
  | { v: 1; kind: 'url'; url: string }

export class DecryptionError extends Error {
  constructor(message = 'this link cannot open the secret') {
    super(message)
    this.name = 'DecryptionError'
  }
}

/** Block size for sodium_pad: 256 below 4 KiB, then 1/16 to 1/32 of the length (a coarse size class). */
export function paddingBlockFor(length: number): number {
  if (length < 4096) return 256
  return 2 ** (Math.floor(Math.log2(length)) - 4)
}

function additionalData(kind: string): Uint8Array {
  return new TextEncoder().encode(`hushlink:v1:${kind}`)
}

/** A URL push must be a web link: a javascript: or data: URL must never reach an href. */
export function isWebUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/** Encrypts content under K; only a holder of K can read it, and only as the same kind. */
export async function sealContent(
  content: SealedContent,
  key: Uint8Array,
  nonce?: Uint8Array,
): Promise<Uint8Array> {
  if (content.kind === 'url' && !isWebUrl(content.url)) {
    throw new RangeError('only http(s) links can be sent as a URL push')
  }
  const sodium = await loadSodium()
  const plaintext = new TextEncoder().encode(JSON.stringify(content))
  const padded = sodium.pad(plaintext, paddingBlockFor(plaintext.length))
  const iv = nonce ?? sodium.randombytes_buf(NONCE_BYTES)
  if (iv.length !== NONCE_BYTES) throw new RangeError('nonce must be 24 bytes')
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    padded,
    additionalData(content.kind),
    null,
    iv,
    key,
  )
  const out = new Uint8Array(1 + NONCE_BYTES + ct.length)
  out[0] = FORMAT_VERSION
  out.set(iv, 1)
  out.set(ct, 1 + NONCE_BYTES)
  return out
}

/** Decrypts and checks the content; any tampering, wrong key or wrong kind throws DecryptionError. */
export async function openSealed(
  sealed: Uint8Array,
  key: Uint8Array,
  kind: SealedKind,
): Promise<SealedContent> {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT_VERSION) {
    throw new DecryptionError('unsupported or truncated ciphertext')
  }
  const sodium = await loadSodium()
  let padded: Uint8Array
  try {
    padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(1 + NONCE_BYTES),
      additionalData(kind),
      sealed.subarray(1, 1 + NONCE_BYTES),
      key,
    )
  } catch {
    throw new DecryptionError()
  }
  let content: unknown
  try {
    const plaintext = sodium.unpad(padded, padded.length)
    content = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch {
    throw new DecryptionError('the secret is malformed')
  }
  return checkContent(content, kind)
}

/** The decoded JSON as content of `kind`, or DecryptionError: never trust what a key opened. */
export function checkContent(value: unknown, kind: SealedKind): SealedContent {
  const c = value as Record<string, unknown> | null
  if (!c || typeof c !== 'object' || c.v !== 1 || c.kind !== kind) {
    throw new DecryptionError('the secret is malformed')
  }
  if ((kind === 'text' || kind === 'qr') && typeof c.text === 'string') {
    return { v: 1, kind, text: c.text }
  }
  if (kind === 'url' && typeof c.url === 'string' && isWebUrl(c.url)) {
    return { v: 1, kind, url: c.url }
  }
  throw new DecryptionError('the secret is malformed')
}
