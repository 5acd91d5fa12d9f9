// The one HTTP call of the API clients (app and CLI): builds the URL under the origin's /api,
// sends JSON or bytes, and answers with a result whose `ok` says which side you hold. Never throws.
import type { ApiErrorBody } from '../protocol'

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure

/** A refused or failed call; status 0 when the server could not be reached at all. */
export interface ApiFailure {
  ok: false
  status: number
  error: ApiErrorBody
  /** From a Retry-After header in seconds (429, 503), when the server sent one. */
  retryAfterSeconds?: number
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE'
  /** Below /api, e.g. '/pushes/abc'; the caller escapes ids. */
  path: string
  /** Sent as JSON. */
  json?: unknown
  /** Sent as application/octet-stream. */
  bytes?: Blob
  headers?: Record<string, string>
}

/** What decides a request's headers. */
export type HttpBody = Pick<HttpRequest, 'json' | 'bytes' | 'headers'>

export interface Http {
  /** The full URL of an API path, for senders that are not fetch (XHR uploads). */
  url(path: string): string
  /** The headers a request is sent with: its own, and the Content-Type of its body. */
  headersOf(request: HttpBody): Record<string, string>
  /** The answer's JSON on a 2xx (null when empty), else its error body. */
  call<T>(request: HttpRequest): Promise<ApiResult<T>>
  /** The answer itself, its body unread, on a 2xx (for a streamed download); else its error body. */
  callForStream(request: HttpRequest): Promise<ApiResult<Response>>
}

export const networkFailure = (): { ok: false; status: 0; error: ApiErrorBody } => ({
  ok: false,
  status: 0,
  error: { error: 'network', message: 'The server could not be reached.' },
})

/** The header that sends an owner token. */
export const bearer = (token: string) => ({ Authorization: 'Bearer ' + token })

/** Delay-seconds only: the server never sends an HTTP date, and garbage is no delay. */
export function retryAfterSeconds(header: string | null): number | undefined {
  const value = header?.trim() ?? ''
  return /^\d{1,6}$/.test(value) ? Number(value) : undefined
}

/** An HTTP answer as an ApiResult: the parsed JSON on success, else the error body (or one). */
export function apiResult<T>(
  status: number,
  statusText: string,
  text: string,
  retryAfter: string | null = null,
): ApiResult<T> {
  let parsed: unknown = null
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }
  if (status >= 200 && status < 300) return { ok: true, status, data: parsed as T }
  // Only a JSON object is an error body; a string or array would be spread into the error.
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  const body = isObject ? (parsed as Partial<ApiErrorBody>) : null
  const failure: ApiFailure = {
    ok: false,
    status,
    error: {
      ...(body ?? {}),
      error: typeof body?.error === 'string' ? body.error : 'http_' + status,
      message: typeof body?.message === 'string' ? body.message : statusText || 'Request failed.',
    },
  }
  const seconds = retryAfterSeconds(retryAfter)
  if (seconds !== undefined) failure.retryAfterSeconds = seconds
  return failure
}

/** A fetch Response as an ApiResult (its body read as text, never thrown on). */
async function resultOf<T>(response: Response): Promise<ApiResult<T>> {
  const text = await response.text().catch(() => '')
  return apiResult<T>(
    response.status,
    response.statusText,
    text,
    response.headers.get('Retry-After'),
  )
}

/** `origin` is '' for the page's own origin, or e.g. 'https://api.example.org'. */
export function createHttp(origin = '', fetchImpl: typeof fetch = fetch): Http {
  const base = origin.replace(/\/+$/, '') + '/api'

  function headersOf({ json, bytes, headers }: HttpBody) {
    const all: Record<string, string> = { ...headers }
    if (json !== undefined) all['Content-Type'] = 'application/json'
    else if (bytes !== undefined) all['Content-Type'] = 'application/octet-stream'
    return all
  }

  /** null when the server could not be reached. */
  async function send(request: HttpRequest): Promise<Response | null> {
    try {
      return await fetchImpl(base + request.path, {
        method: request.method,
        headers: headersOf(request),
        body: request.json !== undefined ? JSON.stringify(request.json) : request.bytes,
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      })
    } catch {
      return null
    }
  }

  return {
    url: (path) => base + path,
    headersOf,
    async call<T>(request: HttpRequest) {
      const response = await send(request)
      return response ? resultOf<T>(response) : networkFailure()
    },
    async callForStream(request) {
      const response = await send(request)
      if (!response) return networkFailure()
      if (!response.ok) return resultOf<Response>(response)
      return { ok: true, status: response.status, data: response }
    },
  }
}
