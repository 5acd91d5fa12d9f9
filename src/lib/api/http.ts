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

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** What a request sends besides its method and path. */
export interface HttpBody {
  /** Sent as JSON. */
  json?: unknown
  /** Sent as application/octet-stream. */
  bytes?: Blob
  headers?: Record<string, string>
}

export interface Http {
  /** The full URL of an API path (below /api, e.g. '/pushes/abc'; the caller escapes ids). */
  url(path: string): string
  /** The headers a request is sent with: its own, and the Content-Type of its body. */
  headersOf(body: HttpBody): Record<string, string>
  /** The answer's JSON on a 2xx (null when empty), else its error body. */
  call<T>(method: HttpMethod, path: string, body?: HttpBody): Promise<ApiResult<T>>
  /** The answer itself, its body unread, on a 2xx (for a streamed download); else its error body. */
  callForStream(method: HttpMethod, path: string, body?: HttpBody): Promise<ApiResult<Response>>
}

/** Status 0: no answer came, or it broke off. */
export const networkFailure = (
  message = 'The server could not be reached.',
): { ok: false; status: 0; error: ApiErrorBody } => ({
  ok: false,
  status: 0,
  error: { error: 'network', message },
})

/** The header that sends an owner token. */
export const bearer = (token: string) => ({ Authorization: 'Bearer ' + token })

/** An HTTP answer as an ApiResult: the parsed JSON on success, else the error body (or one). */
export function apiResult<T>(
  status: number,
  statusText: string,
  text: string,
  retryAfter: string | null = null,
): ApiResult<T> {
  let parsed: unknown = null
  try {
    parsed = JSON.parse(text)
  } catch {
    // Empty, or not JSON (a proxy's error page): no body.
  }
  if (status >= 200 && status < 300) return { ok: true, status, data: parsed as T }
  // Only a JSON object is an error body; a string or array would be spread into the error.
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  const body = isObject ? (parsed as Partial<ApiErrorBody>) : null
  const failure: ApiFailure = {
    ok: false,
    status,
    error: {
      ...body,
      error: typeof body?.error === 'string' ? body.error : 'http_' + status,
      message: typeof body?.message === 'string' ? body.message : statusText || 'Request failed.',
    },
  }
  // Delay-seconds only: the server never sends an HTTP date, and garbage is no delay.
  // (String(null) is no number; Number() trims as the test does.)
  if (/^\d{1,6}$/.test(String(retryAfter).trim())) failure.retryAfterSeconds = Number(retryAfter)
  return failure
}

/** A fetch Response as an ApiResult (its body read as text, never thrown on). */
async function resultOf<T>(response: Response): Promise<ApiResult<T>> {
  const { status, statusText, headers } = response
  const text = await response.text().catch(() => '')
  return apiResult<T>(status, statusText, text, headers.get('Retry-After'))
}

/** `origin` is '' for the page's own origin, or e.g. 'https://api.example.org'. */
export function createHttp(origin = '', fetchImpl: typeof fetch = fetch): Http {
  const base = origin.replace(/\/+$/, '') + '/api'

  function headersOf({ json, bytes, headers = {} }: HttpBody): Record<string, string> {
    const type = json !== undefined ? 'application/json' : bytes && 'application/octet-stream'
    return type ? { ...headers, 'Content-Type': type } : headers
  }

  async function callForStream(
    method: HttpMethod,
    path: string,
    body: HttpBody = {},
  ): Promise<ApiResult<Response>> {
    let response: Response
    try {
      response = await fetchImpl(base + path, {
        method,
        headers: headersOf(body),
        body: body.json !== undefined ? JSON.stringify(body.json) : body.bytes,
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      })
    } catch {
      return networkFailure()
    }
    return response.ok ? { ok: true, status: response.status, data: response } : resultOf(response)
  }

  return {
    url: (path) => base + path,
    headersOf,
    callForStream,
    async call<T>(...request: Parameters<typeof callForStream>) {
      const result = await callForStream(...request)
      return result.ok ? resultOf<T>(result.data) : result
    },
  }
}
