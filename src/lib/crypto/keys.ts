// Key schedule of docs/protocol.md: link secret → content key and link token; passphrase → pass token.
import { PASSPHRASE_BOUNDS } from '../protocol'
import { loadSodium, loadSodiumSumo } from './sodium'

export const SECRET_BYTES = 32
export const TOKEN_BYTES = 32
export const SALT_BYTES = 16
const CONTEXT = 'hushlink'
const PASSKEY_CONTEXT = 'passkey_'

export interface LinkKeys {
  /** Encrypts the content when there is no passphrase. Never leaves the client. */
  encKey: Uint8Array
  /** Proves to the server that the caller holds the full link. */
  linkToken: Uint8Array
}

export interface PassphraseParams {
  salt: Uint8Array
  opslimit: number
  memlimit: number
}

export interface PassphraseKeys {
  /** Sent on reveal; bound to the link secret so a stolen database cannot test guesses offline. */
  passToken: Uint8Array
  /** The content key K = BLAKE2b(encKey ‖ passKey). */
  contentKey: Uint8Array
}

/** 32 fresh random bytes: the secret that lives only in the link fragment. */
export async function generateSecret(): Promise<Uint8Array> {
  const sodium = await loadSodium()
  return sodium.randombytes_buf(SECRET_BYTES)
}

/** Subkeys 1 (encryption) and 2 (link token) of the link secret. */
export async function deriveLinkKeys(secret: Uint8Array): Promise<LinkKeys> {
  if (secret.length !== SECRET_BYTES) throw new RangeError('link secret must be 32 bytes')
  const sodium = await loadSodium()
  return {
    encKey: sodium.crypto_kdf_derive_from_key(32, 1, CONTEXT, secret),
    linkToken: sodium.crypto_kdf_derive_from_key(32, 2, CONTEXT, secret),
  }
}

/** Fresh salt with libsodium's INTERACTIVE Argon2id cost, the floor docs/protocol.md allows. */
export async function newPassphraseParams(): Promise<PassphraseParams> {
  const sodium = await loadSodiumSumo()
  return {
    salt: sodium.randombytes_buf(SALT_BYTES),
    opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
  }
}

/** Parameters come from the server on reveal: bounding them stops a hostile one hanging the page. */
function checkPassphraseParams({ salt, opslimit, memlimit }: PassphraseParams): void {
  const { minOpslimit, maxOpslimit, minMemlimit, maxMemlimit } = PASSPHRASE_BOUNDS
  if (salt.length !== SALT_BYTES) throw new RangeError('passphrase salt must be 16 bytes')
  if (!Number.isInteger(opslimit) || opslimit < minOpslimit || opslimit > maxOpslimit) {
    throw new RangeError('passphrase opslimit out of bounds')
  }
  if (!Number.isInteger(memlimit) || memlimit < minMemlimit || memlimit > maxMemlimit) {
    throw new RangeError('passphrase memlimit out of bounds')
  }
}

/** Argon2id over the NFKC passphrase, then the token and content key bound to the link secret. */
export async function derivePassphraseKeys(
  secret: Uint8Array,
  passphrase: string,
  params: PassphraseParams,
): Promise<PassphraseKeys> {
  checkPassphraseParams(params)
  const sodium = await loadSodiumSumo()
  const stretched = sodium.crypto_pwhash(
    32,
    new TextEncoder().encode(passphrase.normalize('NFKC')),
    params.salt,
    params.opslimit,
    params.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  )
  const { encKey } = await deriveLinkKeys(secret)
  const passBind = sodium.crypto_kdf_derive_from_key(32, 3, CONTEXT, secret)
  const passKey = sodium.crypto_kdf_derive_from_key(32, 2, PASSKEY_CONTEXT, stretched)
  const joined = new Uint8Array(64)
  joined.set(encKey, 0)
  joined.set(passKey, 32)
  return {
    passToken: sodium.crypto_generichash(32, stretched, passBind),
    contentKey: sodium.crypto_generichash(32, joined, null),
  }
}

/** BLAKE2b-256 of a token: all the server keeps of link, pass and owner tokens. */
export async function hashToken(token: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium()
  return sodium.crypto_generichash(32, token, null)
}
