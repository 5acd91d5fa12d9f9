// Answers to a request: anyone holding the requester's public key can seal one (crypto_box_seal),
// only the requester's private key opens it. Same JSON and padding as sealed pushes.
import { fromBase64Url, toBase64Url } from './base64url'
import {
  checkContent,
  DecryptionError,
  paddingBlockFor,
  type SealedContent,
  type SealedKind,
} from './seal'
import { loadSodium } from './sodium'

export const REQUEST_BOX_VERSION = 0x03
export const BOX_KEY_BYTES = 32
/** crypto_box_SEALBYTES: ephemeral public key (32) + MAC (16). */
const SEAL_OVERHEAD = 48

export interface RequestKeyPair {
  publicKey: Uint8Array
  privateKey: Uint8Array
}

/** A fresh X25519 key pair; the private key never leaves the requester. */
export async function generateRequestKeyPair(): Promise<RequestKeyPair> {
  const sodium = await loadSodium()
  const { publicKey, privateKey } = sodium.crypto_box_keypair()
  return { publicKey, privateKey }
}

/** The key pair of a private key (the public half is recomputed, never trusted from elsewhere). */
export async function requestKeyPairFrom(privateKey: Uint8Array): Promise<RequestKeyPair> {
  if (privateKey.length !== BOX_KEY_BYTES) throw new RangeError('private key must be 32 bytes')
  const sodium = await loadSodium()
  return { publicKey: sodium.crypto_scalarmult_base(privateKey), privateKey }
}

/** Seals content to the requester: the sender cannot open it again, nor can the server. */
export async function sealToRequest(
  content: SealedContent,
  publicKey: Uint8Array,
): Promise<Uint8Array> {
  if (publicKey.length !== BOX_KEY_BYTES) throw new RangeError('public key must be 32 bytes')
  checkContent(content, content.kind)
  const sodium = await loadSodium()
  const plaintext = new TextEncoder().encode(JSON.stringify(content))
  const sealed = sodium.crypto_box_seal(
    sodium.pad(plaintext, paddingBlockFor(plaintext.length)),
    publicKey,
  )
  const out = new Uint8Array(1 + sealed.length)
  out[0] = REQUEST_BOX_VERSION
  out.set(sealed, 1)
  return out
}

/** Opens an answer with the requester's key pair; tampering, a wrong key or kind throw DecryptionError. */
export async function openRequestAnswer(
  sealed: Uint8Array,
  keys: RequestKeyPair,
  kind: SealedKind,
): Promise<SealedContent> {
  if (sealed.length < 1 + SEAL_OVERHEAD || sealed[0] !== REQUEST_BOX_VERSION) {
    throw new DecryptionError('unsupported or truncated ciphertext')
  }
  const sodium = await loadSodium()
  let content: unknown
  try {
    const padded = sodium.crypto_box_seal_open(sealed.subarray(1), keys.publicKey, keys.privateKey)
    const plaintext = sodium.unpad(padded, padded.length)
    content = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch {
    throw new DecryptionError()
  }
  return checkContent(content, kind)
}

/** The requester's private link fragment: private key ‖ owner token, base64url (86 chars). */
export function requestFragment(privateKey: Uint8Array, ownerToken: string): string {
  const token = fromBase64Url(ownerToken)
  const joined = new Uint8Array(privateKey.length + token.length)
  joined.set(privateKey, 0)
  joined.set(token, privateKey.length)
  return toBase64Url(joined)
}

/** Splits a private link fragment back into the private key and owner token. */
export function parseRequestFragment(fragment: string): {
  privateKey: Uint8Array
  ownerToken: string
} {
  const bytes = fromBase64Url(fragment)
  if (bytes.length !== 64) throw new RangeError('a request key is 64 bytes')
  return { privateKey: bytes.slice(0, 32), ownerToken: toBase64Url(bytes.slice(32)) }
}
