// The request routes' client against a recording fetch: paths, owner tokens and bodies.
import { describe, expect, it } from 'vitest'
import { jsonResponse, recordingFetch } from './recording-fetch'
import { createRequestClient } from './request-client'

describe('createRequestClient', () => {
  it('creates and reads requests under /api/requests, escaping the id', async () => {
    const { fetchImpl, requests } = recordingFetch(jsonResponse(201, { id: 'r' }))
    const client = createRequestClient('https://hush.example.org/', fetchImpl)
    const body = { publicKey: 'k', expireAfterSeconds: 3600, maxAnswers: 1 }
    expect(await client.create(body as never)).toEqual({ ok: true, status: 201, data: { id: 'r' } })
    await client.get('../config')
    expect(requests.map((r) => [r.init.method, r.url])).toEqual([
      ['POST', 'https://hush.example.org/api/requests'],
      ['GET', 'https://hush.example.org/api/requests/..%2Fconfig'],
    ])
    expect(JSON.parse(String(requests[0].init.body))).toEqual(body)
    expect(requests[1].init.headers).toEqual({})
  })

  it('posts an answer as kind and ciphertext, with no owner token', async () => {
    const { fetchImpl, requests } = recordingFetch()
    await createRequestClient('', fetchImpl).answer('r', 'text', 'c')
    expect(requests[0].url).toBe('/api/requests/r/answers')
    expect(requests[0].init.headers).toEqual({ 'Content-Type': 'application/json' })
    expect(JSON.parse(String(requests[0].init.body))).toEqual({ kind: 'text', ciphertext: 'c' })
  })

  it('lists and reveals answers with the owner token as a bearer token', async () => {
    const { fetchImpl, requests } = recordingFetch()
    const client = createRequestClient('', fetchImpl)
    await client.answers('r', 'owner')
    await client.reveal('r', 'a/b', 'owner')
    expect(requests.map((r) => [r.init.method, r.url])).toEqual([
      ['GET', '/api/requests/r/answers'],
      ['POST', '/api/requests/r/answers/a%2Fb/reveal'],
    ])
    for (const r of requests) {
      expect(r.init.headers).toEqual({ Authorization: 'Bearer owner' })
      expect(r.init.body).toBeUndefined()
    }
  })
})
