// Serves the built SPA from memory (static-index.ts): real files first, then index.html for
// client-side routes, but never for /api/* or missing /_app/* assets (those must 404, not turn
// into HTML). Brotli or gzip when the client takes it, ETags and 304s, HEAD by Hono itself.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { acceptedEncodings } from './accept-encoding'
import { answer, requestHeader } from './respond'
import { loadStaticIndex, type StaticFile, type StaticIndex, type Variant } from './static-index'

const NOT_BUILT = 'The web app is not built. Run `npm run build` (or `npm start`).'
/** While the app is not built, look for it again at most this often (a build under a running server). */
const RESCAN_MS = 2000

/** Whether If-None-Match `header` names `etag` (weak comparison, as RFC 9110 §13.1.2 asks). */
export function matchesEtag(header: string, etag: string): boolean {
  if (header === etag) return true
  for (const part of header.split(',')) {
    const tag = part.trim()
    if (tag === '*' || tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true
  }
  return false
}

function pick(c: Context, file: StaticFile): Variant {
  if (!file.br && !file.gzip) return file.identity
  const accepted = acceptedEncodings(requestHeader(c, 'accept-encoding'))
  return (accepted.br && file.br) || (accepted.gzip && file.gzip) || file.identity
}

function send(c: Context, file: StaticFile): Response {
  const variant = pick(c, file)
  const ifNoneMatch = requestHeader(c, 'if-none-match')
  if (ifNoneMatch && matchesEtag(ifNoneMatch, variant.etag)) {
    return answer(c, null, 304, variant.notModified)
  }
  return answer(c, variant.body, 200, variant.headers)
}

export interface Frontend {
  routes: Hono
  /** The header CSP of pages, from the index.html in memory, so it always matches the page. */
  pageCsp: () => string
}

export function serveFrontend(dir: string): Frontend {
  let index: StaticIndex = loadStaticIndex(dir)
  let scanned = Date.now()
  const current = () => {
    if (!index.page && Date.now() - scanned > RESCAN_MS) {
      index = loadStaticIndex(dir)
      scanned = Date.now()
    }
    return index
  }

  const routes = new Hono()
  // GET only: Hono answers HEAD through it, without the body.
  routes.get('*', (c) => {
    const path = c.req.path
    const { files, page } = current()
    // Directory paths (e.g. "/") get the app, like any client-side route.
    const file = path.endsWith('/') ? undefined : files.get(path)
    if (file) return send(c, file)
    if (path.startsWith('/_app/') || path === '/api' || path.startsWith('/api/')) {
      return c.text('Not found', 404)
    }
    if (!page) return c.text(NOT_BUILT, 503)
    return send(c, page)
  })
  return { routes, pageCsp: () => current().pageCsp }
}
