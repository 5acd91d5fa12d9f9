// The link token without libsodium, so the recipient page can ask for a push's metadata while
// libsodium's wasm still downloads. linkToken = crypto_kdf_derive_from_key(32, 2, "hushlink", S)
// (docs/protocol.md), which libsodium computes as keyed BLAKE2b-256 (RFC 7693) of an empty message
// with the subkey id (8 bytes little-endian, zero-padded to 16) as salt and the context
// (zero-padded to 16) as personalisation. BLAKE2b comes from @noble/hashes (audited, no
// dependencies); link-token.test.ts checks the result against libsodium. Nothing secret is derived
// here but the token, which the page sends to the server anyway.
import { blake2b } from '@noble/hashes/blake2.js'
import { SECRET_BYTES, TOKEN_BYTES } from './keys'

const LINK_TOKEN_SUBKEY = 2n
const CONTEXT = 'hushlink'

/** libsodium's crypto_kdf_derive_from_key for a 32-byte subkey, context of 8 ASCII characters. */
export function kdfDerive32(subkeyId: bigint, context: string, key: Uint8Array): Uint8Array {
  if (key.length !== 32) throw new RangeError('KDF key must be 32 bytes')
  if (!/^[\x20-\x7e]{8}$/.test(context)) throw new RangeError('KDF context must be 8 characters')
  const salt = new Uint8Array(16)
  new DataView(salt.buffer).setBigUint64(0, subkeyId, true)
  const personalization = new TextEncoder().encode(context.padEnd(16, '\0'))
  return blake2b(new Uint8Array(0), { dkLen: 32, key, salt, personalization })
}

/** The link token of a link secret S: what the recipient proves it holds the link with. */
export function deriveLinkToken(secret: Uint8Array): Uint8Array {
  if (secret.length !== SECRET_BYTES) throw new RangeError('link secret must be 32 bytes')
  return kdfDerive32(LINK_TOKEN_SUBKEY, CONTEXT, secret).subarray(0, TOKEN_BYTES)
}
