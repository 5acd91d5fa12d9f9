// Live answers of every /api/requests route, successes and errors, checked against
// /api/openapi.json as they come (server/testing/openapi-check.ts), including the answer pushes that the
// request's owner token audits and deletes; at the end, every documented status was seen.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import {
  answerRequest,
  createRequest,
  createRequestClient,
  listAnswers,
  revealAnswer,
  type RequestClient,
} from '../../src/lib/api/request-flow'
import { generateRequestKeyPair, parseRequestFragment, toBase64Url } from '../../src/lib/crypto'
import type { OpenApiDocument } from './document'
import { answerChecker } from '../testing/openapi-check'
import { brokenOffPost, listen, startTestApp, type TestServer } from '../testing/test-support'

const ORIGIN = 'http://test.local'

let t: TestServer
let checker: ReturnType<typeof answerChecker>
let call: typeof fetch
let requests: RequestClient

beforeAll(async () => {
  t = await startTestApp()
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDocument
  checker = answerChecker(doc)
  call = checker.checked(((input: RequestInfo | URL, init?: RequestInit) =>
    t.app.request(String(input), init)) as typeof fetch)
  requests = createRequestClient(ORIGIN, call)
})
afterAll(() => t.close())

const token = () => toBase64Url(randomBytes(32))
const unknownId = 'AAAAAAAAAAAAAAAAAAAAAA'
const text = (value: string) => ({ v: 1, kind: 'text', text: value }) as const

/** Answers as an honest sender does: the key in the link is the request's own. */
async function answer(
  request: Parameters<typeof answerRequest>[1],
  content: ReturnType<typeof text>,
) {
  const result = await answerRequest(requests, request, request.publicKey, content)
  if ('refused' in result) throw new Error(`refused to seal: ${result.refused}`)
  return result
}
const post = (path: string, body: string, type = 'application/json') =>
  call(ORIGIN + path, { method: 'POST', headers: { 'Content-Type': type }, body })

async function openRequest(options = {}) {
  const created = await createRequest(requests, { label: 'the wifi password', ...options })
  if (!created.ok) throw new Error(created.error.error)
  const info = await requests.get(created.data.id)
  if (!info.ok) throw new Error(info.error.error)
  return { ...created.data, info: info.data }
}

describe('request routes answer as documented', () => {
  it('create, info, answer, list, reveal; the answer push audited and deleted by its owner', async () => {
    const request = await openRequest({ answersAllowed: 2, pushViews: 1 })
    expect((await answer(request.info, text('one'))).status).toBe(201)
    expect((await answer(request.info, text('two'))).status).toBe(201)
    expect((await answer(request.info, text('three'))).status).toBe(410)
    expect((await requests.get(request.id)).ok).toBe(true) // closed, still 200

    const listing = await listAnswers(requests, request.id, request.fragment)
    if (!listing.ok) throw new Error(listing.error.error)
    const [first, second] = listing.data.answers
    expect((await revealAnswer(requests, request.id, request.fragment, first)).ok).toBe(true)
    expect((await revealAnswer(requests, request.id, request.fragment, first)).ok).toBe(false)

    const { ownerToken } = parseRequestFragment(request.fragment)
    const pushes = createApiClient(ORIGIN, call)
    expect((await pushes.audit(second.id, ownerToken)).status).toBe(200)
    expect((await pushes.deletePush(second.id, ownerToken)).status).toBe(204)
  })

  it('404 for unknown ids, wrong owner tokens and pushes of other requests', async () => {
    const request = await openRequest()
    const other = await openRequest()
    await answer(other.info, text('elsewhere'))
    const listing = await listAnswers(requests, other.id, other.fragment)
    if (!listing.ok) throw new Error(listing.error.error)
    const owner = parseRequestFragment(request.fragment).ownerToken

    expect((await requests.get(unknownId)).status).toBe(404)
    expect((await requests.answers(request.id, token())).status).toBe(404)
    expect((await requests.reveal(request.id, listing.data.answers[0].id, owner)).status).toBe(404)
    expect((await requests.reveal(unknownId, unknownId, owner)).status).toBe(404)
    const sealed = await answer({ ...request.info, id: unknownId }, text('x'))
    expect(sealed.status).toBe(404)
  })

  it('refuses bodies: 400 invalid_json and invalid_input, 408, 413, 415', async () => {
    const request = await openRequest()
    for (const path of ['/api/requests', `/api/requests/${request.id}/answers`]) {
      expect((await post(path, '{')).status, path).toBe(400)
      expect((await post(path, '{}')).status, path).toBe(400)
      expect((await post(path, '{}', 'text/plain')).status, path).toBe(415)
      expect((await call(ORIGIN + path, brokenOffPost())).status, path).toBe(408)
    }
    const keys = await generateRequestKeyPair()
    const label = JSON.stringify({
      publicKey: toBase64Url(keys.publicKey),
      label: 'x'.repeat(20_000),
    })
    expect((await post('/api/requests', label)).status).toBe(413)
    const huge = 'A'.repeat(Math.ceil((1024 * 1024 * 4) / 3) + 4)
    const answer = JSON.stringify({ kind: 'text', ciphertext: huge })
    expect((await post(`/api/requests/${request.id}/answers`, answer)).status).toBe(413)
  })

  it('429 with Retry-After on every request route', async () => {
    const limited = await startTestApp({ HUSHLINK_RATE_CREATE: '1', HUSHLINK_RATE_FAILURES: '1' })
    const socket = await listen(limited.app)
    const client = createRequestClient(socket.origin, checker.checked(fetch))
    try {
      const keys = await generateRequestKeyPair()
      const body = { publicKey: toBase64Url(keys.publicKey), label: 'x' }
      const created = await client.create(body)
      if (!created.ok) throw new Error(created.error.error)
      expect((await client.create(body)).status).toBe(429)
      expect((await client.answer(created.data.id, 'text', 'x')).status).toBe(429)
      expect((await client.get(unknownId)).status).toBe(404) // spends the failure
      expect((await client.get(created.data.id)).status).toBe(429)
      expect((await client.answers(created.data.id, created.data.ownerToken)).status).toBe(429)
      const reveal = await client.reveal(created.data.id, unknownId, created.data.ownerToken)
      expect(reveal.status).toBe(429)
    } finally {
      await socket.close()
      await limited.close()
    }
  })
})

it('every documented status of the request routes was seen', () => {
  expect(checker.documented('requests').filter((pair) => !checker.seen.has(pair))).toEqual([])
})
