// JSON answers on @hono/node-server's fast path. A Response made of a string and a plain header
// object is written with one writeHead; Hono's c.json() builds a web Headers object instead, and
// every header a middleware sets on c.res after the handler goes through the same validation
// again. Together that cost more per request than a lookup in the database (docs/performance.md).
//
// So the middleware hand the headers of the answer over BEFORE the handler runs
// (withAnswerHeaders), json() puts them on the answer it builds and marks it complete, and after
// next() they are set on c.res only when the answer is not complete (errors, files, pages).
import type { Context, Next } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const collected = new WeakMap<Context, Record<string, string>>()
const complete = new WeakSet<Response>()

/** The headers collected for this request's answer so far. */
function answerHeaders(c: Context): Record<string, string> {
  let headers = collected.get(c)
  if (!headers) {
    headers = {}
    collected.set(c, headers)
  }
  return headers
}

/**
 * Middleware step: this request's answer carries `headers`, whether json() builds it (they are
 * collected before the handler runs) or not (they are set on it afterwards).
 */
export async function withAnswerHeaders(
  c: Context,
  headers: Record<string, string>,
  next: Next,
): Promise<void> {
  Object.assign(answerHeaders(c), headers)
  await next()
  // Not c.header(): after next() it rebuilds the response around a stream (docs/performance.md).
  if (!complete.has(c.res)) for (const name in headers) c.res.headers.set(name, headers[name])
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
