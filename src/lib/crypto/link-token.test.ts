import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deriveLinkKeys } from './keys'
import { deriveLinkToken, kdfDerive32 } from './link-token'
import { loadSodium } from './sodium'

describe('the link token without libsodium', () => {
  it('equals libsodium’s crypto_kdf_derive_from_key for any secret', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (secret) => {
        const { linkToken } = await deriveLinkKeys(secret)
        expect(deriveLinkToken(secret)).toEqual(linkToken)
      }),
      { numRuns: 200 },
    )
  })

  it('equals libsodium for other subkey ids and contexts, a large id included', async () => {
    const sodium = await loadSodium()
    const key = sodium.randombytes_buf(32)
    for (const [id, context] of [
      [0, 'hushlink'],
      [1, 'hushlink'],
      [3, 'passkey_'],
      [0x7fffffff, 'ABCDEFGH'],
    ] as const) {
      expect(kdfDerive32(BigInt(id), context, key)).toEqual(
        sodium.crypto_kdf_derive_from_key(32, id, context, key),
      )
    }
  })

  it('refuses a secret of the wrong length, as deriveLinkKeys does', () => {
    expect(() => deriveLinkToken(new Uint8Array(31))).toThrow(RangeError)
    expect(() => deriveLinkToken(new Uint8Array(33))).toThrow(RangeError)
    expect(() => kdfDerive32(1n, 'short', new Uint8Array(32))).toThrow(RangeError)
  })
})
