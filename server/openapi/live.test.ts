// Live answers of every push, file and server route, successes and errors, checked against
// /api/openapi.json as they come (server/testing/openapi-check.ts); at the end, every status the document gives
// those routes must have been seen. Requests: openapi-live-requests.test.ts.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiClient, type ApiClient } from '../../src/lib/api/client'
import { createFileApi, type FileApi } from '../../src/lib/api/file-client'
import { sealFiles, toBase64Url } from '../../src/lib/crypto'
import type { App } from '../app'
import { fileOf, pushTestFiles, revealTestFiles } from '../testing/file-test-support'
import { sweepOnce } from '../jobs/sweeper'
import type { OpenApiDocument } from './document'
import { answerChecker } from '../testing/openapi-check'
import {
  brokenOffPost,
  listen,
  pushText,
  revealText,
  startTestApp,
  type TestServer,
} from '../testing/test-support'

/** Statuses documented but not provoked here, and why. */
const NOT_PROVOKED: string[] = []

const ORIGIN = 'http://test.local'
const inProcess = (app: App) =>
  ((input: RequestInfo | URL, init?: RequestInit) =>
    app.request(input instanceof Request ? input : String(input), init)) as typeof fetch

let t: TestServer
let checker: ReturnType<typeof answerChecker>
let call: typeof fetch
let api: ApiClient
let files: FileApi
const servers: TestServer[] = []

/** Another app (other settings), its answers checked by the same checker. */
async function otherApp(env: Record<string, string>) {
  const other = await startTestApp(env)
  servers.push(other)
  const fetchImpl = checker.checked(inProcess(other.app))
  return {
    server: other,
    api: createApiClient(ORIGIN, fetchImpl),
    files: createFileApi(ORIGIN, fetchImpl),
    call: fetchImpl,
  }
}

beforeAll(async () => {
  t = await startTestApp()
  servers.push(t)
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDocument
  checker = answerChecker(doc)
  call = checker.checked(inProcess(t.app))
  api = createApiClient(ORIGIN, call)
  files = createFileApi(ORIGIN, call)
})
afterAll(async () => {
  for (const server of servers) await server.close()
})

const token = () => toBase64Url(randomBytes(32))
const unknownId = 'AAAAAAAAAAAAAAAAAAAAAA'
const post = (path: string, body: string, type = 'application/json', via = call) =>
  via(ORIGIN + path, { method: 'POST', headers: { 'Content-Type': type }, body })

describe('push routes answer as documented', () => {
  it('create, metadata, reveal, audit, burn and delete, and their 403, 404 and 410', async () => {
    const push = await pushText(api, 'hello', { expireAfterViews: 2 })
    expect((await revealText(api, push.link)).ok).toBe(true)
    expect((await api.audit(push.id, push.ownerToken)).status).toBe(200)
    expect((await api.burn(push.id, push.link.linkToken)).status).toBe(204)
    expect((await api.getPush(push.id, push.link.linkToken)).status).toBe(410)
    expect((await api.reveal(push.id, push.link.linkToken)).status).toBe(410)
    expect((await api.burn(push.id, push.link.linkToken)).status).toBe(410)
    expect((await api.deletePush(push.id, push.ownerToken)).status).toBe(410)

    const kept = await pushText(api, 'kept', { deletableByViewer: false })
    expect((await api.burn(kept.id, kept.link.linkToken)).status).toBe(403)
    expect((await api.audit(kept.id, token())).status).toBe(404)
    expect((await api.deletePush(kept.id, token())).status).toBe(404)
    expect((await api.deletePush(kept.id, kept.ownerToken)).status).toBe(204)
    expect((await api.getPush(unknownId, token())).status).toBe(404)
    expect((await api.reveal(unknownId, token())).status).toBe(404)
    expect((await api.burn(unknownId, token())).status).toBe(404)
  })

  it('a passphrase push: 400 passphrase_required, 403 bad_passphrase', async () => {
    const push = await pushText(api, 'guarded', { passphrase: 'open sesame' })
    const missing = await api.reveal(push.id, push.link.linkToken)
    expect(!missing.ok && missing.error.error).toBe('passphrase_required')
    const wrong = await api.reveal(push.id, push.link.linkToken, token())
    expect(!wrong.ok && wrong.error).toMatchObject({
      error: 'bad_passphrase',
      attemptsRemaining: 4,
    })
  })

  it('refuses bodies: 400 invalid_json and invalid_input, 408, 413, 415', async () => {
    const id = (await pushText(api, 'x')).id
    const routes = ['/api/pushes', `/api/pushes/${id}/reveal`, `/api/pushes/${id}/burn`]
    for (const path of routes) {
      expect((await post(path, '{')).status, path).toBe(400)
      expect((await post(path, '{}')).status, path).toBe(400)
      expect((await post(path, '{}', 'text/plain')).status, path).toBe(415)
      expect((await call(ORIGIN + path, brokenOffPost())).status, path).toBe(408)
    }
    const long = JSON.stringify({ linkToken: 'x'.repeat(20_000) })
    expect((await post(routes[1], long)).status).toBe(413)
    expect((await post(routes[2], long)).status).toBe(413)
    const huge = 'A'.repeat(Math.ceil((1024 * 1024 * 4) / 3) + 4)
    const body = JSON.stringify({ kind: 'text', ciphertext: huge, linkToken: token() })
    expect((await post(routes[0], body)).status).toBe(413)
  })
})

describe('file pushes answer as documented', () => {
  const upload = (headers: Record<string, string>, body: BodyInit, via = call) =>
    via(ORIGIN + '/api/pushes/files', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...headers },
      body,
      duplex: 'half',
    } as RequestInit)
  const options = () =>
    toBase64Url(new TextEncoder().encode(JSON.stringify({ linkToken: token() })))
  async function sealed(bytes = 100): Promise<Uint8Array<ArrayBuffer>> {
    const parts: Uint8Array[] = []
    for await (const part of sealFiles([fileOf('a', randomBytes(bytes))], new Uint8Array(32)))
      parts.push(part.slice())
    return new Uint8Array(Buffer.concat(parts))
  }

  it('create, then reveal in binary with the counters in headers', async () => {
    const push = await pushTestFiles(files, [fileOf('a.txt', randomBytes(1000))])
    const revealed = await revealTestFiles(api, files, push)
    expect(revealed.ok).toBe(true)
  })

  it('refuses uploads: 400, 404 when turned off, 408, 413, 415', async () => {
    expect((await upload({}, await sealed())).status).toBe(400)
    const asJson = { 'X-Push-Options': options(), 'Content-Type': 'application/json' }
    expect((await upload(asJson, await sealed())).status).toBe(415)
    const declared = { 'X-Push-Options': options(), 'Content-Length': String(1024 ** 3) }
    expect((await upload(declared, new Uint8Array(10))).status).toBe(413)
    const off = await otherApp({ HUSHLINK_FILES: 'false' })
    expect((await upload({ 'X-Push-Options': options() }, await sealed(), off.call)).status).toBe(
      404,
    )

    // The sweeper takes an upload that has run for over an hour: finishing it answers 408.
    const bytes = await sealed()
    let sent = false
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent) {
          t.advance(3600_000 + 1)
          await sweepOnce(t.deps)
          return controller.close()
        }
        sent = true
        controller.enqueue(bytes)
      },
    })
    expect((await upload({ 'X-Push-Options': options() }, slow)).status).toBe(408)
    // An upload that breaks off (cut by the server's deadline, or the client gone): 408, no 500.
    const broken = brokenOffPost(
      { 'content-type': 'application/octet-stream', 'x-push-options': options() },
      '\u0002 the start of a version 2 stream',
    )
    const cut = await call(ORIGIN + '/api/pushes/files', broken)
    expect(cut.status).toBe(408)
    expect((await cut.json()).error).toBe('request_timeout')
  })

  it('asks a reveal to wait (503 busy) while downloads fill the memory budget', async () => {
    const tight = await otherApp({
      HUSHLINK_MAX_FILE_BYTES: String(4 * 1024 * 1024),
      HUSHLINK_FILE_MEMORY_BYTES: String(1024 * 1024),
    })
    const push = await pushTestFiles(tight.files, [fileOf('a', randomBytes(3 * 1024 * 1024))], {
      expireAfterViews: 2,
    })
    const first = await tight.files.revealFile(push.id, push.link.linkToken)
    const second = await tight.files.revealFile(push.id, push.link.linkToken)
    expect(!second.ok && second.error.error).toBe('busy')
    if (!first.ok) throw new Error(first.error.error)
    for await (const _ of first.data.body);
  })
})

describe('server routes answer as documented', () => {
  it('config, health up and down, and this document', async () => {
    expect((await api.config()).status).toBe(200)
    expect((await call(ORIGIN + '/api/health')).status).toBe(200)
    vi.spyOn(t.store, 'ping').mockResolvedValueOnce(false)
    expect((await call(ORIGIN + '/api/health')).status).toBe(503)
    expect((await call(ORIGIN + '/api/openapi.json')).status).toBe(200)
  })
})

describe('rate limits answer as documented', () => {
  it('429 with Retry-After on every push route', async () => {
    const limited = await startTestApp({ HUSHLINK_RATE_CREATE: '1', HUSHLINK_RATE_FAILURES: '1' })
    servers.push(limited)
    const socket = await listen(limited.app)
    const via = checker.checked(fetch)
    const client = createApiClient(socket.origin, via)
    try {
      await pushText(client, 'first')
      expect(
        (await client.createPush({ kind: 'text', ciphertext: 'x', linkToken: token() })).status,
      ).toBe(429)
      const options = toBase64Url(new TextEncoder().encode('{}'))
      const files = await via(socket.origin + '/api/pushes/files', {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'X-Push-Options': options },
        body: new Uint8Array(1),
      })
      expect(files.status).toBe(429)
      expect((await client.getPush(unknownId, token())).status).toBe(404) // spends the failure
      expect((await client.getPush(unknownId, token())).status).toBe(429)
      expect((await client.reveal(unknownId, token())).status).toBe(429)
      expect((await client.burn(unknownId, token())).status).toBe(429)
      expect((await client.deletePush(unknownId, token())).status).toBe(429)
      expect((await client.audit(unknownId, token())).status).toBe(429)
    } finally {
      await socket.close()
    }
  })
})

it('every documented status of the push and server routes was seen', () => {
  const documented = [...checker.documented('pushes'), ...checker.documented('server')]
  const missing = documented.filter(
    (pair) => !checker.seen.has(pair) && !NOT_PROVOKED.includes(pair),
  )
  expect(missing).toEqual([])
})
