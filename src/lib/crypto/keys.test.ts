// Key schedule against fixed vectors (docs/protocol.md, "Test vectors") and the KDF's definition.
import sumo from 'libsodium-wrappers-sumo'
import { beforeAll, describe, expect, it } from 'vitest'
import { toBase64Url } from './base64url'
import { deriveLinkKeys, derivePassphraseKeys, hashToken, newPassphraseParams } from './keys'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const fromHex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i)
const SALT = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i)
const PARAMS = { salt: SALT, opslimit: 2, memlimit: 67108864 }

const LINK_VECTOR = {
  encKey: 'efe9a317fbde95a0a8d6a2308e10e79a03cef49e29ca40d2991e1ba2f339d595',
  linkToken: 'f5c48734f5b7366ae57403efbd7e190fb406443f4770348c285410f5739df4d8',
  linkTokenB64: '9cSHNPW3NmrldAPvvX4ZD7QGRD9HcDSMKFQQ9XOd9Ng',
  linkTokenHash: 'af7ee605cbfe4fc61a8b491153c34ce9056044a030e57b12d2b90a7a83267d1a',
}

const PASS_VECTOR = {
  stretched: '9f922aadb7bb4669d81445e06bd8d77bad4180ec8256934a45e1ed68429ce5a6',
  passBind: 'cc0cccbdf92c4186496d299e55ca3071d5b74849cbe04f81cbeecd6911758fd6',
  passKey: 'afb6d4ce306ea0885b6d2d622c8b8c9379b1820e2d1ca9644c7ce3b2baa15b91',
  passToken: 'ee7936437e9ecea2afd6fd4c8e5dfe824294593dcfab8f33a3564e50398bd81f',
  passTokenB64: '7nk2Q36ezqKv1v1Mjl3-gkKUWT3Pq48zo1ZOUDmL2B8',
  saltB64: '8PHy8_T19vf4-fr7_P3-_w',
  passTokenHash: '8e0ab8e20e2c211c75cdbcc5575016e3b963ab7c239e815c7963874a72330fa8',
  contentKey: '180613b6491c540fff334562121d4bd1717eb09bfcd6496948f89b08aded467c',
}

/** "fi Å" after NFKC; the same for every spelling in NFKC_SPELLINGS. */
const NFKC_VECTOR = {
  passToken: '9cc359a7c43a7308de493fc80499dab00c497cce8bc5121a73079ba7fe303339',
  contentKey: '8a1f58b6a64bc1d95b80aaa2c00140b0f6a01c34b135d49f37e11f13af504647',
}
const NFKC_SPELLINGS = [
  'fi \u00c5', // already NFKC: "fi", composed Å
  '\ufb01 A\u030a', // "ﬁ" ligature, A + combining ring
  '\ufb01 \u212b', // "ﬁ" ligature, ANGSTROM SIGN
]

/** crypto_kdf_derive_from_key as libsodium documents it: keyed BLAKE2b with salt and personal. */
function kdfByDefinition(id: number, context: string, key: Uint8Array): string {
  const salt = new Uint8Array(16)
  new DataView(salt.buffer).setBigUint64(0, BigInt(id), true)
  const personal = new Uint8Array(16)
  personal.set(new TextEncoder().encode(context))
  return hex(sumo.crypto_generichash_blake2b_salt_personal(32, key, salt, personal))
}

beforeAll(async () => {
  await sumo.ready
})

describe('deriveLinkKeys', () => {
  it('matches the fixed vector for the secret 00 01 … 1f', async () => {
    const { encKey, linkToken } = await deriveLinkKeys(SECRET)
    expect(hex(encKey)).toBe(LINK_VECTOR.encKey)
    expect(hex(linkToken)).toBe(LINK_VECTOR.linkToken)
    expect(toBase64Url(linkToken)).toBe(LINK_VECTOR.linkTokenB64)
    expect(hex(await hashToken(linkToken))).toBe(LINK_VECTOR.linkTokenHash)
  })

  it('uses subkeys 1 and 2 of context "hushlink", per the KDF definition', async () => {
    const { encKey, linkToken } = await deriveLinkKeys(SECRET)
    expect(hex(encKey)).toBe(kdfByDefinition(1, 'hushlink', SECRET))
    expect(hex(linkToken)).toBe(kdfByDefinition(2, 'hushlink', SECRET))
  })

  it('gives unrelated keys for secrets one bit apart', async () => {
    const other = SECRET.slice()
    other[31] ^= 1
    const a = await deriveLinkKeys(SECRET)
    const b = await deriveLinkKeys(other)
    expect(hex(b.encKey)).not.toBe(hex(a.encKey))
    expect(hex(b.linkToken)).not.toBe(hex(a.linkToken))
    expect(hex(a.encKey)).not.toBe(hex(a.linkToken))
  })

  it('rejects secrets that are not 32 bytes', async () => {
    await expect(deriveLinkKeys(new Uint8Array(31))).rejects.toThrow(RangeError)
    await expect(deriveLinkKeys(new Uint8Array(33))).rejects.toThrow(RangeError)
  })
})

describe('hashToken', () => {
  it('is unkeyed BLAKE2b-256', async () => {
    const token = fromHex(LINK_VECTOR.linkToken)
    expect(hex(await hashToken(token))).toBe(hex(sumo.crypto_generichash(32, token, null)))
  })
})

describe('derivePassphraseKeys', () => {
  it('matches the fixed vector for "correct horse battery staple"', async () => {
    const keys = await derivePassphraseKeys(SECRET, 'correct horse battery staple', PARAMS)
    expect(hex(keys.passToken)).toBe(PASS_VECTOR.passToken)
    expect(toBase64Url(keys.passToken)).toBe(PASS_VECTOR.passTokenB64)
    expect(toBase64Url(SALT)).toBe(PASS_VECTOR.saltB64)
    expect(hex(keys.contentKey)).toBe(PASS_VECTOR.contentKey)
    expect(hex(await hashToken(keys.passToken))).toBe(PASS_VECTOR.passTokenHash)
  })

  it('follows the key schedule of docs/protocol.md step by step', async () => {
    const passphrase = 'correct horse battery staple'
    const stretched = sumo.crypto_pwhash(
      32,
      new TextEncoder().encode(passphrase),
      SALT,
      2,
      67108864,
      sumo.crypto_pwhash_ALG_ARGON2ID13,
    )
    const passBind = fromHex(kdfByDefinition(3, 'hushlink', SECRET))
    const passKey = fromHex(kdfByDefinition(2, 'passkey_', stretched))
    expect(hex(stretched)).toBe(PASS_VECTOR.stretched)
    expect(hex(passBind)).toBe(PASS_VECTOR.passBind)
    expect(hex(passKey)).toBe(PASS_VECTOR.passKey)
    const joined = new Uint8Array([...fromHex(LINK_VECTOR.encKey), ...passKey])
    expect(hex(sumo.crypto_generichash(32, stretched, passBind))).toBe(PASS_VECTOR.passToken)
    expect(hex(sumo.crypto_generichash(32, joined, null))).toBe(PASS_VECTOR.contentKey)
  })

  it('normalizes the passphrase to NFKC before stretching it', async () => {
    for (const spelling of NFKC_SPELLINGS) {
      const keys = await derivePassphraseKeys(SECRET, spelling, PARAMS)
      expect(hex(keys.passToken), spelling).toBe(NFKC_VECTOR.passToken)
      expect(hex(keys.contentKey), spelling).toBe(NFKC_VECTOR.contentKey)
    }
    const raw = sumo.crypto_pwhash(
      32,
      new TextEncoder().encode(NFKC_SPELLINGS[1]),
      SALT,
      2,
      67108864,
      sumo.crypto_pwhash_ALG_ARGON2ID13,
    )
    const passBind = fromHex(kdfByDefinition(3, 'hushlink', SECRET))
    expect(hex(sumo.crypto_generichash(32, raw, passBind))).not.toBe(NFKC_VECTOR.passToken)
  })

  it('refuses Argon2 costs and salts outside the protocol bounds', async () => {
    const run = (params: Partial<typeof PARAMS>) =>
      derivePassphraseKeys(SECRET, 'x', { ...PARAMS, ...params })
    await expect(run({ opslimit: 1 })).rejects.toThrow(RangeError)
    await expect(run({ opslimit: 11 })).rejects.toThrow(RangeError)
    await expect(run({ opslimit: 2.5 })).rejects.toThrow(RangeError)
    await expect(run({ memlimit: 64 * 1024 * 1024 - 1 })).rejects.toThrow(RangeError)
    await expect(run({ memlimit: 256 * 1024 * 1024 + 1 })).rejects.toThrow(RangeError)
    await expect(run({ salt: new Uint8Array(15) })).rejects.toThrow(RangeError)
  })
})

describe('newPassphraseParams', () => {
  it('uses a fresh 16-byte salt and the INTERACTIVE cost', async () => {
    const a = await newPassphraseParams()
    const b = await newPassphraseParams()
    expect(a.salt).toHaveLength(16)
    expect(hex(a.salt)).not.toBe(hex(b.salt))
    expect(a.opslimit).toBe(sumo.crypto_pwhash_OPSLIMIT_INTERACTIVE)
    expect(a.memlimit).toBe(sumo.crypto_pwhash_MEMLIMIT_INTERACTIVE)
  })
})
