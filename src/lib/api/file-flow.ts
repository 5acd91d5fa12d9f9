// A file push end to end: encrypt the files as a stream and upload the result, or use one view,
// download and decrypt it as a stream. Used by the SPA and the CLI alike.
import {
  DecryptionError,
  fileUploadBytes,
  openFileStream,
  sealFiles,
  toBase64Url,
  type FileEntry,
  type FileSource,
} from '../crypto'
import type { PushMetadata } from '../protocol'
import { networkFailure, type ApiFailure, type ApiResult } from './http'
import type { FileApi } from './file-client'
import {
  pushFields,
  recipientKeys,
  senderKeys,
  type CreatedPush,
  type OpenedLink,
  type PushOptions,
} from './push-flow'

/** Each names its message, `files.<phase>`. */
export const FILE_PROGRESS_PHASES = ['encrypting', 'uploading', 'downloading'] as const

export interface FileProgress {
  phase: (typeof FILE_PROGRESS_PHASES)[number]
  done: number
  total: number
}

export type FileProgressListener = (progress: FileProgress) => void

/** Encrypts the files 64 KiB at a time (the plaintext is only ever read once, as a stream). */
export async function pushFiles(
  api: FileApi,
  files: FileSource[],
  options: PushOptions = {},
  onProgress?: FileProgressListener,
): Promise<ApiResult<CreatedPush>> {
  const keys = await senderKeys(options.passphrase)
  const total = fileUploadBytes(files)
  const parts: Uint8Array<ArrayBuffer>[] = []
  let done = 0
  for await (const part of sealFiles(files, keys.key)) {
    parts.push(part as Uint8Array<ArrayBuffer>)
    done += part.length
    onProgress?.({ phase: 'encrypting', done, total })
  }
  const upload = new Blob(parts, { type: 'application/octet-stream' })
  parts.length = 0
  const result = await api.createFilePush(upload, pushFields(keys, options), (sent, size) =>
    onProgress?.({ phase: 'uploading', done: sent, total: size }),
  )
  if (!result.ok) return result
  return { ...result, data: { ...result.data, secret: toBase64Url(keys.secret) } }
}

/** A decrypted file: its entry as the sender wrote it (name unsafe until sanitised) and bytes. */
export interface ReceivedFile extends FileEntry {
  parts: Uint8Array[]
}

export type FileRevealOutcome =
  | {
      ok: true
      files: ReceivedFile[]
      reveal: { viewsRemaining: number; deletableByViewer: boolean }
    }
  | ApiFailure

/**
 * Uses one view, downloads and decrypts the files as the bytes arrive. Nothing is returned until
 * the whole stream is authenticated; throws DecryptionError when it cannot be.
 */
export async function revealFiles(
  api: FileApi,
  link: OpenedLink,
  meta: Pick<PushMetadata, 'passphrase'>,
  passphrase?: string,
  onProgress?: FileProgressListener,
): Promise<FileRevealOutcome> {
  const keys = await recipientKeys(link, meta, passphrase)
  if (!keys.ok) return keys
  const download = await api.revealFile(link.id, link.linkToken, keys.passToken)
  if (!download.ok) return download
  const { body, size, viewsRemaining, deletableByViewer } = download.data
  let received = 0
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const bytes of body) {
      received += bytes.length
      onProgress?.({ phase: 'downloading', done: received, total: size })
      yield bytes
    }
  }
  const files: ReceivedFile[] = []
  try {
    for await (const item of openFileStream(counted(), keys.key)) {
      if (item.kind === 'manifest') files.push(...item.files.map((f) => ({ ...f, parts: [] })))
      else files[item.file].parts.push(item.bytes)
    }
  } catch (error) {
    if (error instanceof DecryptionError) throw error
    return networkFailure('The download broke off.')
  }
  return { ok: true, files, reveal: { viewsRemaining, deletableByViewer } }
}
