// Sealed content against fixed ciphertexts, and every way a sealed blob can be wrong.
import sodium from 'libsodium-wrappers'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from './base64url'
import {
  DecryptionError,
  openSealed,
  sealContent,
  type SealedContent,
  type SealedKind,
} from './seal'

const fromHex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))
const counting = (from: number, length: number) => Uint8Array.from({ length }, (_, i) => from + i)

/** encKey of the secret 00 01 … 1f (see keys.test.ts). */
const ENC_KEY = fromHex('efe9a317fbde95a0a8d6a2308e10e79a03cef49e29ca40d2991e1ba2f339d595')
/** Content key of that secret with "correct horse battery staple" (see keys.test.ts). */
const PASS_KEY = fromHex('180613b6491c540fff334562121d4bd1717eb09bfcd6496948f89b08aded467c')

const TEXT_VECTOR = {
  content: { v: 1, kind: 'text', text: 'hello, hushlink' } as SealedContent,
  key: ENC_KEY,
  nonce: counting(0xa0, 24),
  sealed: [
    'AaChoqOkpaanqKmqq6ytrq-wsbKztLW2t5rKofPR6p8hG8UHI97QKmNGod82eD6hKOz1ZFRGcly_SJCnaMAtmX8F0hzj',
    'F57rOaldVwlbvF16Qarl5nRXVUS-DfnEJSSIQYtHq4KLgo7H3bmJDX8s5-SC1aS-eLCybz-6k8winX5uV7U-gm48qpSh',
    'YhUohZFYBZLhGRqYbU6sDSgqtu29OrTnaRORf5AXGdwlcVu0Zgb6pJ1bQzjtkRniDwg4NWLyz6_Pla5MGDRosKKfBpm-',
    'l-A0N1NNHP129nO--8zKCEgqaYRWeePd4KnfuM66ruE8jrb2skJVuxbvIySWfc_Vlyg0LaXcz8lG2NPArBn5CTd6p4_H',
    'AJgC3io03tkqXdZOsZwNKZuNlovq',
  ].join(''),
}

const URL_VECTOR = {
  content: { v: 1, kind: 'url', url: 'https://example.org/' } as SealedContent,
  key: PASS_KEY,
  nonce: counting(0x00, 24),
  sealed: [
    'AQABAgMEBQYHCAkKCwwNDg8QERITFBUWF75nfF4jEGnz-IZyumYBMIW8HxwEBSC33iqfJqq8jDsoY5svWIn8WTd5nWeQ',
    'ylmIdwapGszB-BDWdsJCFri0Fa_ZdStnxdKwboekwO7_6o7Iu3gZ9HMCk_PXDOpQ8GxZ93-Y1nFRAzGTpW3kyWfOkIqr',
    'eOjEkhZe5SmtGr4j_VNxLEEJ-8DLXZ7QYhG-PEPbKC9Pq3s6vaxzsNk0tKciS3gege5d_SULYpJssChGKleG3rh4V7yd',
    'ofnp4csGQ_p0k7yyJI-H3PDP8dk4U_PCfkqyMUzZpiW6JCl9b9FqMIez9-1x2zK_tTwAJzsaKmMvKyMtM_FoZ86f6qxV',
    '0naISgRg94QU5dKoDFDaaKyxQxFb',
  ].join(''),
}

/** Seals arbitrary plaintext bytes under any AD, to reach the checks behind a valid tag. */
function sealRaw(plaintext: string, ad: string, key: Uint8Array, padded = true): Uint8Array {
  const bytes = new TextEncoder().encode(plaintext)
  const body = padded ? sodium.pad(bytes, 256) : bytes
  const nonce = counting(0x10, 24)
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(body, ad, null, nonce, key)
  return new Uint8Array([0x01, ...nonce, ...ct])
}

function flipped(sealed: Uint8Array, index: number): Uint8Array {
  const copy = sealed.slice()
  copy[index] ^= 0x01
  return copy
}

beforeAll(async () => {
  await sodium.ready
})

describe('sealContent fixed vectors', () => {
  for (const [name, vector] of Object.entries({ text: TEXT_VECTOR, url: URL_VECTOR })) {
    it(`reproduces the ${name} vector byte for byte`, async () => {
      const sealed = await sealContent(vector.content, vector.key, vector.nonce)
      expect(toBase64Url(sealed)).toBe(vector.sealed)
      expect(sealed).toHaveLength(1 + 24 + 256 + 16)
      expect(sealed[0]).toBe(0x01)
      expect(Array.from(sealed.subarray(1, 25))).toEqual(Array.from(vector.nonce))
    })

    it(`opens the ${name} vector`, async () => {
      const kind = vector.content.kind
      const opened = await openSealed(fromBase64Url(vector.sealed), vector.key, kind)
      expect(opened).toEqual(vector.content)
    })
  }

  it('uses a fresh random nonce when none is given', async () => {
    const a = await sealContent(TEXT_VECTOR.content, ENC_KEY)
    const b = await sealContent(TEXT_VECTOR.content, ENC_KEY)
    expect(toBase64Url(a.subarray(1, 25))).not.toBe(toBase64Url(b.subarray(1, 25)))
    expect(await openSealed(a, ENC_KEY, 'text')).toEqual(TEXT_VECTOR.content)
  })

  it('refuses a nonce that is not 24 bytes', async () => {
    await expect(sealContent(TEXT_VECTOR.content, ENC_KEY, new Uint8Array(12))).rejects.toThrow(
      RangeError,
    )
  })
})

describe('openSealed rejects tampering', () => {
  const sealed = fromBase64Url(TEXT_VECTOR.sealed)
  const open = (blob: Uint8Array, key: Uint8Array = ENC_KEY, kind: SealedKind = 'text') =>
    openSealed(blob, key, kind)
  const cases: [string, Uint8Array][] = [
    ['first nonce byte', flipped(sealed, 1)],
    ['last nonce byte', flipped(sealed, 24)],
    ['first ciphertext byte', flipped(sealed, 25)],
    ['a padding byte', flipped(sealed, 25 + 200)],
    ['first tag byte', flipped(sealed, sealed.length - 16)],
    ['last tag byte', flipped(sealed, sealed.length - 1)],
    ['version byte 0x02', new Uint8Array([0x02, ...sealed.subarray(1)])],
    ['version byte 0x00', new Uint8Array([0x00, ...sealed.subarray(1)])],
    ['one byte cut off', sealed.subarray(0, sealed.length - 1)],
    ['only version, nonce and tag', sealed.subarray(0, 1 + 24 + 16)],
    ['shorter than a tag', sealed.subarray(0, 1 + 24 + 15)],
    ['nothing at all', new Uint8Array(0)],
    ['a byte appended', new Uint8Array([...sealed, 0])],
  ]
  for (const [name, blob] of cases) {
    it(`throws DecryptionError for ${name}`, async () => {
      await expect(open(blob)).rejects.toBeInstanceOf(DecryptionError)
    })
  }

  it('throws DecryptionError for a wrong key', async () => {
    await expect(open(sealed, PASS_KEY)).rejects.toBeInstanceOf(DecryptionError)
    await expect(open(sealed, flipped(ENC_KEY, 31))).rejects.toBeInstanceOf(DecryptionError)
  })

  it('throws DecryptionError when opened as another kind (the kind is in the AD)', async () => {
    for (const kind of ['url', 'qr'] as const) {
      await expect(open(sealed, ENC_KEY, kind)).rejects.toBeInstanceOf(DecryptionError)
    }
    const url = fromBase64Url(URL_VECTOR.sealed)
    await expect(open(url, PASS_KEY, 'text')).rejects.toBeInstanceOf(DecryptionError)
  })
})

describe('openSealed checks what is behind a valid tag', () => {
  const ad = 'hushlink:v1:text'
  const malformed: [string, Uint8Array][] = [
    ['JSON kind differs from the AD kind', sealRaw('{"v":1,"kind":"qr","text":"x"}', ad, ENC_KEY)],
    ['version 2 content', sealRaw('{"v":2,"kind":"text","text":"x"}', ad, ENC_KEY)],
    ['text that is not a string', sealRaw('{"v":1,"kind":"text","text":1}', ad, ENC_KEY)],
    ['JSON null', sealRaw('null', ad, ENC_KEY)],
    ['not JSON', sealRaw('hello', ad, ENC_KEY)],
    ['no padding', sealRaw('{"v":1,"kind":"text","text":"x"}', ad, ENC_KEY, false)],
  ]
  for (const [name, blob] of malformed) {
    it(`throws DecryptionError for ${name}`, async () => {
      await expect(openSealed(blob, ENC_KEY, 'text')).rejects.toBeInstanceOf(DecryptionError)
    })
  }

  it('accepts a hand-sealed blob built the way docs/protocol.md describes', async () => {
    const blob = sealRaw('{"v":1,"kind":"qr","text":"WIFI:S:x;;"}', 'hushlink:v1:qr', ENC_KEY)
    expect(await openSealed(blob, ENC_KEY, 'qr')).toEqual({ v: 1, kind: 'qr', text: 'WIFI:S:x;;' })
  })

  it('only lets http(s) links through as URL pushes', async () => {
    const evil = sealRaw(
      '{"v":1,"kind":"url","url":"javascript:alert(1)"}',
      'hushlink:v1:url',
      ENC_KEY,
    )
    await expect(openSealed(evil, ENC_KEY, 'url')).rejects.toBeInstanceOf(DecryptionError)
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'not a url']) {
      await expect(sealContent({ v: 1, kind: 'url', url }, ENC_KEY)).rejects.toThrow(RangeError)
    }
    const plain = await sealContent({ v: 1, kind: 'url', url: 'http://intranet/x' }, ENC_KEY)
    expect(await openSealed(plain, ENC_KEY, 'url')).toMatchObject({ url: 'http://intranet/x' })
  })
})
