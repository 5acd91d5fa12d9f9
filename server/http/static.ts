// Serves the built SPA from memory (static-index.ts): real files first, then index.html for
// client-side routes, but never for the server's own paths (/api/*, sign-in's /auth/*, /metrics),
// hidden files (the build stamp) or missing /_app/* assets (those must 404, not turn into HTML).
// Brotli or gzip when the client takes it, ETags and 304s, HEAD by Hono itself.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { acceptedEncodings } from './accept-encoding'
import { answer, requestHeader } from './respond'
import {
  isHiddenPath,
  loadStaticIndex,
  type StaticFile,
  type StaticIndex,
  type Variant,
} from './static-index'

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

export interface Chosen {
  variant: Variant
  status: 200 | 304
}

/** The variant of `file` for a client sending these headers, and whether it has it already. */
export function chooseVariant(
  file: StaticFile,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): Chosen {
  let variant = file.identity
  if (file.br || file.gzip) {
    const accepted = acceptedEncodings(acceptEncoding)
    variant = (accepted.br && file.br) || (accepted.gzip && file.gzip) || file.identity
  }
  const status = ifNoneMatch && matchesEtag(ifNoneMatch, variant.etag) ? 304 : 200
  return { variant, status }
}

function send(c: Context, file: StaticFile): Response {
  const { variant, status } = chooseVariant(
    file,
    requestHeader(c, 'accept-encoding'),
    requestHeader(c, 'if-none-match'),
  )
  if (status === 304) return answer(c, null, 304, variant.notModified)
  return answer(c, variant.body, 200, variant.headers)
}

export interface Frontend {
  routes: Hono
  /** The file a GET of `path` answers with (a client-side route: the page), or null (a 404 or 503). */
  lookup(path: string): StaticFile | null
  /** The header CSP of pages, from the index.html in memory, so it always matches the page. */
  pageCsp: () => string
}

// The server's own paths, which the page must never stand in for (the fast path, static-fast.ts,
// answers before Hono routes them): the API, sign-in, the operator's logo and the metrics.
const SERVER_PATHS = ['/api', '/auth', '/brand', '/metrics']
const isApi = (path: string) =>
  SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(prefix + '/'))
/** Paths the page never answers for: 404 when no file is there. */
const neverPage = (path: string) => path.startsWith('/_app/') || isApi(path) || isHiddenPath(path)

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
  const lookup = (path: string): StaticFile | null => {
    const { files, page } = current()
    // Directory paths (e.g. "/") get the app, like any client-side route.
    const file = path.endsWith('/') ? undefined : files.get(path)
    if (file) return file
    if (neverPage(path)) return null
    return page
  }

  const routes = new Hono()
  // GET only: Hono answers HEAD through it, without the body.
  routes.get('*', (c) => {
    const file = lookup(c.req.path)
    if (file) return send(c, file)
    if (!current().page && !neverPage(c.req.path)) {
      return c.text(NOT_BUILT, 503)
    }
    return c.text('Not found', 404)
  })
  return { routes, lookup, pageCsp: () => current().pageCsp }
}
