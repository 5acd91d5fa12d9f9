// The server's base64url agrees with the shared one on every input, valid or not.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64Url, toBase64Url } from '../../src/lib/crypto'
import { decodeBase64Url, encodeBase64Url } from './base64url'

const decodes = (f: (text: string) => Uint8Array, text: string) => {
  try {
    return Array.from(f(text))
  } catch {
    return 'rejected'
  }
}

describe('server base64url', () => {
  it('encodes as the shared encoder does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(encodeBase64Url(bytes)).toBe(toBase64Url(bytes))
      }),
    )
  })

  it('accepts and rejects exactly what the shared decoder does', () => {
    const alphabet = fc.constantFrom(...'AQgw_-+/=A0z9 .\n'.split(''))
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (text) => {
        expect(decodes(decodeBase64Url, text)).toEqual(decodes(fromBase64Url, text))
      }),
      { numRuns: 5000 },
    )
    for (const text of ['', 'AA', 'AB', 'AAA', 'AAB', 'A', 'AA==', 'AAAA', '_-8']) {
      expect(decodes(decodeBase64Url, text)).toEqual(decodes(fromBase64Url, text))
    }
  })
})
