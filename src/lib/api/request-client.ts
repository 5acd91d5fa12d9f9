// Typed HTTP calls of the request routes (/api/requests), as client.ts is for pushes. Never throws.
import type { SealedContent } from '../crypto'
import type {
  AnswerRequestResponse,
  CreateRequestBody,
  CreateRequestResponse,
  RequestAnswersResponse,
  RequestInfo,
  RevealResponse,
} from '../protocol'
import { bearer, createHttp, type ApiResult } from './http'

export interface RequestClient {
  create(body: CreateRequestBody): Promise<ApiResult<CreateRequestResponse>>
  get(id: string): Promise<ApiResult<RequestInfo>>
  answer(
    id: string,
    kind: SealedContent['kind'],
    ciphertext: string,
  ): Promise<ApiResult<AnswerRequestResponse>>
  answers(id: string, ownerToken: string): Promise<ApiResult<RequestAnswersResponse>>
  reveal(id: string, pushId: string, ownerToken: string): Promise<ApiResult<RevealResponse>>
}

/** `origin` is '' for the page's own origin, as for createApiClient. */
export function createRequestClient(origin = '', fetchImpl: typeof fetch = fetch): RequestClient {
  const { call } = createHttp(origin, fetchImpl)
  const at = (id: string) => '/requests/' + encodeURIComponent(id)
  return {
    create: (json) => call('POST', '/requests', { json }),
    get: (id) => call('GET', at(id)),
    answer: (id, kind, ciphertext) =>
      call('POST', at(id) + '/answers', { json: { kind, ciphertext } }),
    answers: (id, ownerToken) => call('GET', at(id) + '/answers', { headers: bearer(ownerToken) }),
    reveal: (id, pushId, ownerToken) =>
      call('POST', at(id) + '/answers/' + encodeURIComponent(pushId) + '/reveal', {
        headers: bearer(ownerToken),
      }),
  }
}
