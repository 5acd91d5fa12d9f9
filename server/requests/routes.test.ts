// Requests through the real crypto: create, answer, the answer count closes, only the owner reveals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  answerRequest,
  createRequest,
  createRequestClient,
  listAnswers,
  revealAnswer,
  type CreatedRequest,
  type RequestClient,
  type RequestOptions,
} from '../../src/lib/api/request-flow'
import { generateRequestKeyPair, sealToRequest, toBase64Url } from '../../src/lib/crypto'
import { ID_PATTERN, TOKEN_PATTERN } from '../../src/lib/protocol'
import {
  hasCiphertext,
  startTestApp,
  tableRows,
  trailOf,
  type TestServer,
} from '../testing/test-support'

let t: TestServer
let client: RequestClient
beforeEach(async () => {
  t = await startTestApp()
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) =>
    t.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch
  client = createRequestClient('http://test.local', inProcess)
})
afterEach(() => t.close())

async function made(options: Partial<RequestOptions> = {}): Promise<CreatedRequest> {
  const result = await createRequest(client, { label: 'VPN password please', ...options })
  if (!result.ok) throw new Error(`create failed: ${result.status} ${result.error.error}`)
  return result.data
}

async function answered(request: CreatedRequest, text: string) {
  const info = await client.get(request.id)
  if (!info.ok) throw new Error('no request')
  const sent = await answerRequest(client, info.data, request.publicKey, {
    v: 1,
    kind: 'text',
    text,
  })
  if ('refused' in sent) throw new Error('refused: ' + sent.refused)
  return sent
}

/** What whoever writes the database can do: hand out a public key of their own. */
async function swapPublicKey(id: string): Promise<string> {
  const attacker = toBase64Url((await generateRequestKeyPair()).publicKey)
  await t.database.client.execute({
    sql: 'UPDATE requests SET public_key = ? WHERE id = ?',
    args: [attacker, id],
  })
  return attacker
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('/api/requests', () => {
  it('creates a request and shows the sender its label and public key only', async () => {
    const request = await made({ answersAllowed: 2 })
    expect(request.id).toMatch(ID_PATTERN)
    expect(request.ownerToken).toMatch(TOKEN_PATTERN)
    expect(request.fragment).toHaveLength(86)
    const info = await client.get(request.id)
    expect(info.ok && info.data).toMatchObject({
      id: request.id,
      label: 'VPN password please',
      status: 'open',
      reason: null,
      answersRemaining: 2,
    })
    expect(info.ok && Object.keys(info.data).sort()).toEqual([
      'answersRemaining',
      'expiresAt',
      'id',
      'label',
      'publicKey',
      'reason',
      'status',
    ])
  })

  it('delivers an answer only to the requester, with the usual push lifecycle', async () => {
    const request = await made({ pushViews: 1 })
    const sent = await answered(request, 'hunter2')
    expect(sent.ok && sent.status).toBe(201)
    expect(sent.ok && sent.data).toEqual({ answersRemaining: 0 })

    const listing = await listAnswers(client, request.id, request.fragment)
    if (!listing.ok) throw new Error('no listing')
    expect(listing.data.request).toMatchObject({
      status: 'closed',
      reason: 'answers',
      answersRemaining: 0,
    })
    expect(listing.data.events.map((e) => e.kind)).toEqual([
      'request_created',
      'request_answered',
      'request_closed',
    ])
    const [answer] = listing.data.answers
    expect(answer).toMatchObject({ kind: 'text', status: 'active', viewsRemaining: 1 })

    const opened = await revealAnswer(client, request.id, request.fragment, answer)
    expect(opened.ok && opened.content).toEqual({ v: 1, kind: 'text', text: 'hunter2' })
    expect(await hasCiphertext(t.database, answer.id)).toBe(false)
    expect(await trailOf(t.store, answer.id)).toEqual(['created', 'viewed', 'expired:views'])
    const again = await revealAnswer(client, request.id, request.fragment, answer)
    expect(!again.ok && again.status).toBe(410)

    // The request's owner token also owns the answer push: its audit works as for any push.
    const audit = await t.api.audit(answer.id, request.ownerToken)
    expect(audit.ok && audit.data.push.status).toBe('ended')
  })

  it('closes after its answer count, however many answers race', async () => {
    const request = await made({ answersAllowed: 2 })
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => answered(request, 'a' + i)),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(2)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(
      Array(4).fill(expect.objectContaining({ error: 'closed', reason: 'answers' })),
    )
    const listing = await listAnswers(client, request.id, request.fragment)
    expect(listing.ok && listing.data.answers).toHaveLength(2)
    const info = await client.get(request.id)
    expect(info.ok && info.data).toMatchObject({ status: 'closed', answersRemaining: 0 })
  })

  it('refuses to seal to a public key swapped in the database, and nothing is stored', async () => {
    const request = await made()
    const attacker = await swapPublicKey(request.id)
    const info = await client.get(request.id)
    expect(info.ok && info.data.publicKey).toBe(attacker)
    if (!info.ok) return
    const content = { v: 1, kind: 'text', text: 'for the requester only' } as const
    let sentAnything = false
    const watching: RequestClient = {
      ...client,
      answer: (...args) => {
        sentAnything = true
        return client.answer(...args)
      },
    }
    expect(await answerRequest(watching, info.data, request.publicKey, content)).toEqual({
      ok: false,
      refused: 'mismatch',
    })
    // A link without its key (an old or cut link) cannot be checked: refused as well.
    expect(await answerRequest(watching, info.data, null, content)).toEqual({
      ok: false,
      refused: 'missing',
    })
    expect(sentAnything).toBe(false)
    const listing = await listAnswers(client, request.id, request.fragment)
    expect(listing.ok && listing.data.answers).toEqual([])
    const after = await client.get(request.id)
    expect(after.ok && after.data.answersRemaining).toBe(1)
    expect((await tableRows(t.database, 'pushes')).length).toBe(0)
  })

  it('closes when its time is up', async () => {
    const request = await made({ openSeconds: 3600, answersAllowed: 3 })
    t.advance(3600_000)
    const info = await client.get(request.id)
    expect(info.ok && info.data).toMatchObject({ status: 'closed', reason: 'time' })
    const late = await answered(request, 'late')
    expect(!late.ok && late.error).toMatchObject({ error: 'closed', reason: 'time' })
  })

  it('lets nobody but the owner list or reveal answers', async () => {
    const request = await made()
    await answered(request, 'secret')
    const listing = await listAnswers(client, request.id, request.fragment)
    if (!listing.ok) throw new Error('no listing')
    const answer = listing.data.answers[0]
    const stranger = toBase64Url(new Uint8Array(32).fill(1))
    expect((await client.answers(request.id, stranger)).status).toBe(404)
    expect((await client.reveal(request.id, answer.id, stranger)).status).toBe(404)
    const noAuth = await post(`/api/requests/${request.id}/answers/${answer.id}/reveal`, {})
    expect(noAuth.status).toBe(404)
    // The answer push has no link token anyone knows: the push routes refuse it too.
    expect((await t.api.getPush(answer.id, stranger)).status).toBe(404)
    expect((await t.api.reveal(answer.id, stranger)).status).toBe(404)
    // Another request's owner cannot reach this answer through their own request.
    const other = await made()
    expect((await client.reveal(other.id, answer.id, other.ownerToken)).status).toBe(404)
    // The owner token without the private key reveals only a sealed box.
    const raw = await client.reveal(request.id, answer.id, request.ownerToken)
    expect(raw.ok && raw.data.ciphertext).not.toContain('secret')
  })

  it('ends an answer push when its time runs out', async () => {
    const request = await made({ pushSeconds: 60 })
    await answered(request, 'short-lived')
    const listing = await listAnswers(client, request.id, request.fragment)
    if (!listing.ok) throw new Error('no listing')
    t.advance(61_000)
    const late = await revealAnswer(client, request.id, request.fragment, listing.data.answers[0])
    expect(!late.ok && late.error).toMatchObject({ error: 'ended', reason: 'time' })
    expect(await hasCiphertext(t.database, listing.data.answers[0].id)).toBe(false)
  })

  it('refuses bad input with 4xx', async () => {
    const keys = await generateRequestKeyPair()
    const publicKey = toBase64Url(keys.publicKey)
    for (const body of [
      {},
      { publicKey, label: '' },
      { publicKey, label: 'x'.repeat(201) },
      { publicKey: 'short', label: 'x' },
      { publicKey, label: 'x', answersAllowed: 0 },
      { publicKey, label: 'x', answersAllowed: 11 },
      { publicKey, label: 'x', openSeconds: 1 },
    ]) {
      expect((await post('/api/requests', body)).status, JSON.stringify(body)).toBe(400)
    }
    const request = await made()
    const path = `/api/requests/${request.id}/answers`
    const sealed = toBase64Url(
      await sealToRequest({ v: 1, kind: 'text', text: 'x' }, keys.publicKey),
    )
    expect((await post(path, { kind: 'file', ciphertext: sealed })).status).toBe(400)
    expect((await post(path, { kind: 'text', ciphertext: 'AQ' + sealed.slice(2) })).status).toBe(
      400,
    )
    expect((await post(path, { kind: 'text', ciphertext: '***' })).status).toBe(400)
    expect((await post(path, { kind: 'text', ciphertext: 'A'.repeat(2_000_000) })).status).toBe(413)
    expect((await t.app.request(path, { method: 'POST', body: 'x' })).status).toBe(415)
    expect(
      (await post('/api/requests/nope/answers', { kind: 'text', ciphertext: sealed })).status,
    ).toBe(404)
    expect((await t.app.request('/api/requests/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
    expect((await t.app.request(`/api/requests/${request.id}`, { method: 'DELETE' })).status).toBe(
      405,
    )
  })

  it('spends the create bucket on creating requests and answers', async () => {
    const limited = await startTestApp({
      HUSHLINK_TRUST_PROXY: 'true',
      HUSHLINK_RATE_CREATE: '2',
      HUSHLINK_RATE_CREATE_WINDOW_SECONDS: '60',
    })
    const keys = await generateRequestKeyPair()
    const from = (ip: string, path: string, body: unknown) =>
      limited.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      })
    const body = { publicKey: toBase64Url(keys.publicKey), label: 'x', answersAllowed: 5 }
    const first = await from('198.51.100.7', '/api/requests', body)
    expect(first.status).toBe(201)
    const { id } = (await first.json()) as { id: string }
    const sealed = toBase64Url(
      await sealToRequest({ v: 1, kind: 'text', text: 'x' }, keys.publicKey),
    )
    expect(
      (
        await from('198.51.100.7', `/api/requests/${id}/answers`, {
          kind: 'text',
          ciphertext: sealed,
        })
      ).status,
    ).toBe(201)
    expect((await from('198.51.100.7', '/api/requests', body)).status).toBe(429)
    expect(
      (
        await from('198.51.100.8', `/api/requests/${id}/answers`, {
          kind: 'text',
          ciphertext: sealed,
        })
      ).status,
    ).toBe(201)
    await limited.close()
  })
})
