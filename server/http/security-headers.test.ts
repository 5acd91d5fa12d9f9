import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../src/lib/crypto'
import { API_CSP, cspFromMeta, pageCsp, pageCspFromFile } from './security-headers'
import { createApp } from '../app'
import { listen, startTestApp, type TestServer } from '../testing/test-support'

const META_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc+/='; style-src 'self'"
const page = (policy: string) =>
  `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${policy.replace(/'/g, '&#39;')}">` +
  '</head><body>app</body></html>'

describe('the page policy', () => {
  it('is read from the built page and gains frame-ancestors', () => {
    expect(cspFromMeta(page(META_POLICY))).toBe(META_POLICY)
    expect(cspFromMeta('<html></html>')).toBeNull()
    expect(pageCsp(page(META_POLICY))).toBe(META_POLICY + "; frame-ancestors 'none'")
  })

  it('falls back to a strict policy when the page has none', () => {
    const csp = pageCsp('<html></html>')
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
  })

  it('follows a rebuild of index.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hushlink-csp-'))
    try {
      const file = join(dir, 'index.html')
      writeFileSync(file, page(META_POLICY))
      const read = pageCspFromFile(file)
      expect(read()).toContain('sha256-abc+/=')
      writeFileSync(file, page(META_POLICY.replace('abc', 'xyz')))
      utimesSync(file, new Date(), new Date(Date.now() + 5000))
      expect(read()).toContain('sha256-xyz+/=')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('response headers', () => {
  let t: TestServer
  let hsts: TestServer
  let staticDir: string

  beforeAll(async () => {
    await loadSodium()
    const root = mkdtempSync(join(tmpdir(), 'hushlink-static-'))
    staticDir = join(root, 'build')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), page(META_POLICY))
    writeFileSync(join(staticDir, 'theme.js'), '// theme')
    writeFileSync(join(staticDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    for (const file of ['chunks/app.js', 'assets/app.css', 'assets/sodium.wasm', 'workers/w.js']) {
      mkdirSync(join(staticDir, '_app/immutable', file, '..'), { recursive: true })
      writeFileSync(join(staticDir, '_app/immutable', file), 'x')
    }
    writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE-ROOT')
    t = await startTestApp({
      HUSHLINK_SERVE_FRONTEND: 'true',
      HUSHLINK_STATIC_DIR: staticDir,
    })
    hsts = await startTestApp({ HUSHLINK_HSTS: 'true' })
  })
  afterAll(async () => {
    await t.close()
    await hsts.close()
    rmSync(join(staticDir, '..'), { recursive: true, force: true })
  })

  const COMMON = {
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  }

  const withoutHsts = (headers: Headers) => {
    const copy = new Headers(headers)
    copy.delete('strict-transport-security')
    return copy
  }

  function expectCommon(response: Response) {
    for (const [name, value] of Object.entries(COMMON))
      expect(response.headers.get(name), name).toBe(value)
    const permissions = response.headers.get('permissions-policy')!.split(', ')
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
      expect(permissions).toContain(feature + '=()')
    expect(response.headers.get('strict-transport-security')).toBeNull()
  }

  it('pages carry the built policy plus frame-ancestors, and no inline script', async () => {
    for (const path of ['/', '/p/x', '/de/p/AAAAAAAAAAAAAAAAAAAAAA', '/some/route']) {
      const response = await t.app.request(path)
      expect(response.status, path).toBe(200)
      expectCommon(response)
      const csp = response.headers.get('content-security-policy')!
      expect(csp).toBe(META_POLICY + "; frame-ancestors 'none'")
      expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false)
    }
  })

  it("the build's scripts, styles and wasm go without document-only headers; all else keeps them", async () => {
    const server = await listen(t.app)
    // Through Hono's route and over a socket (the fast path): the same headers.
    const both = async (path: string) => [
      await t.app.request(path),
      await fetch(server.origin + path),
    ]
    const documentOnly = [
      'content-security-policy',
      'permissions-policy',
      'x-frame-options',
      'cross-origin-opener-policy',
    ]
    try {
      for (const file of ['chunks/app.js', 'assets/app.css', 'assets/sodium.wasm']) {
        const path = `/_app/immutable/${file}`
        for (const response of await both(path)) {
          expect(response.status, path).toBe(200)
          expect(response.headers.get('x-content-type-options')).toBe('nosniff')
          expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin')
          expect(response.headers.get('referrer-policy')).toBe('no-referrer')
          for (const name of documentOnly)
            expect(response.headers.get(name), `${path}: ${name}`).toBeNull()
        }
      }
      // What can be opened as a document keeps them: pages, SVG, a worker's script, other types.
      for (const path of ['/p/x', '/logo.svg', '/_app/immutable/workers/w.js', '/_app/x.html']) {
        for (const response of await both(path)) {
          expectCommon(response)
          expect(response.headers.get('content-security-policy'), path).toContain(
            "frame-ancestors 'none'",
          )
        }
      }
    } finally {
      await server.close()
    }
  })

  it('only recipient pages are marked noindex', async () => {
    const recipientPages = ['/p/x', '/p/AAAAAAAAAAAAAAAAAAAAAA', '/de/p/x', '/pt-BR/p/x']
    // Other spellings of a shipped locale, which the app redirects to the shipped one.
    recipientPages.push('/ZH-hant/p/x', '/zh-Hant-TW-u-nu-hanidec/p/x', '/sr-Latn-RS/p/x')
    for (const path of recipientPages) {
      expect((await t.app.request(path)).headers.get('x-robots-tag'), path).toBe(
        'noindex, nofollow',
      )
    }
    for (const path of ['/', '/about', '/theme.js', '/api/config']) {
      expect((await t.app.request(path)).headers.get('x-robots-tag'), path).toBeNull()
    }
  })

  it('API answers, errors included, forbid everything and are never cached', async () => {
    for (const [path, status] of [
      ['/api/config', 200],
      ['/api/nope', 404],
      ['/api/pushes/x', 404],
    ] as const) {
      const response = await t.app.request(path)
      expect(response.status).toBe(status)
      expectCommon(response)
      expect(response.headers.get('content-security-policy')).toBe(API_CSP)
      expect(response.headers.get('cache-control')).toBe('no-store')
    }
  })

  it('over a socket, answers built on the fast path carry the same headers as the rest', async () => {
    // json() answers carry the headers the middleware collected beforehand; error answers get
    // them set afterwards. Through the real Node adapter both must come out the same.
    const server = await listen(createApp({ ...hsts.deps, log: () => undefined }))
    const HOP = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'])
    try {
      const answers = await Promise.all([
        fetch(server.origin + '/api/config'), // json()
        fetch(server.origin + '/api/nope'), // json(), 404
        fetch(server.origin + '/api/pushes/AAAAAAAAAAAAAAAAAAAAAA'), // HttpError → onError
        fetch(server.origin + '/api/pushes', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{',
        }), // HttpError 400
      ])
      expect(answers.map((r) => r.status)).toEqual([200, 404, 404, 400])
      const names = answers.map((r) => {
        const all: string[] = []
        r.headers.forEach((_, name) => all.push(name))
        return all.filter((n) => !HOP.has(n)).sort()
      })
      for (const [i, response] of answers.entries()) {
        expect(names[i], response.url).toEqual(names[0])
        expectCommon({ ...response, headers: withoutHsts(response.headers) } as Response)
        expect(response.headers.get('content-security-policy')).toBe(API_CSP)
        expect(response.headers.get('cache-control')).toBe('no-store')
        expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/)
        expect(response.headers.get('content-type')).toMatch(/^application\/json/)
        expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      }
      expect(new Set(answers.map((r) => r.headers.get('x-request-id'))).size).toBe(4)
    } finally {
      await server.close()
    }
  })

  it('sends Strict-Transport-Security only when HUSHLINK_HSTS=true', async () => {
    expect(
      (await hsts.app.request('/api/config')).headers.get('strict-transport-security'),
    ).toMatch(/^max-age=\d{7,}/)
  })

  it('never serves a file from outside the build directory', async () => {
    const server = await listen(t.app)
    const { port } = new URL(server.origin)
    // node:http sends the path as written, so the dot segments reach the server unresolved.
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
          let body = ''
          res.on('data', (chunk) => (body += chunk))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        })
        req.on('error', reject)
        req.end()
      })
    try {
      for (const path of [
        '/../secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e/secret.txt',
        '/%2e%2e%2fsecret.txt',
        '/_app/../../secret.txt',
        '/_app/..%2f..%2fsecret.txt',
        '/..%5csecret.txt',
        '//secret.txt',
        '/theme.js/../../secret.txt',
      ]) {
        const { status, body } = await get(path)
        expect(status, path).toBeLessThan(500)
        expect(body, path).not.toContain('TOP-SECRET')
      }
    } finally {
      await server.close()
    }
  })
})
