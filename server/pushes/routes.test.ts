// The happy path of the protocol (docs/protocol.md) through the real crypto: create → metadata →
// reveal, exact shapes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import {
  fetchMetadata,
  openLink,
  pushSealed,
  revealSealed,
  type PushOptions,
} from '../../src/lib/api/push-flow'
import { DAY_SECONDS, ID_PATTERN, TOKEN_PATTERN } from '../../src/lib/protocol'
import { listen, pushText, startTestApp, type TestServer } from '../testing/test-support'

let t: TestServer
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const sorted = (value: object) => Object.keys(value).sort()

const created = (options: PushOptions = {}, text = 'hello') => pushText(t.api, text, options)

describe('POST /api/pushes', () => {
  it('answers 201 with exactly id, ownerToken, expiresAt and viewsRemaining', async () => {
    const result = await pushSealed(
      t.api,
      { v: 1, kind: 'text', text: 'hello' },
      {
        expireAfterViews: 2,
        expireAfterSeconds: 3600,
      },
    )
    expect(result.ok && result.status).toBe(201)
    if (!result.ok) return
    const { secret, ...body } = result.data
    expect(sorted(body)).toEqual(['expiresAt', 'id', 'ownerToken', 'viewsRemaining'])
    expect(body.id).toMatch(ID_PATTERN)
    expect(body.ownerToken).toMatch(TOKEN_PATTERN)
    expect(body.expiresAt).toBe(new Date(t.now() + 3600_000).toISOString())
    expect(body.viewsRemaining).toBe(2)
    expect(secret).toMatch(TOKEN_PATTERN)
  })

  it('applies the defaults of 5 views and 7 days', async () => {
    const push = await created()
    expect(push.viewsRemaining).toBe(5)
    expect(push.expiresAt).toBe(new Date(t.now() + 7 * DAY_SECONDS * 1000).toISOString())
  })

  it('gives every push a fresh id and owner token', async () => {
    const [a, b] = [await created(), await created()]
    expect(a.id).not.toBe(b.id)
    expect(a.ownerToken).not.toBe(b.ownerToken)
  })
})

describe('GET /api/pushes/{id}', () => {
  it('returns exactly the metadata fields and consumes nothing', async () => {
    const push = await created({ expireAfterViews: 3, locale: 'de', deletableByViewer: false })
    for (let i = 0; i < 5; i++) {
      const meta = await fetchMetadata(t.api, push.link)
      expect(meta.ok && meta.status).toBe(200)
    }
    const meta = await fetchMetadata(t.api, push.link)
    if (!meta.ok) throw new Error('metadata failed')
    expect(meta.data).toEqual({
      id: push.id,
      kind: 'text',
      status: 'active',
      viewsRemaining: 3,
      expiresAt: push.expiresAt,
      retrievalStep: true,
      deletableByViewer: false,
      locale: 'de',
      size: expect.any(Number),
      passphrase: null,
    })
    const stored = await t.store.findPush(push.id)
    expect(meta.data.size).toBe(stored!.size)
    // 1 version byte + 24-byte nonce + 256-byte padded block + 16-byte tag.
    expect(meta.data.size).toBe(1 + 24 + 256 + 16)
  })

  it('shows the passphrase parameters but never the token', async () => {
    const push = await created({ passphrase: 'correct horse' })
    const meta = await fetchMetadata(t.api, push.link)
    if (!meta.ok) throw new Error('metadata failed')
    expect(sorted(meta.data.passphrase!)).toEqual(['memlimit', 'opslimit', 'salt'])
    expect(meta.data.passphrase!.salt).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })
})

describe('POST /api/pushes/{id}/reveal', () => {
  it('returns the ciphertext, which opens to the pushed text, and counts the view', async () => {
    const push = await created({ expireAfterViews: 2 }, 'hello')
    const meta = await fetchMetadata(t.api, push.link)
    if (!meta.ok) throw new Error('metadata failed')
    const outcome = await revealSealed(t.api, push.link, meta.data)
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.content).toEqual({ v: 1, kind: 'text', text: 'hello' })
    expect(sorted(outcome.reveal)).toEqual(['ciphertext', 'deletableByViewer', 'viewsRemaining'])
    expect(outcome.reveal.viewsRemaining).toBe(1)
    expect(outcome.reveal.deletableByViewer).toBe(true)
    const after = await fetchMetadata(t.api, push.link)
    expect(after.ok && after.data.viewsRemaining).toBe(1)
  })

  it('opens a passphrase push only with the right passphrase', async () => {
    const push = await created({ passphrase: 'correct horse' }, 'behind a passphrase')
    const meta = await fetchMetadata(t.api, push.link)
    if (!meta.ok) throw new Error('metadata failed')
    const outcome = await revealSealed(t.api, push.link, meta.data, 'correct horse')
    expect(outcome.ok && outcome.content).toEqual({
      v: 1,
      kind: 'text',
      text: 'behind a passphrase',
    })
  })

  it('carries url and qr pushes as their own kinds', async () => {
    for (const content of [
      { v: 1, kind: 'url', url: 'https://example.org/x' },
      { v: 1, kind: 'qr', text: 'WIFI:S:home;P:pw;;' },
    ] as const) {
      const result = await pushSealed(t.api, content)
      if (!result.ok) throw new Error('create failed')
      const link = await openLink(result.data.id, result.data.secret)
      const meta = await fetchMetadata(t.api, link)
      expect(meta.ok && meta.data.kind).toBe(content.kind)
      const outcome = await revealSealed(t.api, link, { kind: content.kind, passphrase: null })
      expect(outcome.ok && outcome.content).toEqual(content)
    }
  })
})

describe('GET /api/config and /api/health', () => {
  it('publishes the limits and says the database answers', async () => {
    const config = await t.api.config()
    expect(config.ok && config.data.limits).toMatchObject({
      minViews: 1,
      maxViews: 100,
      defaultViews: 5,
      minSeconds: 60,
      maxSeconds: 90 * DAY_SECONDS,
      defaultSeconds: 7 * DAY_SECONDS,
      maxTextCiphertextBytes: 1024 * 1024,
      maxPassphraseAttempts: 5,
    })
    const health = await t.app.request('/api/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })
  })
})

describe('Cache-Control', () => {
  it('is no-store on every API response, errors included', async () => {
    const push = await created({ expireAfterViews: 1 })
    const json = { 'Content-Type': 'application/json' }
    const requests: [string, RequestInit?][] = [
      ['/api/config'],
      ['/api/health'],
      ['/api/pushes/' + push.id, { headers: { 'X-Link-Token': push.link.linkToken } }],
      ['/api/pushes/' + push.id], // 404, no token
      [
        '/api/pushes/' + push.id + '/audit',
        { headers: { Authorization: 'Bearer ' + push.ownerToken } },
      ],
      ['/api/pushes', { method: 'POST', headers: json, body: '{' }], // 400
      ['/api/pushes', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' }], // 415
      ['/api/pushes', { method: 'POST', headers: json, body: 'x'.repeat(1_500_000) }], // 413
      ['/api/pushes', { method: 'GET' }], // 405
      ['/api/nothing-here'], // 404
      ['/api'],
      [
        '/api/pushes/' + push.id + '/reveal',
        { method: 'POST', headers: json, body: JSON.stringify({ linkToken: push.link.linkToken }) },
      ],
      [
        '/api/pushes/' + push.id + '/reveal',
        { method: 'POST', headers: json, body: JSON.stringify({ linkToken: push.link.linkToken }) },
      ], // 410
    ]
    const statuses: number[] = []
    for (const [path, init] of requests) {
      const response = await t.app.request(path, init)
      statuses.push(response.status)
      expect(response.headers.get('cache-control'), `${init?.method ?? 'GET'} ${path}`).toBe(
        'no-store',
      )
    }
    expect(statuses).toEqual([200, 200, 200, 404, 200, 400, 415, 413, 405, 404, 404, 200, 410])
  })
})

describe('through a real listening server', () => {
  it('runs the whole loop over a socket, as a browser or the CLI would', async () => {
    const server = await listen(t.app)
    try {
      const api = createApiClient(server.origin)
      const result = await pushSealed(
        api,
        { v: 1, kind: 'text', text: 'over the wire' },
        { expireAfterViews: 1 },
      )
      if (!result.ok) throw new Error('create failed')
      const link = await openLink(result.data.id, result.data.secret)
      const meta = await fetchMetadata(api, link)
      if (!meta.ok) throw new Error('metadata failed')
      const outcome = await revealSealed(api, link, meta.data)
      expect(outcome.ok && outcome.content).toEqual({ v: 1, kind: 'text', text: 'over the wire' })
      expect(outcome.ok && outcome.reveal.viewsRemaining).toBe(0)
      const again = await api.reveal(link.id, link.linkToken)
      expect(again.ok ? 200 : [again.status, again.error.error, again.error.reason]).toEqual([
        410,
        'ended',
        'views',
      ])
      const raw = await fetch(server.origin + '/api/pushes/' + link.id, {
        headers: { 'X-Link-Token': link.linkToken },
      })
      expect(raw.status).toBe(410)
      expect(raw.headers.get('cache-control')).toBe('no-store')
      expect(raw.headers.get('content-type')).toMatch(/^application\/json/)
    } finally {
      await server.close()
    }
  })
})
