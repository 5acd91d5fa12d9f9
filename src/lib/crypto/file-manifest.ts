// The plaintext layout of a file push and its exact sizes: LE32(m) ‖ manifest ‖ files ‖ padding.
// See docs/protocol.md "File pushes (wire format)".
import { paddingBlockFor } from './seal'

export const FILE_FORMAT_VERSION = 0x02
/** Plaintext bytes per secretstream chunk (the last one may be shorter). */
export const FILE_CHUNK_BYTES = 64 * 1024
export const STREAM_HEADER_BYTES = 24
/** What crypto_secretstream adds to each chunk: a 1-byte tag and a 16-byte MAC. */
export const STREAM_CHUNK_OVERHEAD = 17
/** A manifest of ten files takes a few KiB; this bounds what a reader ever buffers. */
export const MAX_MANIFEST_BYTES = 64 * 1024

export interface FileEntry {
  name: string
  type: string
  size: number
}

export interface FileManifest {
  v: 1
  kind: 'file'
  files: FileEntry[]
}

export function encodeManifest(files: FileEntry[]): Uint8Array {
  const manifest: FileManifest = {
    v: 1,
    kind: 'file',
    files: files.map(({ name, type, size }) => ({ name, type, size })),
  }
  return new TextEncoder().encode(JSON.stringify(manifest))
}

const isEntry = (f: unknown): f is FileEntry => {
  const e = f as Record<string, unknown> | null
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.name === 'string' &&
    e.name.length > 0 &&
    e.name.length <= 1024 &&
    typeof e.type === 'string' &&
    e.type.length <= 255 &&
    Number.isSafeInteger(e.size) &&
    (e.size as number) >= 0
  )
}

/** The manifest's files, or null for anything that is not a well-formed version 1 manifest. */
export function parseManifest(bytes: Uint8Array): FileEntry[] | null {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return null
  }
  const m = value as Partial<FileManifest> | null
  if (!m || typeof m !== 'object' || m.v !== 1 || m.kind !== 'file') return null
  if (!Array.isArray(m.files) || m.files.length === 0 || !m.files.every(isEntry)) return null
  return m.files.map(({ name, type, size }) => ({ name, type, size }))
}

/** The length sodium_pad gives `length` bytes with the size-class block of sealed text. */
export function paddedLength(length: number): number {
  const block = paddingBlockFor(length)
  return (Math.floor(length / block) + 1) * block
}

/** Wire bytes for `plaintext` padded bytes: version, stream header, and 17 bytes per chunk. */
function wireBytes(plaintext: number): number {
  const chunks = Math.ceil(plaintext / FILE_CHUNK_BYTES)
  return 1 + STREAM_HEADER_BYTES + plaintext + chunks * STREAM_CHUNK_OVERHEAD
}

/** Unpadded plaintext length: the manifest's length prefix, the manifest, the files. */
export function plaintextLength(manifestBytes: number, files: Pick<FileEntry, 'size'>[]): number {
  return 4 + manifestBytes + files.reduce((sum, f) => sum + f.size, 0)
}

/** The exact upload size sealFiles() produces for these files, known before encrypting. */
export function fileUploadBytes(files: FileEntry[]): number {
  return wireBytes(paddedLength(plaintextLength(encodeManifest(files).length, files)))
}

/**
 * The largest upload a server allows when files may total `maxFileBytes`: any push whose files
 * fit (with any manifest up to MAX_MANIFEST_BYTES) fits, since padding grows with the length.
 */
export function maxFileUploadBytes(maxFileBytes: number): number {
  return wireBytes(paddedLength(4 + MAX_MANIFEST_BYTES + maxFileBytes))
}

/** Whether `bytes` is a length that a file upload can have (full chunks plus a final one). */
export function isFileUploadLength(bytes: number): boolean {
  const body = bytes - 1 - STREAM_HEADER_BYTES
  if (body < STREAM_CHUNK_OVERHEAD + 1) return false
  const last = body % (FILE_CHUNK_BYTES + STREAM_CHUNK_OVERHEAD)
  return last === 0 || last > STREAM_CHUNK_OVERHEAD
}
