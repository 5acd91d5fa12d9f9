// Requests end to end: the requester makes a key pair and publishes its public half, a sender
// seals an answer to the key bound in its link, and the requester reveals and opens the answer.
// The HTTP calls are request-client.ts's, injected; used by the SPA and the CLI alike.
import {
  fromBase64Url,
  generateRequestKeyPair,
  openRequestAnswer,
  parseRequestFragment,
  requestFragment,
  requestKeyPairFrom,
  sealToRequest,
  toBase64Url,
  type SealedContent,
} from '../crypto'
import type {
  AnswerRequestResponse,
  CreateRequestBody,
  CreateRequestResponse,
  RequestAnswersResponse,
  RequestInfo,
  RevealResponse,
} from '../protocol'
import { checkRequestKey, type RequestKeyCheck } from '../request-link'
import type { ApiFailure, ApiResult } from './http'
import type { RequestClient } from './request-client'

// Its home is request-client.ts; named here too for the modules that import it from the flow.
export { createRequestClient, type RequestClient } from './request-client'

export type RequestOptions = Omit<CreateRequestBody, 'publicKey'>

export interface CreatedRequest extends CreateRequestResponse {
  /** private key ‖ owner token, for the requester's private link fragment only. */
  fragment: string
  /** base64url, for the sender's link fragment: the sender seals only to this key. */
  publicKey: string
}

/** Makes the key pair locally; only the public key and the options reach the server. */
export async function createRequest(
  client: RequestClient,
  options: RequestOptions,
): Promise<ApiResult<CreatedRequest>> {
  const keys = await generateRequestKeyPair()
  const publicKey = toBase64Url(keys.publicKey)
  const result = await client.create({ ...options, publicKey })
  if (!result.ok) return result
  const fragment = requestFragment(keys.privateKey, result.data.ownerToken)
  return { ...result, data: { ...result.data, fragment, publicKey } }
}

/** The answer was not sealed, nor anything sent: the server's key is not the link's. */
export interface KeyRefusal {
  ok: false
  refused: Exclude<RequestKeyCheck, 'match'>
}

/**
 * Seals the content in this process to the key the sender's link carries, and only when the
 * server hands out that same key; then stores only the sealed box.
 */
export async function answerRequest(
  client: RequestClient,
  request: Pick<RequestInfo, 'id' | 'publicKey'>,
  linkKey: string | null,
  content: SealedContent,
): Promise<ApiResult<AnswerRequestResponse> | KeyRefusal> {
  const check = checkRequestKey(linkKey, request.publicKey)
  if (check !== 'match') return { ok: false, refused: check }
  const sealed = await sealToRequest(content, fromBase64Url(request.publicKey))
  return client.answer(request.id, content.kind, toBase64Url(sealed))
}

export type AnswerOutcome =
  { ok: true; content: SealedContent; reveal: RevealResponse } | ApiFailure

/** Uses one view of an answer and opens it with the private key of the fragment. */
export async function revealAnswer(
  client: RequestClient,
  requestId: string,
  fragment: string,
  answer: { id: string; kind: SealedContent['kind'] },
): Promise<AnswerOutcome> {
  const { privateKey, ownerToken } = parseRequestFragment(fragment)
  const result = await client.reveal(requestId, answer.id, ownerToken)
  if (!result.ok) return result
  const keys = await requestKeyPairFrom(privateKey)
  const content = await openRequestAnswer(fromBase64Url(result.data.ciphertext), keys, answer.kind)
  return { ok: true, content, reveal: result.data }
}

/** The requester's listing, with the owner token of the fragment. */
export function listAnswers(
  client: RequestClient,
  requestId: string,
  fragment: string,
): Promise<ApiResult<RequestAnswersResponse>> {
  return client.answers(requestId, parseRequestFragment(fragment).ownerToken)
}
