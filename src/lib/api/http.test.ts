// The one HTTP call against a recording fetch: URLs, bodies and headers out; results, never throws.
import { describe, expect, it } from 'vitest'
import { apiResult, createHttp } from './http'
import { jsonResponse, recordingFetch } from './recording-fetch'

describe('createHttp', () => {
  it('builds the URL under the origin’s /api and reads a JSON success', async () => {
    const { fetchImpl, requests } = recordingFetch(jsonResponse(201, { id: 'x' }))
    const http = createHttp('https://hush.example.org//', fetchImpl)
    const result = await http.call('POST', '/pushes', { json: { kind: 'text' } })
    expect(result).toEqual({ ok: true, status: 201, data: { id: 'x' } })
    expect(requests[0].url).toBe('https://hush.example.org/api/pushes')
    expect(requests[0].init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"kind":"text"}',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    })
    expect(http.url('/config')).toBe('https://hush.example.org/api/config')
  })

  it('sends no body and no Content-Type without one, and reads an empty answer as null', async () => {
    const { fetchImpl, requests } = recordingFetch()
    const result = await createHttp('', fetchImpl).call('DELETE', '/pushes/a', {
      headers: { Authorization: 'Bearer o' },
    })
    expect(result).toEqual({ ok: true, status: 204, data: null })
    expect(requests[0].url).toBe('/api/pushes/a')
    expect(requests[0].init.headers).toEqual({ Authorization: 'Bearer o' })
    expect(requests[0].init.body).toBeUndefined()
  })

  it('sends bytes as application/octet-stream, the blob itself as the body', async () => {
    const { fetchImpl, requests } = recordingFetch(jsonResponse(201, { id: 'f' }))
    const http = createHttp('', fetchImpl)
    const bytes = new Blob([new Uint8Array([1, 2, 3])])
    const request = { bytes, headers: { 'X-Options': 'o' } }
    await http.call('POST', '/pushes/files', request)
    expect(requests[0].init.body).toBe(bytes)
    const headers = { 'Content-Type': 'application/octet-stream', 'X-Options': 'o' }
    expect(requests[0].init.headers).toEqual(headers)
    expect(http.headersOf(request)).toEqual(headers)
  })

  it('returns an error body as the failure, keeping its extra fields', async () => {
    const body = { error: 'bad_passphrase', message: 'Wrong passphrase.', attemptsRemaining: 2 }
    const { fetchImpl } = recordingFetch(jsonResponse(403, body))
    const result = await createHttp('', fetchImpl).call('POST', '/x', { json: {} })
    expect(result).toEqual({ ok: false, status: 403, error: body })
  })

  it('makes a proxy’s HTML page an http_<status> failure with its status text', async () => {
    const page = new Response('<html>502 Bad Gateway</html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html' },
    })
    const { fetchImpl } = recordingFetch(page, new Response('', { status: 504 }))
    const http = createHttp('', fetchImpl)
    expect(await http.call('GET', '/config')).toEqual({
      ok: false,
      status: 502,
      error: { error: 'http_502', message: 'Bad Gateway' },
    })
    expect(await http.call('GET', '/config')).toEqual({
      ok: false,
      status: 504,
      error: { error: 'http_504', message: 'Request failed.' },
    })
  })

  it('turns a network failure into status 0, for call and callForStream alike', async () => {
    const { fetchImpl } = recordingFetch(new TypeError('fetch failed'), new Error('aborted'))
    const http = createHttp('', fetchImpl)
    const network = {
      ok: false,
      status: 0,
      error: { error: 'network', message: 'The server could not be reached.' },
    }
    expect(await http.call('GET', '/config')).toEqual(network)
    expect(await http.callForStream('GET', '/config')).toEqual(network)
  })

  it('keeps the seconds of Retry-After on a failure', async () => {
    const limited = jsonResponse(
      429,
      { error: 'rate_limited', message: 'Slow.' },
      {
        'Retry-After': '30',
      },
    )
    const { fetchImpl } = recordingFetch(limited)
    const result = await createHttp('', fetchImpl).call('POST', '/pushes')
    expect(result).toMatchObject({ ok: false, status: 429, retryAfterSeconds: 30 })
  })

  it('hands a 2xx answer of callForStream back unread, and reads a failure’s body', async () => {
    const stream = new Response(new Uint8Array([9, 8]), {
      headers: { 'Content-Type': 'application/octet-stream' },
    })
    const gone = jsonResponse(410, { error: 'ended', message: 'Gone.', reason: 'views' })
    const { fetchImpl, requests } = recordingFetch(stream, gone)
    const http = createHttp('', fetchImpl)
    const request = { headers: { Accept: 'application/octet-stream' } }
    const opened = await http.callForStream('POST', '/r', request)
    expect(opened.ok && opened.data).toBe(stream)
    expect(opened.ok && [...new Uint8Array(await opened.data.arrayBuffer())]).toEqual([9, 8])
    expect(requests[0].init.headers).toEqual({ Accept: 'application/octet-stream' })
    expect(await http.callForStream('POST', '/r', request)).toEqual({
      ok: false,
      status: 410,
      error: { error: 'ended', message: 'Gone.', reason: 'views' },
    })
  })
})

describe('Retry-After', () => {
  it('reads delay-seconds, trimmed', () => {
    expect(apiResult(429, '', '', '30')).toMatchObject({ retryAfterSeconds: 30 })
    expect(apiResult(429, '', '', ' 0 ')).toMatchObject({ retryAfterSeconds: 0 })
    expect(apiResult(503, '', '', '999999')).toMatchObject({ retryAfterSeconds: 999999 })
  })

  it('ignores an HTTP date, a negative, a fraction, a huge number, garbage and no header', () => {
    const forms = ['Wed, 21 Oct 2026 07:28:00 GMT', '-1', '1.5', '1234567', 'soon', '', null]
    for (const value of forms) {
      expect(apiResult(429, '', '', value)).not.toHaveProperty('retryAfterSeconds')
    }
  })
})

describe('apiResult', () => {
  it('makes a JSON string or array body no error body', () => {
    for (const text of ['"oops"', '["a"]', 'null']) {
      expect(apiResult(500, '', text)).toEqual({
        ok: false,
        status: 500,
        error: { error: 'http_500', message: 'Request failed.' },
      })
    }
  })
})
