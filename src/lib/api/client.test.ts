// The HTTP client against a recording fetch: routes, headers, bodies, and errors as values.
import { describe, expect, it } from 'vitest'
import { createApiClient } from './client'
import { jsonResponse as json, recordingFetch } from './recording-fetch'

const ID = 'AAECAwQFBgcICQoLDA0ODw'
const LINK_TOKEN = '9cSHNPW3NmrldAPvvX4ZD7QGRD9HcDSMKFQQ9XOd9Ng'

describe('createApiClient', () => {
  it('sends the link token as X-Link-Token on GET, with no body and no cache', async () => {
    const { fetchImpl, requests } = recordingFetch(json(200, { id: ID }))
    const api = createApiClient('https://hush.example.org/', fetchImpl)
    const result = await api.getPush(ID, LINK_TOKEN)
    expect(result).toEqual({ ok: true, status: 200, data: { id: ID } })
    expect(requests[0].url).toBe(`https://hush.example.org/api/pushes/${ID}`)
    expect(requests[0].init).toMatchObject({ method: 'GET', cache: 'no-store', body: undefined })
    expect(requests[0].init.headers).toEqual({ 'X-Link-Token': LINK_TOKEN })
  })

  it('posts JSON bodies for reveal, with the pass token only when there is one', async () => {
    const { fetchImpl, requests } = recordingFetch()
    const api = createApiClient('', fetchImpl)
    await api.reveal(ID, LINK_TOKEN)
    await api.reveal(ID, LINK_TOKEN, 'p'.repeat(43))
    expect(requests[0].url).toBe(`/api/pushes/${ID}/reveal`)
    expect(requests[0].init.method).toBe('POST')
    expect(requests[0].init.headers).toEqual({ 'Content-Type': 'application/json' })
    expect(JSON.parse(String(requests[0].init.body))).toEqual({ linkToken: LINK_TOKEN })
    const second = JSON.parse(String(requests[1].init.body))
    expect(second).toEqual({ linkToken: LINK_TOKEN, passToken: 'p'.repeat(43) })
  })

  it('uses the owner token as a bearer token for delete and audit', async () => {
    const { fetchImpl, requests } = recordingFetch()
    const api = createApiClient('', fetchImpl)
    expect(await api.deletePush(ID, 'owner')).toEqual({ ok: true, status: 204, data: null })
    await api.audit(ID, 'owner')
    expect(requests.map((r) => [r.init.method, r.url])).toEqual([
      ['DELETE', `/api/pushes/${ID}`],
      ['GET', `/api/pushes/${ID}/audit`],
    ])
    for (const r of requests) expect(r.init.headers).toEqual({ Authorization: 'Bearer owner' })
  })

  it('escapes the id so it cannot leave /api/pushes/', async () => {
    const { fetchImpl, requests } = recordingFetch()
    await createApiClient('', fetchImpl).burn('../config', LINK_TOKEN)
    expect(requests[0].url).toBe('/api/pushes/..%2Fconfig/burn')
  })

  it('returns the error body of a 4xx as a value, keeping extra fields', async () => {
    const body = { error: 'bad_passphrase', message: 'Wrong passphrase.', attemptsRemaining: 3 }
    const { fetchImpl } = recordingFetch(json(403, body))
    const result = await createApiClient('', fetchImpl).reveal(ID, LINK_TOKEN, 'x')
    expect(result).toEqual({ ok: false, status: 403, error: body })
  })

  it('keeps the seconds of a Retry-After header, and ignores a date or garbage', async () => {
    const limited = (retryAfter: string) =>
      new Response(JSON.stringify({ error: 'rate_limited', message: 'Slow down.' }), {
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': retryAfter },
      })
    const { fetchImpl } = recordingFetch(
      limited('30'),
      limited('Wed, 21 Oct 2026 07:28:00 GMT'),
      limited('-1'),
    )
    const api = createApiClient('', fetchImpl)
    expect(await api.createPush({} as never)).toMatchObject({ status: 429, retryAfterSeconds: 30 })
    for (let i = 0; i < 2; i++) {
      expect(await api.createPush({} as never)).not.toHaveProperty('retryAfterSeconds')
    }
  })

  it('never throws: network failures and non-JSON or non-object bodies become errors', async () => {
    const { fetchImpl } = recordingFetch(
      new TypeError('fetch failed'),
      new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      json(500, 'oops'),
      json(400, ['a']),
    )
    const api = createApiClient('', fetchImpl)
    expect(await api.config()).toMatchObject({ ok: false, status: 0, error: { error: 'network' } })
    expect(await api.config()).toEqual({
      ok: false,
      status: 502,
      error: { error: 'http_502', message: 'Bad Gateway' },
    })
    for (const status of [500, 400]) {
      const result = await api.config()
      expect(result.ok || Object.keys(result.error).sort()).toEqual(['error', 'message'])
      expect(result.ok || result.error.error).toBe(`http_${status}`)
    }
  })
})
