// Typed HTTP client of the protocol (docs/protocol.md), shared by the SPA and the CLI. It never
// throws: every call resolves to a result whose `ok` says which side of the union you hold.
import type {
  AuditResponse,
  CreatePushRequest,
  CreatePushResponse,
  PushMetadata,
  RevealResponse,
  ServerConfig,
} from '../protocol'
import { bearer, createHttp, type ApiResult } from './http'

// Their home is http.ts; named here too for the modules that import them from the client.
export { apiResult, networkFailure, type ApiFailure, type ApiResult } from './http'

export interface ApiClient {
  config(): Promise<ApiResult<ServerConfig>>
  createPush(body: CreatePushRequest): Promise<ApiResult<CreatePushResponse>>
  getPush(id: string, linkToken: string): Promise<ApiResult<PushMetadata>>
  reveal(id: string, linkToken: string, passToken?: string): Promise<ApiResult<RevealResponse>>
  burn(id: string, linkToken: string): Promise<ApiResult<null>>
  deletePush(id: string, ownerToken: string): Promise<ApiResult<null>>
  audit(id: string, ownerToken: string): Promise<ApiResult<AuditResponse>>
}

export const pushPath = (id: string) => '/pushes/' + encodeURIComponent(id)

/** A reveal's body: the pass token only when the push has a passphrase. */
export const revealBody = (linkToken: string, passToken?: string) =>
  passToken ? { linkToken, passToken } : { linkToken }

/** `origin` is '' for the same origin as the page, or e.g. 'https://api.example.org'. */
export function createApiClient(origin = '', fetchImpl: typeof fetch = fetch): ApiClient {
  const { call } = createHttp(origin, fetchImpl)

  return {
    config: () => call('GET', '/config'),
    createPush: (json) => call('POST', '/pushes', { json }),
    getPush: (id, linkToken) =>
      call('GET', pushPath(id), { headers: { 'X-Link-Token': linkToken } }),
    reveal: (id, linkToken, passToken) =>
      call('POST', pushPath(id) + '/reveal', { json: revealBody(linkToken, passToken) }),
    burn: (id, linkToken) => call('POST', pushPath(id) + '/burn', { json: { linkToken } }),
    deletePush: (id, ownerToken) => call('DELETE', pushPath(id), { headers: bearer(ownerToken) }),
    audit: (id, ownerToken) =>
      call('GET', pushPath(id) + '/audit', { headers: bearer(ownerToken) }),
  }
}
