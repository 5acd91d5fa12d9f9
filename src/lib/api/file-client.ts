// The binary half of the API, for file pushes: the upload (POST /api/pushes/files) and the reveal
// that answers bytes. Like client.ts it never throws; a download's body may still break off.
import { toBase64Url } from '../crypto'
import { FILE_HEADERS, type CreatePushResponse, type FilePushOptions } from '../protocol'
import { apiResult, apiResultOf, networkFailure, type ApiResult } from './client'

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

type Fetch = typeof fetch

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

function fetchUploader(fetchImpl: Fetch): Uploader {
  return async (url, body, headers, onProgress) => {
    let response: Response
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers,
        body,
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      })
    } catch {
      return networkFailure()
    }
    onProgress?.(body.size, body.size)
    return apiResultOf(response)
  }
}

/** `origin` as for createApiClient; `uploader` defaults to fetch (no upload progress). */
export function createFileApi(origin = '', fetchImpl: Fetch = fetch, uploader?: Uploader): FileApi {
  const base = origin.replace(/\/+$/, '') + '/api/pushes'
  const upload = uploader ?? fetchUploader(fetchImpl)

  return {
    createFilePush(body, options, onProgress) {
      const headers = {
        'Content-Type': 'application/octet-stream',
        [FILE_HEADERS.options]: toBase64Url(new TextEncoder().encode(JSON.stringify(options))),
      }
      return upload(base + '/files', body, headers, onProgress)
    },

    async revealFile(id, linkToken, passToken) {
      let response: Response
      try {
        response = await fetchImpl(`${base}/${encodeURIComponent(id)}/reveal`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/octet-stream' },
          body: JSON.stringify(passToken ? { linkToken, passToken } : { linkToken }),
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
        })
      } catch {
        return networkFailure()
      }
      const binary = /^application\/octet-stream\b/i.test(
        response.headers.get('content-type') ?? '',
      )
      if (!response.ok || !binary || !response.body) {
        const text = await response.text().catch(() => '')
        if (response.ok) return apiResult(502, 'The server did not answer with a file stream.', '')
        return apiResult(
          response.status,
          response.statusText,
          text,
          response.headers.get('Retry-After'),
        )
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
