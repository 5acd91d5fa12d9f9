// CORS for a split deploy: the SPA on a static host or CDN calls the API on another origin. Only
// the configured frontend origins (HUSHLINK_CORS_ORIGINS, exact match) get an answer; nothing
// else is exposed. Credentials (the session cookie) only when sign-in is on: the app's other
// origin must then be on the same site as the API for the SameSite=Lax cookie to be sent.
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { FILE_HEADERS } from '../../src/lib/protocol'

/** What the SPA and the CLI send: JSON bodies, the link token, the owner token, file push options. */
export const CORS_ALLOW_HEADERS = [
  'Content-Type',
  'X-Link-Token',
  'Authorization',
  FILE_HEADERS.options,
]
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'DELETE']
/** Browsers may cache a preflight this long (Chromium caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600

/** The API's CORS middleware; with no origins configured it does nothing (same-origin only). */
export function apiCors(origins: readonly string[], credentials = false): MiddlewareHandler {
  if (origins.length === 0) return (_c, next) => next()
  const allowed = new Set(origins)
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: CORS_ALLOW_METHODS,
    allowHeaders: CORS_ALLOW_HEADERS,
    // The counters of a file push's binary reveal, and the wait the app names after a 429 or 503.
    exposeHeaders: [FILE_HEADERS.viewsRemaining, FILE_HEADERS.deletableByViewer, 'Retry-After'],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    credentials,
  })
}
