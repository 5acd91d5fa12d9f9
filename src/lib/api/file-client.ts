// The binary half of the API, for file pushes: the upload (POST /api/pushes/files) and the reveal
// that answers bytes. Like client.ts it never throws; a download's body may still break off.
import { toBase64Url } from '../crypto'
import { FILE_HEADERS, type CreatePushResponse, type FilePushOptions } from '../protocol'
import { pushPath, revealBody } from './client'
import { apiResult, createHttp, type ApiResult } from './http'

/** Bytes sent so far of `total`. */
export type ProgressListener = (done: number, total: number) => void

/** Sends one upload. The browser passes one made on XMLHttpRequest, for upload progress. */
export type Uploader = (
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress?: ProgressListener,
) => Promise<ApiResult<CreatePushResponse>>

export interface FileDownload {
  /** The upload's bytes as they arrive. */
  body: AsyncIterable<Uint8Array>
  size: number
  viewsRemaining: number
  deletableByViewer: boolean
}

export interface FileApi {
  createFilePush(
    upload: Blob,
    options: FilePushOptions,
    onProgress?: ProgressListener,
  ): Promise<ApiResult<CreatePushResponse>>
  /** Uses one view of a file push and starts its download. */
  revealFile(id: string, linkToken: string, passToken?: string): Promise<ApiResult<FileDownload>>
}

/** A reader's chunks as an async iterable (not every browser iterates a ReadableStream). */
export async function* streamChunks(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}

/** `origin` as for createApiClient; `uploader` defaults to fetch (no upload progress). */
export function createFileApi(
  origin = '',
  fetchImpl: typeof fetch = fetch,
  uploader?: Uploader,
): FileApi {
  const http = createHttp(origin, fetchImpl)

  return {
    async createFilePush(bytes, options, onProgress) {
      const options64 = toBase64Url(new TextEncoder().encode(JSON.stringify(options)))
      const upload = { bytes, headers: { [FILE_HEADERS.options]: options64 } }
      const path = '/pushes/files'
      if (uploader) return uploader(http.url(path), bytes, http.headersOf(upload), onProgress)
      const result = await http.call<CreatePushResponse>('POST', path, upload)
      if (result.status !== 0) onProgress?.(bytes.size, bytes.size)
      return result
    },

    async revealFile(id, linkToken, passToken) {
      const result = await http.callForStream('POST', pushPath(id) + '/reveal', {
        json: revealBody(linkToken, passToken),
        headers: { Accept: 'application/octet-stream' },
      })
      if (!result.ok) return result
      const response = result.data
      const binary = /^application\/octet-stream\b/i.test(
        response.headers.get('content-type') ?? '',
      )
      if (!binary || !response.body) {
        await response.text().catch(() => '')
        return apiResult(502, 'The server did not answer with a file stream.', '')
      }
      const h = response.headers
      return {
        ok: true,
        status: response.status,
        data: {
          body: streamChunks(response.body),
          size: Number(h.get('content-length') ?? 0),
          viewsRemaining: Number(h.get(FILE_HEADERS.viewsRemaining) ?? 0),
          deletableByViewer: h.get(FILE_HEADERS.deletableByViewer) === 'true',
        },
      }
    },
  }
}
