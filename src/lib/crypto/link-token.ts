// The link token without libsodium, so the recipient page can ask for a push's metadata while
// libsodium's wasm still downloads. linkToken = crypto_kdf_derive_from_key(32, 2, "hushlink", S)
// (docs/protocol.md), which libsodium computes as keyed BLAKE2b-256 (RFC 7693) of an empty message
// with the subkey id as salt and the context as personalisation: one compression, here in BigInt.
// link-token.test.ts checks it against libsodium. Nothing secret is derived here but the token,
// which the page sends to the server anyway.
import { SECRET_BYTES, TOKEN_BYTES } from './keys'

const MASK = (1n << 64n) - 1n
const IV = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
]
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
]
const LINK_TOKEN_SUBKEY = 2n
const CONTEXT = 'hushlink'

const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK

/** Little-endian 64-bit words of `bytes` (a multiple of 8 long). */
function words(bytes: Uint8Array): bigint[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return Array.from({ length: bytes.length / 8 }, (_, i) => view.getBigUint64(i * 8, true))
}

/** BLAKE2b's compression of the one, final block `m` (t bytes hashed so far, this block's included). */
function compressLast(h: bigint[], m: bigint[], t: bigint): void {
  const v = [...h, ...IV]
  v[12] ^= t
  v[14] ^= MASK
  const g = (a: number, b: number, c: number, d: number, x: bigint, y: bigint) => {
    v[a] = (v[a] + v[b] + x) & MASK
    v[d] = rotr(v[d] ^ v[a], 32n)
    v[c] = (v[c] + v[d]) & MASK
    v[b] = rotr(v[b] ^ v[c], 24n)
    v[a] = (v[a] + v[b] + y) & MASK
    v[d] = rotr(v[d] ^ v[a], 16n)
    v[c] = (v[c] + v[d]) & MASK
    v[b] = rotr(v[b] ^ v[c], 63n)
  }
  for (let round = 0; round < 12; round++) {
    const s = SIGMA[round % 10]
    g(0, 4, 8, 12, m[s[0]], m[s[1]])
    g(1, 5, 9, 13, m[s[2]], m[s[3]])
    g(2, 6, 10, 14, m[s[4]], m[s[5]])
    g(3, 7, 11, 15, m[s[6]], m[s[7]])
    g(0, 5, 10, 15, m[s[8]], m[s[9]])
    g(1, 6, 11, 12, m[s[10]], m[s[11]])
    g(2, 7, 8, 13, m[s[12]], m[s[13]])
    g(3, 4, 9, 14, m[s[14]], m[s[15]])
  }
  for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8]
}

/** libsodium's crypto_kdf_derive_from_key for a 32-byte subkey, context of 8 ASCII characters. */
export function kdfDerive32(subkeyId: bigint, context: string, key: Uint8Array): Uint8Array {
  if (key.length !== 32) throw new RangeError('KDF key must be 32 bytes')
  if (!/^[\x20-\x7e]{8}$/.test(context)) throw new RangeError('KDF context must be 8 characters')
  const personal = words(new TextEncoder().encode(context.padEnd(16, '\0')))
  const h = [...IV]
  // Parameter block: digest length 32, key length 32, fanout 1, depth 1; salt; personalisation.
  h[0] ^= 0x01010000n | (32n << 8n) | 32n
  h[4] ^= subkeyId
  h[6] ^= personal[0]
  h[7] ^= personal[1]
  const block = new Uint8Array(128)
  block.set(key)
  compressLast(h, words(block), 128n)
  const out = new Uint8Array(32)
  const view = new DataView(out.buffer)
  for (let i = 0; i < 4; i++) view.setBigUint64(i * 8, h[i], true)
  return out
}

/** The link token of a link secret S: what the recipient proves it holds the link with. */
export function deriveLinkToken(secret: Uint8Array): Uint8Array {
  if (secret.length !== SECRET_BYTES) throw new RangeError('link secret must be 32 bytes')
  return kdfDerive32(LINK_TOKEN_SUBKEY, CONTEXT, secret).subarray(0, TOKEN_BYTES)
}
