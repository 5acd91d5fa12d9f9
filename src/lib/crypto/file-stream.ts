// File pushes: one crypto_secretstream_xchacha20poly1305 stream under K holding the manifest
// (names, types, sizes) and the files' bytes, sealed and opened 64 KiB at a time.
import {
  encodeManifest,
  FILE_CHUNK_BYTES,
  FILE_FORMAT_VERSION,
  MAX_MANIFEST_BYTES,
  paddedLength,
  parseManifest,
  plaintextLength,
  STREAM_CHUNK_OVERHEAD,
  STREAM_HEADER_BYTES,
  type FileEntry,
} from './file-manifest'
import { Chunker } from './chunker'
import { DecryptionError } from './seal'
import { loadSodium, type Sodium } from './sodium'

/** A file to seal: its entry in the manifest and a way to read its bytes once. */
export interface FileSource extends FileEntry {
  read(): AsyncIterable<Uint8Array>
}

export type FileStreamItem =
  { kind: 'manifest'; files: FileEntry[] } | { kind: 'bytes'; file: number; bytes: Uint8Array }

const AD = new TextEncoder().encode('hushlink:v1:file')
const CIPHER_CHUNK_BYTES = FILE_CHUNK_BYTES + STREAM_CHUNK_OVERHEAD

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/**
 * Encrypts files under K as the wire bytes of docs/protocol.md, piece by piece, so neither the
 * plaintext nor the ciphertext has to be held whole. Only a holder of K can read names or bytes;
 * any cut, reordering or change of a chunk is detected when the stream is opened.
 */
export async function* sealFiles(files: FileSource[], key: Uint8Array): AsyncGenerator<Uint8Array> {
  if (files.length === 0) throw new RangeError('a file push needs at least one file')
  const sodium = await loadSodium()
  const manifest = encodeManifest(files)
  if (manifest.length > MAX_MANIFEST_BYTES) throw new RangeError('too many or too long file names')
  const unpadded = plaintextLength(manifest.length, files)
  const total = paddedLength(unpadded)
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key)
  const start = new Uint8Array(1 + STREAM_HEADER_BYTES)
  start[0] = FILE_FORMAT_VERSION
  start.set(header, 1)
  yield start

  const chunker = new Chunker(FILE_CHUNK_BYTES)
  let sealed = 0
  const { TAG_MESSAGE, TAG_FINAL } = tags(sodium)
  function* seal(bytes: Uint8Array): Generator<Uint8Array> {
    for (const piece of chunker.add(bytes)) {
      sealed += piece.length
      const tag = sealed === total ? TAG_FINAL : TAG_MESSAGE
      yield sodium.crypto_secretstream_xchacha20poly1305_push(state, piece, AD, tag)
    }
  }

  const length = new Uint8Array(4)
  new DataView(length.buffer).setUint32(0, manifest.length, true)
  yield* seal(length)
  yield* seal(manifest)
  for (const file of files) {
    let read = 0
    for await (const bytes of file.read()) {
      read += bytes.length
      if (read > file.size) break
      yield* seal(bytes)
    }
    if (read !== file.size) throw new RangeError(`${file.name} changed while it was being read`)
  }
  // Padding as sodium_pad: 0x80, then zeros up to the size class.
  const zeros = new Uint8Array(FILE_CHUNK_BYTES)
  yield* seal(Uint8Array.of(0x80))
  for (let left = total - unpadded - 1; left > 0; left -= zeros.length) {
    yield* seal(zeros.subarray(0, Math.min(left, zeros.length)))
  }
  const rest = chunker.rest
  if (rest.length > 0) {
    sealed += rest.length
    yield sodium.crypto_secretstream_xchacha20poly1305_push(state, rest, AD, TAG_FINAL)
  }
  if (sealed !== total) throw new Error('file stream length mismatch')
}

function tags(sodium: Sodium) {
  return {
    TAG_MESSAGE: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
    TAG_FINAL: sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  }
}

/** Reads the decrypted plaintext: length prefix, manifest, each file, then the padding. */
class PlaintextReader {
  #head: Uint8Array = new Uint8Array(0)
  #files: FileEntry[] | null = null
  #file = 0
  #left = 0
  #padding = false

  /** A complete stream ends inside the padding. */
  get complete(): boolean {
    return this.#padding
  }

  *read(bytes: Uint8Array): Generator<FileStreamItem> {
    let offset = 0
    while (offset < bytes.length) {
      if (this.#padding) {
        for (let i = offset; i < bytes.length; i++) {
          if (bytes[i] !== 0) throw new DecryptionError('the files are malformed')
        }
        return
      }
      if (!this.#files) {
        offset = yield* this.#readManifest(bytes, offset)
        continue
      }
      if (this.#file === this.#files.length) {
        if (bytes[offset] !== 0x80) throw new DecryptionError('the files are malformed')
        this.#padding = true
        offset++
        continue
      }
      const take = Math.min(this.#left, bytes.length - offset)
      if (take > 0)
        yield { kind: 'bytes', file: this.#file, bytes: bytes.subarray(offset, offset + take) }
      offset += take
      this.#left -= take
      if (this.#left === 0) this.#nextFile()
    }
  }

  *#readManifest(bytes: Uint8Array, offset: number): Generator<FileStreamItem, number> {
    const needed = this.#head.length < 4 ? 4 : 4 + this.#manifestLength()
    const take = Math.min(needed - this.#head.length, bytes.length - offset)
    const head = (this.#head = concat(this.#head, bytes.subarray(offset, offset + take)))
    const length = head.length >= 4 ? this.#manifestLength() : 1
    if (length === 0 || length > MAX_MANIFEST_BYTES) {
      throw new DecryptionError('the files are malformed')
    }
    if (head.length > 4 && head.length === 4 + this.#manifestLength()) {
      const files = parseManifest(head.subarray(4))
      if (!files) throw new DecryptionError('the files are malformed')
      this.#files = files
      this.#file = -1
      this.#nextFile()
      yield { kind: 'manifest', files }
    }
    return offset + take
  }

  #manifestLength(): number {
    return new DataView(this.#head.buffer, this.#head.byteOffset).getUint32(0, true)
  }

  /** Moves to the next file with bytes, passing over empty ones. */
  #nextFile(): void {
    const files = this.#files!
    do this.#file++
    while (this.#file < files.length && files[this.#file].size === 0)
    this.#left = this.#file < files.length ? files[this.#file].size : 0
  }
}

/**
 * Decrypts the wire bytes of a file push as they arrive: first the manifest, then the files'
 * bytes in order. Throws DecryptionError for a wrong key, any altered, reordered or missing chunk,
 * a stream cut short (no final tag) and anything after the final tag.
 */
export async function* openFileStream(
  wire: AsyncIterable<Uint8Array>,
  key: Uint8Array,
): AsyncGenerator<FileStreamItem> {
  const sodium = await loadSodium()
  const { TAG_MESSAGE, TAG_FINAL } = tags(sodium)
  let head: Uint8Array = new Uint8Array(0)
  const chunker = new Chunker(CIPHER_CHUNK_BYTES)
  const plaintext = new PlaintextReader()
  let state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']> | null = null
  let finished = false

  function* open(cipher: Uint8Array): Generator<FileStreamItem> {
    if (finished) throw new DecryptionError('unexpected data after the end of the files')
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state!, cipher, AD)
    if (!result || (result.tag !== TAG_MESSAGE && result.tag !== TAG_FINAL)) {
      throw new DecryptionError()
    }
    finished = result.tag === TAG_FINAL
    yield* plaintext.read(result.message)
  }

  for await (const received of wire) {
    let bytes = received
    if (state === null) {
      const needed = 1 + STREAM_HEADER_BYTES - head.length
      head = concat(head, bytes.subarray(0, needed))
      bytes = bytes.subarray(needed)
      if (head.length < 1 + STREAM_HEADER_BYTES) continue
      if (head[0] !== FILE_FORMAT_VERSION) throw new DecryptionError('unsupported file format')
      state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(head.subarray(1), key)
    }
    for (const cipher of chunker.add(bytes)) yield* open(cipher)
  }
  if (state === null) throw new DecryptionError('unsupported or truncated file stream')
  const last = chunker.rest
  if (last.length > 0) {
    if (last.length <= STREAM_CHUNK_OVERHEAD) throw new DecryptionError('the files were cut short')
    yield* open(last)
  }
  if (!finished || !plaintext.complete) throw new DecryptionError('the files were cut short')
}
