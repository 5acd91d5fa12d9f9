// Security headers of every response. Pages get the Content-Security-Policy that SvelteKit wrote
// into build/index.html (so its script hashes match) plus what a <meta> cannot say.
import { readFileSync, statSync } from 'node:fs'
import type { MiddlewareHandler } from 'hono'
import { withAnswerHeaders } from './respond'

/** For JSON and anything else that is not a page: nothing may load, nobody may frame it. */
export const API_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** Used when the built page carries no CSP <meta> (a build without kit.csp): strict, so it shows. */
export const FALLBACK_PAGE_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"

/** Directives a <meta> policy cannot carry; the header adds them. */
const HEADER_ONLY = "frame-ancestors 'none'"

const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'serial=()',
  'usb=()',
  'browsing-topics=()',
  'clipboard-read=()',
  'clipboard-write=(self)',
].join(', ')

const HSTS = 'max-age=31536000'

// The recipient page, with or without a locale prefix in any BCP 47 spelling the app redirects
// from (src/routes/+layout.ts): /p/{id}, /{locale}/p/{id}.
const RECIPIENT_PAGE = /^\/(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\/)?p(?:\/|$)/

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
}

/** The content of the page's `<meta http-equiv="content-security-policy">`, unescaped. */
export function cspFromMeta(html: string): string | null {
  const meta = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"\s*\/?>/i.exec(html)
  return meta ? meta[1].replace(/&(amp|quot|#39|lt|gt);/g, (entity) => ENTITIES[entity]) : null
}

/** The header CSP of pages: the built page's own policy plus `frame-ancestors 'none'`. */
export function pageCsp(html: string): string {
  return `${cspFromMeta(html) ?? FALLBACK_PAGE_CSP}; ${HEADER_ONLY}`
}

/**
 * Reads the policy from the built index.html, again only when the file changes, so a rebuild
 * under a running server never leaves the header's hashes behind the page's.
 */
export function pageCspFromFile(indexPath: string): () => string {
  let cached: { mtimeMs: number; size: number; csp: string } | null = null
  return () => {
    try {
      const { mtimeMs, size } = statSync(indexPath)
      if (cached?.mtimeMs !== mtimeMs || cached.size !== size) {
        cached = {
          mtimeMs,
          size,
          csp: pageCsp(readFileSync(indexPath, 'utf8')),
        }
      }
      return cached.csp
    } catch {
      return `${FALLBACK_PAGE_CSP}; ${HEADER_ONLY}`
    }
  }
}

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security: only when every client reaches the server over TLS. */
  hsts: boolean
  /** The CSP header of HTML pages and other frontend files. */
  pageCsp: () => string
}

/** What every answer carries, the build's scripts and styles included. */
function subresourceHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    ...(options.hsts ? { 'strict-transport-security': HSTS } : {}),
  }
}

/** What every answer that could be opened as a document carries, pages and API alike. */
function commonHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    ...subresourceHeaders(options),
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': PERMISSIONS_POLICY,
  }
}

// The build's scripts, styles, wasm and JSON (hashed, under /_app/immutable/) are never
// documents, and a browser applies a CSP, Permissions-Policy, X-Frame-Options and COOP only to
// documents and worker scripts (none of these is a worker; Vite would put one under workers/).
// They go without those: ~0.9 kB less on each of the ~14 files before a recipient's reveal button
// (issue 17). Pages, SVG (an image that can be opened as a document) and all else keep them.
const SUBRESOURCE = /^\/_app\/immutable\/(?!workers\/)[^?#]*\.(?:js|css|wasm|json)$/

/**
 * The security headers of everything that is not the API (pages, the app's files, 404s), by
 * path: the page policy (it also governs any worker script a file starts), noindex on recipient
 * pages, and the short set of the build's scripts and styles. Shared by the middleware and the
 * static files' fast path (static-fast.ts).
 */
export function frontendHeaders(
  options: SecurityHeaderOptions,
): (path: string) => Record<string, string> {
  const common = commonHeaders(options)
  const subresource = subresourceHeaders(options)
  let page = { csp: '', headers: {}, recipient: {} }
  return (path) => {
    if (SUBRESOURCE.test(path)) return subresource
    const csp = options.pageCsp()
    if (csp !== page.csp) {
      const headers = { 'content-security-policy': csp, ...common }
      page = { csp, headers, recipient: { ...headers, 'x-robots-tag': 'noindex, nofollow' } }
    }
    // Recipient paths are client-side routes: their answer is always the app's page (or a 404).
    return RECIPIENT_PAGE.test(path) ? page.recipient : page.headers
  }
}

export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const api = { 'content-security-policy': API_CSP, ...commonHeaders(options) }
  const frontend = frontendHeaders(options)
  // Handed over before the handler, so answers built on the fast answer path (respond.ts) carry
  // them without a Headers object.
  return (c, next) => {
    const path = c.req.path
    if (path === '/api' || path.startsWith('/api/')) return withAnswerHeaders(c, api, next)
    return withAnswerHeaders(c, frontend(path), next)
  }
}
