// The file-push stream: round trips of any shape, and every way a stream can be cut or changed.
import { randomBytes } from 'node:crypto'
import sodium from 'libsodium-wrappers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FILE_CHUNK_BYTES,
  fileUploadBytes,
  isFileUploadLength,
  maxFileUploadBytes,
  type FileEntry,
} from './file-manifest'
import { openFileStream, sealFiles, type FileSource } from './file-stream'
import { fromBase64Url } from './base64url'
import { DecryptionError } from './seal'

const KEY = new Uint8Array(32).fill(7)
const CIPHER_CHUNK = FILE_CHUNK_BYTES + 17

beforeAll(() => sodium.ready)

/** A file whose bytes arrive in pieces of `piece` bytes, as File.stream() or fs would give them. */
function source(
  name: string,
  bytes: Uint8Array,
  piece = 10_000,
  type = 'application/octet-stream',
): FileSource {
  return {
    name,
    type,
    size: bytes.length,
    async *read() {
      for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece)
    },
  }
}

async function seal(files: FileSource[], key = KEY): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const part of sealFiles(files, key)) parts.push(part.slice())
  return Buffer.concat(parts)
}

/** Feeds the wire bytes in pieces of `piece` bytes, as a network would. */
async function* pieces(wire: Uint8Array, piece: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < wire.length; i += piece) yield wire.subarray(i, i + piece)
}

interface Opened {
  files: FileEntry[]
  contents: Buffer[]
}

async function open(wire: Uint8Array, key = KEY, piece = 50_000): Promise<Opened> {
  let files: FileEntry[] = []
  const parts: Uint8Array[][] = []
  for await (const item of openFileStream(pieces(wire, piece), key)) {
    if (item.kind === 'manifest') {
      files = item.files
      files.forEach(() => parts.push([]))
    } else parts[item.file].push(item.bytes.slice())
  }
  return { files, contents: parts.map((p) => Buffer.concat(p)) }
}

/** Encrypts any plaintext as a file stream, to reach the checks behind valid tags. */
function sealPlaintext(plaintext: Uint8Array, key = KEY, ad = 'hushlink:v1:file'): Uint8Array {
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key)
  const out: Uint8Array[] = [Uint8Array.of(0x02), header]
  for (let i = 0; i < plaintext.length || i === 0; i += FILE_CHUNK_BYTES) {
    const last = i + FILE_CHUNK_BYTES >= plaintext.length
    const tag = last
      ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
      : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
    out.push(
      sodium.crypto_secretstream_xchacha20poly1305_push(
        state,
        plaintext.subarray(i, i + FILE_CHUNK_BYTES),
        ad,
        tag,
      ),
    )
  }
  return Buffer.concat(out)
}

function plaintextOf(manifest: string, body: number[] | Uint8Array = [0x80]): Uint8Array {
  const json = Buffer.from(manifest)
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  return Buffer.concat([length, json, Buffer.from(body)])
}

const MANIFEST = JSON.stringify({ v: 1, kind: 'file', files: [{ name: 'a', type: '', size: 2 }] })

describe('sealFiles → openFileStream', () => {
  const shapes: Record<string, Uint8Array[]> = {
    'one byte': [Uint8Array.of(42)],
    'one empty file': [new Uint8Array(0)],
    'empty files around others': [
      new Uint8Array(0),
      randomBytes(1000),
      new Uint8Array(0),
      randomBytes(3),
      new Uint8Array(0),
    ],
    'exactly one chunk': [randomBytes(FILE_CHUNK_BYTES)],
    'several chunks and files': [
      randomBytes(200 * 1024),
      randomBytes(FILE_CHUNK_BYTES + 1),
      randomBytes(5),
    ],
  }

  it.each(Object.keys(shapes))(
    'round-trips %s, with names, types and the predicted size',
    async (shape) => {
      const contents = shapes[shape]
      const files = contents.map((bytes, i) =>
        source(`file ${i} — ✓.bin`, bytes, 7777, i % 2 ? 'image/png' : ''),
      )
      const wire = await seal(files)
      expect(wire[0]).toBe(0x02)
      expect(wire.length).toBe(fileUploadBytes(files))
      expect(isFileUploadLength(wire.length)).toBe(true)
      for (const piece of [1, 1000, CIPHER_CHUNK, 1 << 20]) {
        const opened = await open(wire, KEY, piece)
        expect(opened.files).toEqual(files.map(({ name, type, size }) => ({ name, type, size })))
        opened.contents.forEach((bytes, i) => expect(Buffer.compare(bytes, contents[i])).toBe(0))
      }
    },
  )

  it('pads the upload to a size class, like sealed text', async () => {
    const a = await seal([source('x', randomBytes(100_000))])
    const b = await seal([source('x', randomBytes(100_500))])
    expect(a.length).toBe(b.length)
  })

  it('refuses a file that grows or shrinks while it is read', async () => {
    const liar = (real: number, claimed: number): FileSource => ({
      ...source('x', randomBytes(real)),
      size: claimed,
    })
    await expect(seal([liar(10, 9)])).rejects.toThrow(RangeError)
    await expect(seal([liar(10, 11)])).rejects.toThrow(RangeError)
    await expect(seal([])).rejects.toThrow(RangeError)
  })
})

describe('openFileStream refuses', () => {
  let wire: Uint8Array
  beforeAll(async () => {
    wire = await seal([source('a.txt', randomBytes(150 * 1024)), source('b.txt', randomBytes(10))])
    expect(wire.length).toBeGreaterThan(2 * CIPHER_CHUNK)
  })
  const fails = (bytes: Uint8Array, key = KEY) =>
    expect(open(bytes, key)).rejects.toThrow(DecryptionError)

  it('a wrong key', () => fails(wire, new Uint8Array(32).fill(8)))

  it.each([
    ['the version byte', 0],
    ['the stream header', 5],
    ['the first chunk', 30],
    ['a middle chunk', 25 + CIPHER_CHUNK + 100],
    ['the last byte (MAC of the final chunk)', -1],
  ])('a change in %s', (_, index) => {
    const changed = wire.slice()
    changed[index < 0 ? changed.length + index : index] ^= 1
    return fails(changed)
  })

  it('a stream cut at a chunk boundary (no final tag)', () =>
    fails(wire.subarray(0, 25 + 2 * CIPHER_CHUNK)))
  it('a stream cut inside a chunk', () => fails(wire.subarray(0, wire.length - 100)))
  it('a stream cut inside the final tag', () => fails(wire.subarray(0, wire.length - 3)))
  it('a stream of only the header', () => fails(wire.subarray(0, 25)))
  it('an empty or shorter-than-header stream', async () => {
    await fails(new Uint8Array(0))
    await fails(wire.subarray(0, 10))
  })

  it('anything after the final chunk', () => fails(Buffer.concat([wire, Uint8Array.of(0)])))

  it('reordered chunks', () => {
    const first = wire.subarray(25, 25 + CIPHER_CHUNK)
    const second = wire.subarray(25 + CIPHER_CHUNK, 25 + 2 * CIPHER_CHUNK)
    return fails(
      Buffer.concat([wire.subarray(0, 25), second, first, wire.subarray(25 + 2 * CIPHER_CHUNK)]),
    )
  })

  it('a stream sealed with another kind in the associated data', () =>
    fails(sealPlaintext(plaintextOf(MANIFEST, [1, 2, 0x80]), KEY, 'hushlink:v1:text')))

  it.each([
    ['a manifest length of 0', plaintextOf('')],
    [
      'a manifest longer than 64 KiB',
      Buffer.concat([Buffer.from([1, 0, 1, 0]), Buffer.alloc(70_000, 32)]),
    ],
    ['a manifest that is not JSON', plaintextOf('{nope', [0x80])],
    ['a manifest of another kind', plaintextOf(MANIFEST.replace('"file"', '"text"'), [1, 2, 0x80])],
    ['a manifest without files', plaintextOf('{"v":1,"kind":"file","files":[]}')],
    ['a file of negative size', plaintextOf(MANIFEST.replace('"size":2', '"size":-2'), [0x80])],
    ['fewer bytes than the manifest says', plaintextOf(MANIFEST, [1])],
    ['no padding marker', plaintextOf(MANIFEST, [1, 2])],
    ['a wrong padding marker', plaintextOf(MANIFEST, [1, 2, 0x81])],
    ['non-zero padding', plaintextOf(MANIFEST, [1, 2, 0x80, 0, 5])],
  ])('%s, even behind valid tags', (_, plaintext) => fails(sealPlaintext(plaintext)))

  it('but accepts a hand-made stream that follows the format', async () => {
    const opened = await open(sealPlaintext(plaintextOf(MANIFEST, [1, 2, 0x80, 0, 0])))
    expect(opened.files).toEqual([{ name: 'a', type: '', size: 2 }])
    expect([...opened.contents[0]]).toEqual([1, 2])
  })
})

describe('upload sizes', () => {
  const MiB = 1024 * 1024

  it('lets every push within the file limit through, and not a 60 MiB one', () => {
    const limit = maxFileUploadBytes(50 * MiB)
    const names = Array.from({ length: 10 }, (_, i) => ({
      name: 'é'.repeat(500) + i,
      type: 'x/'.padEnd(200, 'y'),
      size: 5 * MiB,
    }))
    expect(fileUploadBytes(names)).toBeLessThanOrEqual(limit)
    expect(fileUploadBytes([{ name: 'big', type: '', size: 60 * MiB }])).toBeGreaterThan(limit)
    expect(limit).toBeLessThan(60 * MiB)
  })

  it('knows which lengths a stream can have', () => {
    expect(isFileUploadLength(25 + 18)).toBe(true)
    expect(isFileUploadLength(25 + 17)).toBe(false)
    expect(isFileUploadLength(25 + CIPHER_CHUNK)).toBe(true)
    expect(isFileUploadLength(25 + CIPHER_CHUNK + 10)).toBe(false)
    expect(isFileUploadLength(10)).toBe(false)
  })
})

describe('the test vector of docs/protocol.md', () => {
  // encKey of the secret 00 01 … 1f (keys.test.ts); sealed once, opened by every client.
  const key = Uint8Array.from(
    Buffer.from('efe9a317fbde95a0a8d6a2308e10e79a03cef49e29ca40d2991e1ba2f339d595', 'hex'),
  )
  const wire = [
    'ArOXMQ4U7YZe3DZhrCO1W749aiCYM0c_C4IfGa9CAfefEeSZOYfdBLMghPaGgNqDvrLasiRIjXCYN6WonD_KOwdNuIRU',
    '7zUopNM1md5kP18pKKGRWVHfBP1xW8SmrNlEltzQkuH3gnjZGyjhO7gz6QX7Hdb77OLj3g0RTM_zRMf5-voWXmg5iiF9',
    'JLen603uboliUuqTmmKy5AKix7Lna1YY1n6Q_sS7Hyd6nl8uw6ilPMCEiF_6yW7zw6wSZlY5kTsPePYBD33AeO1InzKR',
    '4Lrhzi0iKV48bKBjoB6AOwyPph-E7Sjnwo1D2SRueHyDAwLqKK3S-Gfw3qwwk0a4APJ_dI9yY8GGB0y5wQcRBvyKDEpE',
    '8hxoW2MmBtyQQj2SMVcnOq8pPyxzwQ',
  ].join('')

  it('opens to hello.txt', async () => {
    const bytes = fromBase64Url(wire)
    expect(bytes.length).toBe(298)
    const opened = await open(bytes, key)
    expect(opened.files).toEqual([{ name: 'hello.txt', type: 'text/plain', size: 15 }])
    expect(opened.contents[0].toString()).toBe('hello, hushlink')
  })
})
