// Client addresses in the trail: full, truncated (/24, /48) or none, and X-Forwarded-For only
// behind a trusted proxy.
import { afterEach, describe, expect, it } from 'vitest'
import { truncateIp } from './client-ip'
import { listen, pushText, startTestApp, type TestServer } from '../testing/test-support'

let t: TestServer
afterEach(() => t.close())

/** The ip and user agent the trail records for a request with these headers (a bad link). */
async function recorded(
  env: Record<string, string>,
  headers: Record<string, string>,
  overSocket = false,
) {
  t = await startTestApp({ HUSHLINK_RATE_LIMIT: 'off', ...env })
  const push = await pushText(t.api, 'x')
  const server = overSocket ? await listen(t.app) : null
  try {
    const url = (server?.origin ?? 'http://test.local') + '/api/pushes/' + push.id
    const init = { headers: { 'X-Link-Token': 'wrong', 'User-Agent': 'probe/1.0', ...headers } }
    const response = server ? await fetch(url, init) : await t.app.request(url, init)
    expect(response.status).toBe(404)
    const last = (await t.store.listEvents(push.id)).at(-1)!
    expect(last).toMatchObject({ kind: 'failed_view', reason: 'bad_link' })
    return { ip: last.ip, userAgent: last.userAgent }
  } finally {
    await server?.close()
  }
}

describe('IP modes', () => {
  it('full (the default) records the socket address', async () => {
    expect(await recorded({}, {}, true)).toEqual({ ip: '127.0.0.1', userAgent: 'probe/1.0' })
  })

  it('truncated records the /24 of an IPv4 address', async () => {
    expect(await recorded({ HUSHLINK_IP_MODE: 'truncated' }, {}, true)).toEqual({
      ip: '127.0.0.0',
      userAgent: 'probe/1.0',
    })
  })

  it('truncated records the /48 of an IPv6 address (from a trusted proxy)', async () => {
    const env = { HUSHLINK_IP_MODE: 'truncated', HUSHLINK_TRUST_PROXY: 'true' }
    expect(await recorded(env, { 'X-Forwarded-For': '2001:db8:abcd:12:34::1' })).toEqual({
      ip: '2001:db8:abcd::',
      userAgent: 'probe/1.0',
    })
  })

  it('none records no address, but still the user agent', async () => {
    expect(await recorded({ HUSHLINK_IP_MODE: 'none' }, {}, true)).toEqual({
      ip: null,
      userAgent: 'probe/1.0',
    })
  })

  it('caps a huge user agent', async () => {
    const { userAgent } = await recorded({}, { 'User-Agent': 'x'.repeat(5000) })
    expect(userAgent).toHaveLength(512)
  })
})

describe('X-Forwarded-For', () => {
  it('is ignored unless HUSHLINK_TRUST_PROXY is on', async () => {
    expect((await recorded({}, { 'X-Forwarded-For': '203.0.113.9' }, true)).ip).toBe('127.0.0.1')
  })

  it('is used when the proxy is trusted', async () => {
    const env = { HUSHLINK_TRUST_PROXY: 'true' }
    expect((await recorded(env, { 'X-Forwarded-For': '203.0.113.9' }, true)).ip).toBe('203.0.113.9')
  })

  it('takes the entry the proxy appended (the last), not one the client could forge', async () => {
    const env = { HUSHLINK_TRUST_PROXY: 'true' }
    expect((await recorded(env, { 'X-Forwarded-For': '6.6.6.6, 198.51.100.7' })).ip).toBe(
      '198.51.100.7',
    )
  })

  it('falls back to the socket when the header is missing or not an address', async () => {
    const env = { HUSHLINK_TRUST_PROXY: 'true' }
    expect((await recorded(env, {}, true)).ip).toBe('127.0.0.1')
    await t.close()
    expect((await recorded(env, { 'X-Forwarded-For': 'unknown' }, true)).ip).toBe('127.0.0.1')
  })

  it('unwraps an IPv4-mapped IPv6 address before truncating it', async () => {
    const env = { HUSHLINK_TRUST_PROXY: 'true', HUSHLINK_IP_MODE: 'truncated' }
    expect((await recorded(env, { 'X-Forwarded-For': '::ffff:192.0.2.77' })).ip).toBe('192.0.2.0')
  })
})

describe('truncateIp', () => {
  it.each([
    ['192.0.2.255', '192.0.2.0'],
    ['10.1.2.3', '10.1.2.0'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd::'],
    ['2001:DB8:0001:0002:0003:0004:0005:0006', '2001:db8:1::'],
    ['2001::1:2:3:4:5:6', '2001:0:1::'], // "::" in the first 48 bits, groups after it
    ['2001:db8::', '2001:db8::'],
    ['::1', '::'],
    ['fe80::1%eth0', 'fe80::'],
    ['64:ff9b::192.0.2.1', '64:ff9b::'],
    ['not an address', null],
  ])('%s → %s', (address, expected) => {
    expect(truncateIp(address)).toBe(expected)
  })
})
