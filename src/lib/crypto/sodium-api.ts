// The libsodium functions and constants the app calls. The browser build keeps only these
// (build-plugins/slim-libsodium.ts drops the rest of libsodium), and the Sodium types of sodium.ts
// admit only these, so calling another one fails `npm run check` instead of failing in a browser.

/** From the standard build, loaded by every page. */
export const SODIUM_API = [
  'crypto_aead_xchacha20poly1305_ietf_decrypt',
  'crypto_aead_xchacha20poly1305_ietf_encrypt',
  'crypto_box_keypair',
  'crypto_box_seal',
  'crypto_box_seal_open',
  'crypto_generichash',
  'crypto_kdf_derive_from_key',
  'crypto_scalarmult_base',
  'crypto_secretstream_xchacha20poly1305_init_pull',
  'crypto_secretstream_xchacha20poly1305_init_push',
  'crypto_secretstream_xchacha20poly1305_pull',
  'crypto_secretstream_xchacha20poly1305_push',
  'crypto_secretstream_xchacha20poly1305_TAG_FINAL',
  'crypto_secretstream_xchacha20poly1305_TAG_MESSAGE',
  'pad',
  'randombytes_buf',
  'randombytes_uniform',
  'unpad',
] as const

/** From the sumo build, loaded only when a passphrase needs Argon2id. */
export const SODIUM_SUMO_API = [
  'crypto_generichash',
  'crypto_kdf_derive_from_key',
  'crypto_pwhash',
  'crypto_pwhash_ALG_ARGON2ID13',
  'crypto_pwhash_MEMLIMIT_INTERACTIVE',
  'crypto_pwhash_OPSLIMIT_INTERACTIVE',
  'randombytes_buf',
] as const
