import { randomBytes } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../src/lib/crypto'
import { ConfigError, loadConfig } from '../config'
import { rateKeyOf, TokenBuckets } from './rate-limit'
import { listen, startTestApp, type TestServer } from '../testing/test-support'

const token = () => randomBytes(32).toString('base64url')
const ciphertext = () => Buffer.concat([Buffer.from([1]), randomBytes(60)]).toString('base64url')
const createBody = (linkToken = token(), options: object = {}) =>
  JSON.stringify({ kind: 'text', ciphertext: ciphertext(), linkToken, ...options })

describe('TokenBuckets', () => {
  it('allows `limit` at once, then one per window/limit', () => {
    let now = 0
    const buckets = new TokenBuckets({ limit: 3, windowSeconds: 60 }, 100, () => now)
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0])
    expect(buckets.take('a')).toBe(20)
    expect(buckets.take('b')).toBe(0)
    now += 19_000
    expect(buckets.take('a')).toBe(1)
    now += 1_000
    expect(buckets.take('a')).toBe(0)
    now += 10 * 60_000
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([
      0, 0, 0, 20,
    ])
  })

  it('takes a refunded token again, but never holds more than `limit`', () => {
    const buckets = new TokenBuckets({ limit: 2, windowSeconds: 60 }, 100, () => 0)
    buckets.refund('a')
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 30])
    buckets.refund('a')
    expect([buckets.take('a'), buckets.take('a')]).toEqual([0, 30])
  })

  it('keeps at most maxClients entries, forgetting the least recently seen', () => {
    const buckets = new TokenBuckets({ limit: 1, windowSeconds: 3600 }, 100, () => 0)
    buckets.take('first')
    for (let i = 0; i < 1000; i++) buckets.take('client-' + i)
    expect(buckets.size).toBe(100)
    expect(buckets.take('first')).toBe(0) // forgotten, so it starts full again
    expect(buckets.take('client-999')).toBeGreaterThan(0)
  })
})

describe('rateKeyOf', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(rateKeyOf('203.0.113.7')).toBe('203.0.113.7')
    expect(rateKeyOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(rateKeyOf('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64')
    expect(rateKeyOf('2001:DB8::1')).toBe('2001:db8:0:0::/64')
  })
})

describe('configuration', () => {
  it('is on by default, off with HUSHLINK_RATE_LIMIT=off, and refuses nonsense', () => {
    expect(loadConfig({}).rateLimit).toMatchObject({
      enabled: true,
      create: { limit: 60, windowSeconds: 600 },
    })
    expect(loadConfig({ HUSHLINK_RATE_LIMIT: 'off' }).rateLimit.enabled).toBe(false)
    expect(
      loadConfig({
        HUSHLINK_RATE_FAILURES: '5',
        HUSHLINK_RATE_FAILURES_WINDOW_SECONDS: '60',
      }).rateLimit.failures,
    ).toEqual({
      limit: 5,
      windowSeconds: 60,
    })
    expect(() => loadConfig({ HUSHLINK_RATE_CREATE: '0' })).toThrow(ConfigError)
    expect(() => loadConfig({ HUSHLINK_RATE_LIMIT: 'maybe' })).toThrow(ConfigError)
  })
})

describe('on the API', () => {
  let t: TestServer
  beforeAll(() => loadSodium())
  afterEach(() => t?.close())

  const from = (ip: string, init: RequestInit = {}) => ({
    ...init,
    headers: {
      'x-forwarded-for': ip,
      'content-type': 'application/json',
      ...init.headers,
    },
  })
  const create = (ip: string, linkToken?: string) =>
    t.app.request('/api/pushes', from(ip, { method: 'POST', body: createBody(linkToken) }))

  async function expectLimited(response: Response) {
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toMatchObject({
      error: 'rate_limited',
      message: expect.any(String),
    })
  }

  it('limits creating per client address, and refills with time', async () => {
    t = await startTestApp({
      HUSHLINK_TRUST_PROXY: 'true',
      HUSHLINK_RATE_CREATE: '2',
      HUSHLINK_RATE_CREATE_WINDOW_SECONDS: '60',
    })
    expect((await create('198.51.100.1')).status).toBe(201)
    expect((await create('198.51.100.1')).status).toBe(201)
    const limited = await create('198.51.100.1')
    await expectLimited(limited)
    expect(limited.headers.get('retry-after')).toBe('30')
    expect((await create('198.51.100.2')).status).toBe(201)
    t.advance(30_000)
    expect((await create('198.51.100.1')).status).toBe(201)
  })

  it('limits reveals, and a refused reveal uses no view', async () => {
    t = await startTestApp({
      HUSHLINK_TRUST_PROXY: 'true',
      HUSHLINK_RATE_REVEAL: '2',
    })
    const linkToken = token()
    const { id } = await (await create('198.51.100.9', linkToken)).json()
    const reveal = () =>
      t.app.request(
        `/api/pushes/${id}/reveal`,
        from('198.51.100.1', {
          method: 'POST',
          body: JSON.stringify({ linkToken }),
        }),
      )
    expect((await reveal()).status).toBe(200)
    expect((await reveal()).status).toBe(200)
    await expectLimited(await reveal())
    const meta = await t.app.request(
      `/api/pushes/${id}`,
      from('198.51.100.1', { headers: { 'x-link-token': linkToken } }),
    )
    expect(await meta.json()).toMatchObject({ viewsRemaining: 3 })
  })

  it('counts 404s on a push against the failure bucket, then refuses every push route', async () => {
    t = await startTestApp({
      HUSHLINK_TRUST_PROXY: 'true',
      HUSHLINK_RATE_FAILURES: '3',
    })
    const linkToken = token()
    const { id } = await (await create('198.51.100.9', linkToken)).json()
    const read = (ip: string, presented: string) =>
      t.app.request(`/api/pushes/${id}`, from(ip, { headers: { 'x-link-token': presented } }))
    for (let i = 0; i < 3; i++) expect((await read('198.51.100.1', token())).status).toBe(404)
    await expectLimited(await read('198.51.100.1', linkToken))
    await expectLimited(await read('198.51.100.1', token()))
    expect((await read('198.51.100.2', linkToken)).status).toBe(200)
    // Successful reads spend nothing from the failure bucket.
    for (let i = 0; i < 5; i++) expect((await read('198.51.100.3', linkToken)).status).toBe(200)
    // Creating is not a push route: the failing client may still send.
    expect((await create('198.51.100.1')).status).toBe(201)
  })

  it('counts 410s too: a used link read again and again writes no more than the bucket holds', async () => {
    t = await startTestApp({
      HUSHLINK_TRUST_PROXY: 'true',
      HUSHLINK_RATE_FAILURES: '3',
    })
    const linkToken = token()
    const made = await t.app.request(
      '/api/pushes',
      from('198.51.100.9', {
        method: 'POST',
        body: createBody(linkToken, { expireAfterViews: 1 }),
      }),
    )
    const { id } = await made.json()
    const read = (ip: string) =>
      t.app.request(`/api/pushes/${id}`, from(ip, { headers: { 'x-link-token': linkToken } }))
    const recipient = await t.app.request(
      `/api/pushes/${id}/reveal`,
      from('198.51.100.9', { method: 'POST', body: JSON.stringify({ linkToken }) }),
    )
    expect(recipient.status).toBe(200)
    const failedViews = async () =>
      Number(
        (
          await t.database.client.execute({
            sql: 'SELECT ended_failures AS n FROM pushes WHERE id = ?',
            args: [id],
          })
        ).rows[0].n,
      )
    // The attack: whoever holds the used link asks for it in a loop.
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await read('198.51.100.1')).status)
    expect(statuses).toEqual([410, 410, 410, 429, 429, 429, 429, 429, 429, 429])
    expect(await failedViews()).toBe(3)
    await expectLimited(await read('198.51.100.1'))
    // Another client is not held back by it.
    expect((await read('198.51.100.2')).status).toBe(410)
  })

  it('does nothing with HUSHLINK_RATE_LIMIT=off', async () => {
    t = await startTestApp({
      HUSHLINK_TRUST_PROXY: 'true',
      HUSHLINK_RATE_LIMIT: 'off',
      HUSHLINK_RATE_CREATE: '1',
    })
    for (let i = 0; i < 5; i++) expect((await create('198.51.100.1')).status).toBe(201)
  })

  it('limits clients on a real socket by their address', async () => {
    t = await startTestApp({ HUSHLINK_RATE_CREATE: '1' })
    const server = await listen(t.app)
    try {
      const post = () =>
        fetch(server.origin + '/api/pushes', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: createBody(),
        })
      expect((await post()).status).toBe(201)
      await expectLimited(await post())
    } finally {
      await server.close()
    }
  })
})
