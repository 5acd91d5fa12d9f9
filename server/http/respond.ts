// JSON answers on @hono/node-server's fast path. A Response made of a string and a plain header
// object is written with one writeHead; Hono's c.json() builds a web Headers object instead, and
// every header a middleware sets on c.res after the handler goes through the same validation
// again. Together that cost more per request than a lookup in the database (docs/performance.md).
//
// So the middleware hand the headers of the answer over BEFORE the handler runs
// (withAnswerHeaders), json() and answer() put them on the answer they build and mark it
// complete, and after next() they are set on c.res only when the answer is not complete (errors,
// files, pages).
import type { Context, Next } from 'hono'
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status'
import { compressText, worthCompressing } from './compress'

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

/** An answer of `body` with `headers` and the collected ones (lower-case names, as both are). */
export function answer(
  c: Context,
  body: string | Uint8Array | ReadableStream<Uint8Array> | null,
  status: StatusCode,
  headers: Record<string, string>,
): Response {
  const res = new Response(body as BodyInit | null, {
    status,
    headers: { ...answerHeaders(c), ...headers },
  })
  complete.add(res)
  return res
}

const JSON_TYPE = { 'content-type': 'application/json' }

/**
 * `body` as a JSON answer carrying the collected headers; above ~1 KiB compressed for a client
 * that takes brotli or gzip (server/http/compress.ts).
 */
export function json(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  const text = JSON.stringify(body)
  if (!worthCompressing(text)) return answer(c, text, status, JSON_TYPE)
  const packed = compressText(text, requestHeader(c, 'accept-encoding'))
  const vary = { ...JSON_TYPE, vary: 'accept-encoding' }
  if (!packed) return answer(c, text, status, vary)
  return answer(c, packed.body, status, { ...vary, 'content-encoding': packed.encoding })
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
