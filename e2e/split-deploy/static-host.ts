// A stand-in for any static host or CDN: serves a built SPA directory as plain files, falls back to
// index.html for client routes, and sends only the headers docs/deploy.md tells a host to send.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { cspFromMeta } from '../../server/http/security-headers'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

export interface StaticHostOptions {
  dir: string
  port: number
  /** Served as /hushlink-config.json (the runtime API origin), as if the file were in `dir`. */
  runtimeConfig?: { apiOrigin: string }
  /** A CSP header: the page's own policy with connect-src narrowed to 'self' and this origin. */
  connectSrcHeader?: string
}

/** The page's <meta> policy with connect-src replaced, plus what a <meta> cannot carry. */
export function hostCsp(indexHtml: string, apiOrigin: string): string {
  const meta = cspFromMeta(indexHtml) ?? "default-src 'self'"
  const others = meta
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith('connect-src'))
  return [...others, `connect-src 'self' ${apiOrigin}`, "frame-ancestors 'none'"].join('; ')
}

export function startStaticHost(options: StaticHostOptions): Promise<Server> {
  const root = resolve(options.dir)
  const index = join(root, 'index.html')
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname)
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('X-Content-Type-Options', 'nosniff')
    if (options.runtimeConfig && path === '/hushlink-config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' })
      res.end(JSON.stringify(options.runtimeConfig))
      return
    }
    const file = resolve(root, '.' + path)
    const isFile = file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile()
    if (!isFile && path.startsWith('/_app/')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
      return
    }
    const served = isFile ? file : index
    const body = readFileSync(served)
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(served)] ?? 'application/octet-stream',
    }
    if (served === index && options.connectSrcHeader) {
      headers['Content-Security-Policy'] = hostCsp(body.toString('utf8'), options.connectSrcHeader)
    }
    res.writeHead(200, headers).end(body)
  })
  return new Promise((done) => server.listen(options.port, '127.0.0.1', () => done(server)))
}
