// Test helpers for file pushes: the file API in-process, and pushing or revealing real files
// through the real client crypto (src/lib/api/file-flow.ts).
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { createFileApi, type FileApi } from '../../src/lib/api/file-client'
import { pushFiles, revealFiles, type FileRevealOutcome } from '../../src/lib/api/file-flow'
import type { ApiClient } from '../../src/lib/api/client'
import { fetchMetadata, openLink, type PushOptions } from '../../src/lib/api/push-flow'
import { toBase64Url, type FileSource } from '../../src/lib/crypto'
import type { App } from '../app'
import type { Database } from '../db/sqlite'
import type { TestPush } from './test-support'

export function inProcessFileApi(app: App): FileApi {
  const inProcessFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    app.request(input instanceof Request ? input : String(input), init)) as typeof fetch
  return createFileApi('http://test.local', inProcessFetch)
}

/** A file of these bytes, read in pieces as File.stream() would give them. */
export function fileOf(
  name: string,
  bytes: Uint8Array,
  type = 'application/octet-stream',
): FileSource {
  return {
    name,
    type,
    size: bytes.length,
    async *read() {
      for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024)
    },
  }
}

/** Pushes files; throws unless the server says 201. */
export async function pushTestFiles(
  api: FileApi,
  files: FileSource[],
  options: PushOptions = {},
): Promise<TestPush> {
  const result = await pushFiles(api, files, options)
  if (!result.ok) throw new Error(`file push failed: ${result.status} ${result.error.error}`)
  return { ...result.data, link: await openLink(result.data.id, result.data.secret) }
}

/** What the recipient page does: read the metadata, then reveal and decrypt one view. */
export async function revealTestFiles(
  api: ApiClient,
  fileApi: FileApi,
  push: TestPush,
  passphrase?: string,
): Promise<FileRevealOutcome> {
  const meta = await fetchMetadata(api, push.link)
  if (!meta.ok) return meta
  return revealFiles(fileApi, push.link, meta.data, passphrase)
}

export const joined = (parts: Uint8Array[]) => Buffer.concat(parts)

/** Rows of the file tables, to check what is (still) stored. */
export async function fileRowCounts(database: Database, id?: string) {
  const count = async (table: string) => {
    const where = id ? ' WHERE push_id = ?' : ''
    const rs = await database.client.execute({
      sql: `SELECT count(*) AS n FROM ${table}${where}`,
      args: id ? [id] : [],
    })
    return Number(rs.rows[0].n)
  }
  return { chunks: await count('file_chunks'), uploads: await count('file_uploads') }
}

export interface UploadAnswer {
  status: number
  body: string
  /** Bytes the client managed to write before the server answered or closed. */
  written: number
}

/**
 * Streams `total` bytes (0x02 then zeros) to POST /api/pushes/files over a real socket, in 64 KiB
 * writes as a browser would, until the server answers; with or without a declared length.
 */
export function streamUpload(
  origin: string,
  total: number,
  declareLength: boolean,
): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const options = toBase64Url(
      new TextEncoder().encode(JSON.stringify({ linkToken: toBase64Url(randomBytes(32)) })),
    )
    const req = request(`${origin}/api/pushes/files`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Push-Options': options,
        ...(declareLength ? { 'Content-Length': String(total) } : {}),
      },
    })
    let written = 0
    let answered = false
    const piece = Buffer.alloc(64 * 1024)
    piece[0] = 0x02
    const pump = () => {
      while (!answered && written < total) {
        const chunk = piece.subarray(0, Math.min(piece.length, total - written))
        written += chunk.length
        if (!req.write(chunk)) return req.once('drain', pump)
        piece[0] = 0
      }
      if (written >= total) req.end()
    }
    req.on('response', (res) => {
      answered = true
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode!, body, written }))
    })
    // The server may close while we still write; the answer has been read by then.
    req.on('error', (error) => (answered ? undefined : reject(error)))
    pump()
  })
}
