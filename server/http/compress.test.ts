import { randomBytes } from 'node:crypto'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSodium, toBase64Url } from '../../src/lib/crypto'
import { startTestApp, type TestServer } from '../testing/test-support'
import { COMPRESS_ABOVE_BYTES } from './compress'

describe('compressed API answers', () => {
  let t: TestServer

  beforeAll(async () => {
    await loadSodium()
    t = await startTestApp()
  })
  afterAll(() => t.close())

  const decode = async (response: Response) => {
    const body = Buffer.from(await response.arrayBuffer())
    const encoding = response.headers.get('content-encoding')
    if (encoding === 'br') return brotliDecompressSync(body).toString()
    if (encoding === 'gzip') return gunzipSync(body).toString()
    return body.toString()
  }

  /** A push with a `bytes`-long ciphertext, and its reveal request. */
  async function revealOf(bytes: number, acceptEncoding?: string) {
    const ciphertext = new Uint8Array(randomBytes(bytes))
    ciphertext[0] = 0x01
    const linkToken = toBase64Url(randomBytes(32))
    const created = await t.app.request('/api/pushes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'text',
        ciphertext: toBase64Url(ciphertext),
        linkToken,
        expireAfterViews: 5,
        expireAfterSeconds: 3600,
      }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    return t.app.request(`/api/pushes/${id}/reveal`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
      },
      body: JSON.stringify({ linkToken }),
    })
  }

  it('compresses JSON above 1 KiB and it decompresses to the same JSON', async () => {
    const plain = await t.app.request('/api/openapi.json')
    const text = await plain.text()
    expect(text.length).toBeGreaterThan(16 * 1024) // compressed off the event loop
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.headers.get('vary')).toBe('accept-encoding')
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
    ]) {
      const response = await t.app.request('/api/openapi.json', {
        headers: { 'accept-encoding': accept },
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-encoding'), accept).toBe(encoding)
      expect(response.headers.get('content-type')).toBe('application/json')
      expect(response.headers.get('vary')).toBe('accept-encoding')
      expect(response.headers.get('cache-control')).toBe('no-store')
      const decoded = await decode(response)
      expect(decoded).toBe(text)
    }
  })

  it('compresses a reveal of a 1 KiB ciphertext on the spot, with its length', async () => {
    const response = await revealOf(1024, 'gzip, deflate, br')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('br')
    const body = JSON.parse(await decode(response)) as { ciphertext: string }
    expect(body.ciphertext.length).toBeGreaterThan(1300)
    const gzip = await revealOf(2048, 'gzip')
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(JSON.parse(await decode(gzip)).viewsRemaining).toBe(4)
  })

  it('leaves small answers and clients that take no encoding alone', async () => {
    const config = await t.app.request('/api/config', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    const text = await config.text()
    expect(text.length).toBeLessThanOrEqual(COMPRESS_ABOVE_BYTES)
    expect(config.headers.get('content-encoding')).toBeNull()
    expect(config.headers.get('vary')).toBeNull()
    expect(JSON.parse(text)).toHaveProperty('limits')
    const small = await revealOf(200, 'br')
    expect(small.headers.get('content-encoding')).toBeNull()
    for (const accept of ['identity', 'br;q=0, gzip;q=0', undefined]) {
      const response = await revealOf(1024, accept)
      expect(response.headers.get('content-encoding'), String(accept)).toBeNull()
      expect(JSON.parse(await response.text())).toHaveProperty('ciphertext')
    }
  })

  it('never compresses errors', async () => {
    const response = await t.app.request('/api/pushes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br' },
      body: '{' + ' '.repeat(2000),
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-encoding')).toBeNull()
  })
})
