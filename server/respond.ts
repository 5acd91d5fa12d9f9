// JSON answers on @hono/node-server's fast path. A Response made of a string and a plain header
// object is written with one writeHead; Hono's c.json() builds a web Headers object instead, and
// every header a middleware sets on c.res after the handler goes through the same validation
// again. Together that cost more per request than a lookup in the database (docs/performance.md).
//
// So the middleware collect the headers of the answer BEFORE the handler runs (answerHeaders), and
// json() puts them on the answer it builds and marks it complete: after next(), a middleware sets
// its headers on c.res only when the answer is not complete (errors, files, pages, redirects).
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const collected = new WeakMap<Context, Record<string, string>>()
const complete = new WeakSet<Response>()

/** The headers collected for this request's answer so far; a middleware adds to it before next(). */
export function answerHeaders(c: Context): Record<string, string> {
  let headers = collected.get(c)
  if (!headers) {
    headers = {}
    collected.set(c, headers)
  }
  return headers
}

/** True when `res` already carries every header collected for its request (it came from json()). */
export function isComplete(res: Response): boolean {
  return complete.has(res)
}

/** `body` as a JSON answer carrying the collected headers. */
export function json(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { ...answerHeaders(c), 'content-type': 'application/json' },
  })
  complete.add(res)
  return res
}

/**
 * A request header, read from Node's own parsed headers when the request came over a socket:
 * Hono's c.req.header() makes the adapter build a web Headers object of all of them first.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = (
    c.env as { incoming?: { headers: Record<string, string | string[] | undefined> } } | undefined
  )?.incoming
  if (!incoming) return c.req.header(name)
  const value = incoming.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : value
}
