// Test helpers for file pushes: the file API in-process, and pushing or revealing real files
// through the real client crypto (src/lib/api/file-flow.ts).
import { createFileApi, type FileApi } from '../src/lib/api/file-client'
import { pushFiles, revealFiles, type FileRevealOutcome } from '../src/lib/api/file-flow'
import type { ApiClient } from '../src/lib/api/client'
import { fetchMetadata, openLink, type PushOptions } from '../src/lib/api/push-flow'
import type { FileSource } from '../src/lib/crypto'
import type { App } from './app'
import type { Database } from './db/client'
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
