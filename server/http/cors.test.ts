import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config'
import { startTestApp, type TestServer } from '../testing/test-support'

const SPA = 'https://spa.example.com'
const OTHER = 'https://evil.example.net'
const ID = 'AAAAAAAAAAAAAAAAAAAAAA'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function preflight(origin: string, method = 'POST', headers = 'content-type') {
  return server!.app.request('/api/pushes', {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': headers,
    },
  })
}

describe('HUSHLINK_CORS_ORIGINS', () => {
  it('takes a comma-separated list of exact origins', () => {
    const config = loadConfig({ HUSHLINK_CORS_ORIGINS: ` ${SPA}, http://127.0.0.1:5401 ,` })
    expect(config.corsOrigins).toEqual([SPA, 'http://127.0.0.1:5401'])
    expect(loadConfig({}).corsOrigins).toEqual([])
  })

  it.each([
    '*',
    'spa.example.com',
    `${SPA}/`,
    `${SPA}/app`,
    'HTTPS://SPA.example.com',
    `${SPA}:443`,
    'ftp://x.org',
  ])('refuses %s at start with a clear error', (value) => {
    expect(() => loadConfig({ HUSHLINK_CORS_ORIGINS: value })).toThrow(ConfigError)
    expect(() => loadConfig({ HUSHLINK_CORS_ORIGINS: value })).toThrow(
      /HUSHLINK_CORS_ORIGINS must list origins/,
    )
  })
})

describe('CORS of the API', () => {
  it('answers a preflight from a configured origin, allowing only what clients send', async () => {
    server = await startTestApp({ HUSHLINK_CORS_ORIGINS: `http://127.0.0.1:5401,${SPA}` })
    const res = await preflight(SPA)
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SPA)
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,DELETE')
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe(
      'Content-Type,X-Link-Token,Authorization,X-Push-Options',
    )
    expect(res.headers.get('Access-Control-Max-Age')).toBe('600')
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull()
    expect(res.headers.get('Vary')).toMatch(/Origin/)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })

  it('gives another origin no CORS header at all, on preflights and requests', async () => {
    server = await startTestApp({ HUSHLINK_CORS_ORIGINS: SPA })
    for (const res of [
      await preflight(OTHER),
      await server.app.request('/api/config', { headers: { Origin: OTHER } }),
    ]) {
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    }
    // Exact match: a sub-domain or another scheme of the configured origin is another origin.
    for (const origin of ['https://x.spa.example.com', 'http://spa.example.com', 'null']) {
      expect((await preflight(origin)).headers.get('Access-Control-Allow-Origin')).toBeNull()
    }
  })

  it('marks answers and errors for the configured origin, exposing only the file reveal counters', async () => {
    server = await startTestApp({ HUSHLINK_CORS_ORIGINS: SPA })
    const ok = await server.app.request('/api/config', { headers: { Origin: SPA } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(SPA)
    expect(ok.headers.get('Access-Control-Expose-Headers')).toBe(
      'X-Views-Remaining,X-Deletable-By-Viewer,Retry-After',
    )
    expect(ok.headers.get('Vary')).toMatch(/Origin/)
    // The SPA must be able to read 404 and 410 bodies too.
    const missing = await server.app.request(`/api/pushes/${ID}`, {
      headers: { Origin: SPA, 'X-Link-Token': 'x' },
    })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('Access-Control-Allow-Origin')).toBe(SPA)
    expect(await missing.json()).toMatchObject({ error: 'not_found' })
  })

  it('is off by default: same-origin only, and a preflight fails', async () => {
    server = await startTestApp()
    const res = await preflight(SPA)
    expect(res.status).toBe(405)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const get = await server.app.request('/api/config', { headers: { Origin: SPA } })
    expect(get.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })
})
