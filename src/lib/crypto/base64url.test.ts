// Strict base64url: round trips, and every non-canonical spelling refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { base64UrlLength, EncodingError, fromBase64Url, toBase64Url } from './base64url'

describe('toBase64Url / fromBase64Url', () => {
  it('round-trips any bytes and agrees with Node’s base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64url'))
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/)
        expect(text).toHaveLength(base64UrlLength(bytes.length))
        expect(Array.from(fromBase64Url(text))).toEqual(Array.from(bytes))
      }),
    )
  })

  it('encodes the RFC 4648 test vectors without padding', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ]
    for (const [plain, encoded] of cases) {
      expect(toBase64Url(new TextEncoder().encode(plain))).toBe(encoded)
    }
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_')
  })

  it('handles inputs larger than one encoding chunk (1 MiB)', () => {
    const bytes = Uint8Array.from({ length: 1024 * 1024 + 7 }, (_, i) => (i * 31) & 0xff)
    const text = toBase64Url(bytes)
    expect(text).toBe(Buffer.from(bytes).toString('base64url'))
    expect(Buffer.from(fromBase64Url(text)).equals(bytes)).toBe(true)
  })

  it('gives 22 characters for 16 bytes and 43 for 32', () => {
    expect(base64UrlLength(16)).toBe(22)
    expect(base64UrlLength(32)).toBe(43)
    expect(toBase64Url(new Uint8Array(32))).toHaveLength(43)
  })
})

describe('fromBase64Url rejects', () => {
  const bad: [string, string][] = [
    ['padding', 'Zg=='],
    ['a single "="', 'Zm8='],
    ['"+" from standard base64', 'ab+c'],
    ['"/" from standard base64', 'ab/c'],
    ['a space', 'Zm9v Zg'],
    ['a newline', 'Zm9v\nZg'],
    ['a trailing newline', 'Zm9v\n'],
    ['a tab', '\tZm9v'],
    ['a non-ASCII letter', 'Zm9vé'],
    ['length 1 mod 4', 'Z'],
    ['length 5', 'Zm9vY'],
    ['stray low bits after one byte', 'Zh'],
    ['stray low bits after two bytes', 'Zm9'],
    ['a non-canonical 32-byte secret', 'A'.repeat(42) + 'B'],
  ]
  for (const [name, text] of bad) {
    it(name, () => {
      expect(() => fromBase64Url(text)).toThrow(EncodingError)
    })
  }

  it('any string with a character outside the alphabet', () => {
    const outside = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
      .filter((c) => !/^[A-Za-z0-9_-]$/.test(c))
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 30 }), outside, fc.nat(), (bytes, char, at) => {
        const text = toBase64Url(bytes)
        const i = at % (text.length + 1)
        const spoiled = text.slice(0, i) + char + text.slice(i)
        expect(() => fromBase64Url(spoiled)).toThrow(EncodingError)
      }),
    )
  })

  it('every non-canonical last character', () => {
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((b) => b.length % 3 !== 0)
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 15 }), (bytes, bits) => {
        const text = toBase64Url(bytes)
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
        const unused = bytes.length % 3 === 1 ? 4 : 2
        const last = alphabet.indexOf(text[text.length - 1])
        const spoiled = last | (bits & ((1 << unused) - 1))
        fc.pre(spoiled !== last)
        expect(() => fromBase64Url(text.slice(0, -1) + alphabet[spoiled])).toThrow(EncodingError)
      }),
    )
  })
})
