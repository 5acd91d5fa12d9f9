import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../build-plugins/precompress'
import { STAMP_FILE } from '../../scripts/build-if-changed'
import { createApp } from '../app'
import { listen, startTestApp, type TestServer } from '../testing/test-support'
import { serveFrontend } from './static'
import { IMMUTABLE } from './static-index'

const PAGE =
  '<!doctype html><html><head><meta http-equiv="content-security-policy" ' +
  'content="default-src &#39;self&#39;"></head><body>' +
  'app '.repeat(200) +
  '</body></html>'
const FILES: Record<string, string | Buffer> = {
  'index.html': PAGE,
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg">' + '<g/>'.repeat(100) + '</svg>',
  'theme.js': 'document.documentElement.dataset.theme = "dark"\n'.repeat(20),
  'tiny.txt': 'x', // no twin: compressing would not make it smaller
  '_app/version.json': JSON.stringify({ version: '1' }),
  '_app/immutable/chunks/app.AbC123.js': 'export const answer = 42\n'.repeat(300),
  '_app/immutable/assets/libsodium.Xyz.wasm': Buffer.concat([
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    Buffer.alloc(4000, 7),
  ]),
}

const ALL_ENCODINGS = 'gzip, deflate, br, zstd'

/** A build directory of FILES, precompressed, with what `npm run build` leaves beside the app. */
async function built(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'hushlink-static-'))
  const hidden = { [STAMP_FILE]: 'f00dfeed\n', '.git/config': '[core]\n' }
  for (const [name, content] of Object.entries({ ...FILES, ...hidden })) {
    mkdirSync(join(root, name, '..'), { recursive: true })
    writeFileSync(join(root, name), content)
  }
  await precompressDir(root)
  return root
}

describe('static files from memory', () => {
  let root: string
  let t: TestServer

  beforeAll(async () => {
    root = await built()
    t = await startTestApp({ HUSHLINK_SERVE_FRONTEND: 'true', HUSHLINK_STATIC_DIR: root })
  })
  afterAll(async () => {
    await t.close()
    rmSync(root, { recursive: true, force: true })
  })

  const get = (path: string, headers: Record<string, string> = {}) =>
    t.app.request(path, { headers })
  const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer())
  const decoded = async (response: Response, read?: Buffer) => {
    const body = read ?? (await bytes(response))
    const encoding = response.headers.get('content-encoding')
    if (encoding === 'br') return brotliDecompressSync(body)
    if (encoding === 'gzip') return gunzipSync(body)
    expect(encoding).toBeNull()
    return body
  }

  it('sends every variant of every file decompressing to the file itself', async () => {
    for (const name of Object.keys(FILES)) {
      const original = readFileSync(join(root, name))
      for (const accept of [ALL_ENCODINGS, 'gzip', 'identity']) {
        const response = await get('/' + name, { 'accept-encoding': accept })
        expect(response.status, name).toBe(200)
        const body = await bytes(response)
        expect(response.headers.get('content-length'), name).toBe(String(body.length))
        expect((await decoded(response, body)).equals(original), `${name} ${accept}`).toBe(true)
      }
    }
  })

  it('prefers brotli, then gzip, and honours q=0', async () => {
    const path = '/_app/immutable/chunks/app.AbC123.js'
    const cases: [string | undefined, string | null][] = [
      [ALL_ENCODINGS, 'br'],
      ['br', 'br'],
      ['gzip, br;q=0.5', 'br'],
      ['*', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['BR;Q=0, GZip;q=0.8', 'gzip'],
      ['identity', null],
      ['br;q=0, gzip;q=0', null],
      ['*;q=0', null],
      ['', null],
      [undefined, null],
    ]
    for (const [accept, expected] of cases) {
      const response = await get(path, accept === undefined ? {} : { 'accept-encoding': accept })
      expect(response.headers.get('content-encoding'), String(accept)).toBe(expected)
      expect(response.headers.get('vary')).toBe('accept-encoding')
    }
    // No twin: the bytes as they are, whatever is accepted.
    const tiny = await get('/tiny.txt', { 'accept-encoding': ALL_ENCODINGS })
    expect(tiny.headers.get('content-encoding')).toBeNull()
    expect(await tiny.text()).toBe('x')
  })

  it('serves wasm as application/wasm, compressed', async () => {
    const response = await get('/_app/immutable/assets/libsodium.Xyz.wasm', {
      'accept-encoding': ALL_ENCODINGS,
    })
    expect(response.headers.get('content-type')).toBe('application/wasm')
    expect(response.headers.get('content-encoding')).toBe('br')
  })

  it('answers a matching If-None-Match with 304 and no body, per encoding', async () => {
    const path = '/_app/immutable/chunks/app.AbC123.js'
    const first = await get(path, { 'accept-encoding': 'br' })
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{20,}"$/)
    const gzipTag = (await get(path, { 'accept-encoding': 'gzip' })).headers.get('etag')
    expect(gzipTag).not.toBe(etag)
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get(path, { 'accept-encoding': 'br', 'if-none-match': ifNoneMatch })
      expect(again.status, ifNoneMatch).toBe(304)
      expect((await bytes(again)).length).toBe(0)
      expect(again.headers.get('etag')).toBe(etag)
      expect(again.headers.get('cache-control')).toBe(IMMUTABLE)
    }
    // The brotli variant's tag does not validate the gzip variant, nor does another tag.
    expect((await get(path, { 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200)
    expect((await get(path, { 'if-none-match': '"nope"' })).status).toBe(200)
  })

  it('caches hashed assets forever and revalidates pages and the rest', async () => {
    expect((await get('/_app/immutable/chunks/app.AbC123.js')).headers.get('cache-control')).toBe(
      IMMUTABLE,
    )
    for (const path of ['/', '/index.html', '/p/abc', '/de/about', '/favicon.svg', '/theme.js']) {
      const response = await get(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('cache-control'), path).toBe('no-cache')
    }
    for (const path of ['/', '/p/abc', '/some/route/']) {
      const page = await get(path, { 'accept-encoding': ALL_ENCODINGS })
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/)
      expect((await decoded(page)).toString(), path).toBe(PAGE)
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    }
    expect((await get('/_app/version.json')).headers.get('cache-control')).toBe('no-cache')
  })

  // Hidden files (built() writes two): the build's stamp is not for the public.
  const HIDDEN = ['/' + STAMP_FILE, '/.git/config', '/.git/', '/de/.env']

  it('never answers /api/*, a missing /_app/* file or a hidden file with the page', async () => {
    const paths = ['/api/nope', '/api/', '/_app/nope.js', '/_app/immutable/chunks/gone.js']
    for (const path of [...paths, ...HIDDEN]) {
      const response = await get(path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type'), path).not.toMatch(/html/)
    }
    expect((await get('/index.html', { 'accept-encoding': 'br' })).status).toBe(200)
    // Only GET (and HEAD) reach the files.
    expect((await t.app.request('/favicon.svg', { method: 'POST' })).status).toBe(404)
  })

  it('leaves sign-in, metrics and hidden paths to the server over a socket too', async () => {
    // The fast path answers files before Hono: it must not take the server's own routes.
    const server = await listen(t.app)
    try {
      const paths = ['/auth/login', '/auth/callback?code=x', '/metrics', '/api/nope', ...HIDDEN]
      for (const path of paths) {
        const response = await fetch(server.origin + path)
        expect(response.status, path).toBe(404)
        expect(response.headers.get('content-type'), path).not.toMatch(/html/)
      }
      // A client-side route that merely starts with those letters is still the page.
      expect((await fetch(server.origin + '/authors')).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it('answers HEAD over a socket with the headers of GET and no body', async () => {
    const server = await listen(t.app)
    const { port } = new URL(server.origin)
    const raw = (method: string, path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
        (resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                headers: res.headers,
                body: Buffer.concat(chunks),
              }),
            )
          })
          req.on('error', reject)
          req.end()
        },
      )
    try {
      const path = '/_app/immutable/chunks/app.AbC123.js'
      const headers = { 'accept-encoding': 'gzip, br' }
      const got = await raw('GET', path, headers)
      const head = await raw('HEAD', path, headers)
      expect(got.status).toBe(200)
      expect(brotliDecompressSync(got.body).toString()).toBe(FILES[path.slice(1)])
      expect(got.headers['content-length']).toBe(String(got.body.length))
      expect(head.status).toBe(200)
      expect(head.body.length).toBe(0)
      for (const name of ['content-length', 'content-encoding', 'etag', 'cache-control', 'vary'])
        expect(head.headers[name], name).toBe(got.headers[name])
      const notModified = await raw('GET', path, {
        ...headers,
        'if-none-match': String(got.headers.etag),
      })
      expect(notModified.status).toBe(304)
      expect(notModified.body.length).toBe(0)
    } finally {
      await server.close()
    }
  })
})

describe('the fast path over a socket', () => {
  it('sends what the app sends, and logs the request without its path', async () => {
    const root = await built()
    const t = await startTestApp({ HUSHLINK_SERVE_FRONTEND: 'true', HUSHLINK_STATIC_DIR: root })
    const lines: string[] = []
    const app = createApp({ ...t.deps, log: (line) => lines.push(line) })
    const server = await listen(app)
    const comparable = (headers: Headers) => {
      const all: [string, string][] = []
      headers.forEach((value, name) => {
        if (!['date', 'connection', 'keep-alive', 'x-request-id'].includes(name))
          all.push([name, value])
      })
      return all.sort()
    }
    try {
      const js = '/_app/immutable/chunks/app.AbC123.js'
      const etag = (await app.request(js)).headers.get('etag')!
      for (const [path, headers] of [
        ['/', { 'accept-encoding': 'br' }],
        ['/de/p/AAAAAAAAAAAAAAAAAAAAAA?x=1', { 'accept-encoding': 'gzip' }],
        ['/favicon.svg', { 'accept-encoding': 'identity' }],
        [js + '?v=2', { 'accept-encoding': 'identity', 'if-none-match': etag }],
      ] as const) {
        const viaApp = await app.request(path, { headers })
        const viaSocket = await fetch(server.origin + path, { headers })
        expect(viaSocket.status, path).toBe(viaApp.status)
        expect(comparable(viaSocket.headers), path).toEqual(comparable(viaApp.headers))
        expect(viaSocket.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/)
      }
      await server.close()
      await new Promise((r) => setImmediate(r))
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
      const overSocket = logged.filter((l) => l.status === 200 || l.status === 304)
      expect(overSocket.length).toBeGreaterThanOrEqual(8)
      for (const line of logged) {
        expect(line.route).toBe('/*')
        expect(JSON.stringify(line)).not.toContain('AAAAAAAAAAAAAAAAAAAAAA')
      }
    } finally {
      await server.close().catch(() => undefined)
      await t.close()
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('an app that is not built', () => {
  it('answers 503 for pages and 404 for assets', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hushlink-unbuilt-'))
    try {
      const { routes } = serveFrontend(join(empty, 'build'))
      expect((await routes.request('/')).status).toBe(503)
      expect((await routes.request('/p/x')).status).toBe(503)
      expect((await routes.request('/_app/immutable/x.js')).status).toBe(404)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
