// Padding rule of docs/protocol.md and round trips from empty text to 1 MiB.
import sodium from 'libsodium-wrappers'
import { beforeAll, describe, expect, it } from 'vitest'
import { openSealed, paddingBlockFor, sealContent, type SealedContent } from './seal'

const KEY = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i)
const KIB = 1024

/** The padded length sodium_pad yields: the next multiple of the block strictly above L. */
function paddedLength(length: number): number {
  const block = paddingBlockFor(length)
  return length + block - (length % block)
}

/** A string of exactly `bytes` UTF-8 bytes, cycling 1-, 2-, 3- and 4-byte characters. */
function textOfBytes(bytes: number, multiByte: boolean): string {
  if (!multiByte) return 'a'.repeat(bytes)
  const cycle = ['a', 'é', '€', '😀']
  let text = ''
  let used = 0
  for (let i = 0; used < bytes; i++) {
    const char = cycle[i % cycle.length]
    const size = new TextEncoder().encode(char).length
    const next = size <= bytes - used ? char : 'a'
    text += next
    used += next === char ? size : 1
  }
  return text
}

beforeAll(async () => {
  await sodium.ready
})

describe('paddingBlockFor', () => {
  it('is 256 below 4096 bytes', () => {
    for (const length of [0, 1, 255, 256, 1000, 4095]) expect(paddingBlockFor(length)).toBe(256)
  })

  it('is 2^(floor(log2 L) - 4) from 4096 on, exact at every power of two', () => {
    for (let k = 12; k <= 40; k++) {
      expect(paddingBlockFor(2 ** k), `2^${k}`).toBe(2 ** (k - 4))
      expect(paddingBlockFor(2 ** k + 1), `2^${k}+1`).toBe(2 ** (k - 4))
      if (k > 12) expect(paddingBlockFor(2 ** k - 1), `2^${k}-1`).toBe(2 ** (k - 5))
    }
    expect(paddingBlockFor(65 * KIB)).toBe(4096)
    expect(paddingBlockFor(KIB * KIB)).toBe(65536)
  })

  it('costs at most one block, and from 4096 on a block is at most L/16', () => {
    for (const length of [4096, 5000, 8191, 100_000, 1_048_575]) {
      const overhead = paddedLength(length) - length
      expect(overhead).toBeGreaterThan(0)
      expect(overhead).toBeLessThanOrEqual(paddingBlockFor(length))
      expect(paddingBlockFor(length)).toBeLessThanOrEqual(length / 16)
    }
  })

  it('matches what sodium_pad produces and sodium_unpad(buf, buf.length) undoes', () => {
    for (const length of [0, 1, 255, 256, 4095, 4096, 4097, 70_000]) {
      const plain = new Uint8Array(length).fill(0x80)
      const padded = sodium.pad(plain, paddingBlockFor(length))
      expect(padded.length, `L=${length}`).toBe(paddedLength(length))
      expect(padded[length]).toBe(0x80)
      expect(padded.subarray(length + 1).every((b) => b === 0)).toBe(true)
      expect(sodium.unpad(padded, padded.length)).toEqual(plain)
    }
  })
})

describe('seal/open round trips', () => {
  const sizes = [0, 1, 255, 256, 4095, 4096, 4097, 65 * KIB, KIB * KIB]
  for (const multiByte of [false, true]) {
    for (const size of sizes) {
      const label = `${size} bytes of ${multiByte ? 'multi-byte' : 'ASCII'} text`
      it(`round-trips ${label} with the padded length of docs/protocol.md`, async () => {
        const text = textOfBytes(size, multiByte)
        expect(new TextEncoder().encode(text).length).toBe(size)
        const content: SealedContent = { v: 1, kind: 'text', text }
        const length = new TextEncoder().encode(JSON.stringify(content)).length
        const sealed = await sealContent(content, KEY)
        const padded = sealed.length - 1 - 24 - 16
        expect(padded).toBe(paddedLength(length))
        expect(padded % paddingBlockFor(length)).toBe(0)
        expect(padded).toBeGreaterThan(length)
        const opened = await openSealed(sealed, KEY, 'text')
        expect(opened.kind === 'text' && opened.text === text).toBe(true)
      })
    }
  }

  it('round-trips QR and URL content, including unusual characters', async () => {
    const qr: SealedContent = { v: 1, kind: 'qr', text: 'WIFI:T:WPA;S:café "net";P:p\\w\n;;' }
    const url: SealedContent = { v: 1, kind: 'url', url: 'https://example.org/ä?q=1#frag' }
    expect(await openSealed(await sealContent(qr, KEY), KEY, 'qr')).toEqual(qr)
    expect(await openSealed(await sealContent(url, KEY), KEY, 'url')).toEqual(url)
  })

  it('gives every text of one size class the same ciphertext length', async () => {
    const short = await sealContent({ v: 1, kind: 'text', text: 'a' }, KEY)
    const longer = await sealContent({ v: 1, kind: 'text', text: 'a'.repeat(200) }, KEY)
    expect(short.length).toBe(longer.length)
  })
})
