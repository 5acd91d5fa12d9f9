// Typed HTTP client of PROTOCOL.md, shared by the SPA and the CLI. It never throws: every call
// resolves to a result whose `ok` says which side of the union you hold.
import type {
  ApiErrorBody,
  AuditResponse,
  CreatePushRequest,
  CreatePushResponse,
  PushMetadata,
  RevealResponse,
  ServerConfig,
} from '../protocol'

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure

/** A refused or failed call; status 0 when the server could not be reached at all. */
export interface ApiFailure {
  ok: false
  status: number
  error: ApiErrorBody
  /** From a Retry-After header in seconds (429, 503), when the server sent one. */
  retryAfterSeconds?: number
}

export interface ApiClient {
  config(): Promise<ApiResult<ServerConfig>>
  createPush(body: CreatePushRequest): Promise<ApiResult<CreatePushResponse>>
  getPush(id: string, linkToken: string): Promise<ApiResult<PushMetadata>>
  reveal(id: string, linkToken: string, passToken?: string): Promise<ApiResult<RevealResponse>>
  burn(id: string, linkToken: string): Promise<ApiResult<null>>
  deletePush(id: string, ownerToken: string): Promise<ApiResult<null>>
  audit(id: string, ownerToken: string): Promise<ApiResult<AuditResponse>>
}

type Fetch = typeof fetch

export const networkFailure = (): { ok: false; status: 0; error: ApiErrorBody } => ({
  ok: false,
  status: 0,
  error: { error: 'network', message: 'The server could not be reached.' },
})

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
  // Delay-seconds only: the server never sends an HTTP date.
  if (retryAfter !== null && /^\d{1,6}$/.test(retryAfter.trim())) {
    failure.retryAfterSeconds = Number(retryAfter.trim())
  }
  return failure
}

/** A fetch Response as an ApiResult (its body read as text, never thrown on). */
export async function apiResultOf<T>(response: Response): Promise<ApiResult<T>> {
  const text = await response.text().catch(() => '')
  const retryAfter = response.headers.get('Retry-After')
  return apiResult<T>(response.status, response.statusText, text, retryAfter)
}

/** `origin` is '' for the same origin as the page, or e.g. 'https://api.example.org'. */
export function createApiClient(origin = '', fetchImpl: Fetch = fetch): ApiClient {
  const base = origin.replace(/\/+$/, '') + '/api'

  async function call<T>(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { ...init.headers }
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    let response: Response
    try {
      response = await fetchImpl(base + path, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      })
    } catch {
      return networkFailure()
    }
    return apiResultOf<T>(response)
  }

  const pushPath = (id: string) => '/pushes/' + encodeURIComponent(id)

  return {
    config: () => call('GET', '/config'),
    createPush: (body) => call('POST', '/pushes', { body }),
    getPush: (id, linkToken) => call('GET', pushPath(id), { headers: { 'X-Link-Token': linkToken } }),
    reveal: (id, linkToken, passToken) =>
      call('POST', pushPath(id) + '/reveal', { body: passToken ? { linkToken, passToken } : { linkToken } }),
    burn: (id, linkToken) => call('POST', pushPath(id) + '/burn', { body: { linkToken } }),
    deletePush: (id, ownerToken) =>
      call('DELETE', pushPath(id), { headers: { Authorization: 'Bearer ' + ownerToken } }),
    audit: (id, ownerToken) =>
      call('GET', pushPath(id) + '/audit', { headers: { Authorization: 'Bearer ' + ownerToken } }),
  }
}
