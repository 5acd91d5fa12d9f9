// The edges of the API besides the create body: reveal and burn bodies, wrong methods and
// paths, and an oversize upload over a real socket. All 4xx JSON, never a 5xx.
import { randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import { expectApiError as expectRefused } from '../testing/test-expect'
import { listen, startTestApp, type TestServer } from '../testing/test-support'

let t: TestServer
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const b64 = (bytes: number) => toBase64Url(randomBytes(bytes))

function post(path: string, body: string | Uint8Array, type: string | null = 'application/json') {
  return t.app.request(path, {
    method: 'POST',
    headers: type ? { 'Content-Type': type } : {},
    body: body as BodyInit,
  })
}

describe('reveal and burn refuse bad bodies before looking anything up', () => {
  const token = b64(32)
  const id = toBase64Url(randomBytes(16))
  const paths = ['/api/pushes/' + id + '/reveal', '/api/pushes/' + id + '/burn']

  it.each(paths)('%s', async (path) => {
    await expectRefused(await post(path, '{"linkToken":'), 400, 'invalid_json')
    await expectRefused(await post(path, '{}'), 400, 'invalid_input')
    await expectRefused(await post(path, JSON.stringify({ linkToken: 7 })), 400, 'invalid_input')
    await expectRefused(await post(path, JSON.stringify({ linkToken: token }), 'text/plain'), 415)
    await expectRefused(
      await post(path, JSON.stringify({ linkToken: token, pad: 'x'.repeat(20_000) })),
      413,
    )
    // Well-formed but unknown: the ordinary 404.
    await expectRefused(await post(path, JSON.stringify({ linkToken: token })), 404, 'not_found')
  })

  it('a malformed passToken is refused without looking up the push', async () => {
    const body = JSON.stringify({ linkToken: token, passToken: 'not-a-token' })
    await expectRefused(await post(paths[0], body), 400, 'invalid_input')
  })
})

describe('methods and paths', () => {
  const id = toBase64Url(randomBytes(16))
  it.each([
    ['GET', '/api/pushes', 'POST'],
    ['PUT', '/api/pushes', 'POST'],
    ['DELETE', '/api/pushes', 'POST'],
    ['POST', '/api/pushes/' + id, 'GET, DELETE'],
    ['PATCH', '/api/pushes/' + id, 'GET, DELETE'],
    ['GET', '/api/pushes/' + id + '/reveal', 'POST'],
    ['DELETE', '/api/pushes/' + id + '/burn', 'POST'],
    ['POST', '/api/pushes/' + id + '/audit', 'GET'],
    ['POST', '/api/config', 'GET'],
    ['DELETE', '/api/health', 'GET'],
  ])('%s %s → 405, Allow: %s', async (method, path, allow) => {
    const response = await t.app.request(path, { method })
    expect(response.headers.get('allow')).toBe(allow)
    await expectRefused(response, 405, 'method_not_allowed')
  })

  it.each(['/api/nope', '/api/pushes/' + id + '/other', '/api/pushes/a/b/c'])(
    'GET %s → 404 JSON',
    async (path) => {
      await expectRefused(await t.app.request(path), 404, 'not_found')
    },
  )

  it('an id of the wrong shape is simply unknown', async () => {
    const response = await t.app.request('/api/pushes/' + 'x'.repeat(500), {
      headers: { 'X-Link-Token': b64(32) },
    })
    await expectRefused(response, 404, 'not_found')
  })
})

describe('over a real socket', () => {
  it('answers an oversize upload with 413 and closes the connection', async () => {
    const server = await listen(t.app)
    try {
      const { port } = new URL(server.origin)
      const { status, body, connection } = await new Promise<{
        status: number
        body: string
        connection?: string
      }>((resolve, reject) => {
        const req = httpRequest(
          {
            port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/api/pushes',
            headers: { 'Content-Type': 'application/json' },
          },
          (res) => {
            let text = ''
            res.on('data', (chunk) => (text += chunk))
            res.on('end', () =>
              resolve({ status: res.statusCode!, body: text, connection: res.headers.connection }),
            )
          },
        )
        req.on('error', reject)
        // Chunked, with no Content-Length: the limit must hold while streaming.
        const chunk = 'A'.repeat(64 * 1024)
        let sent = 0
        const pump = () => {
          while (sent < 40 && req.write(chunk)) sent++
          if (sent < 40) req.once('drain', () => (sent++, pump()))
          else req.end()
        }
        req.write('{"ciphertext":"')
        pump()
      })
      expect(status).toBe(413)
      expect(JSON.parse(body).error).toBe('too_large')
      expect(connection).toBe('close')
    } finally {
      await server.close()
    }
  })
})
