// Reads a JSON request body at the edge: content type (415), size while streaming (413),
// syntax (400) and schema (400), so handlers only ever see valid, typed input.
import type { Context } from 'hono'
import type { z } from 'zod'
import { HttpError } from './http-error'
import { requestHeader } from './respond'

export function tooLarge(limit: number): HttpError {
  // Connection: close lets the client read the 413 instead of blocking on its unsent body.
  return new HttpError(
    413,
    'too_large',
    `The request body is larger than ${limit} bytes.`,
    {},
    { Connection: 'close' },
  )
}

function bodyBrokenOff(): HttpError {
  return new HttpError(408, 'request_timeout', 'The request body did not arrive in full.')
}

/**
 * The body as it streams in. Fails as soon as it exceeds `limit` bytes (or declares more), and
 * reads nothing further, so an oversized body is never buffered.
 */
export async function* readBodyStream(c: Context, limit: number): AsyncGenerator<Uint8Array> {
  const declared = Number(requestHeader(c, 'content-length') ?? NaN)
  if (declared > limit) throw tooLarge(limit)
  const stream = c.req.raw.body
  if (!stream) return
  const reader = stream.getReader()
  let total = 0
  try {
    for (;;) {
      // A body that breaks off (the client went away, or the body deadline cut it) is no fault
      // of the server's: 408, never a 500.
      const { done, value } = await reader.read().catch(() => {
        throw bodyBrokenOff()
      })
      if (done) return
      total += value.length
      if (total > limit) throw tooLarge(limit)
      yield value
    }
  } finally {
    // Also when the reader of this generator stops early: the rest of the body is not wanted.
    await reader.cancel().catch(() => undefined)
  }
}

/** Reads at most `limit` bytes of the body, failing as soon as the stream exceeds it. */
export async function readBodyBytes(c: Context, limit: number): Promise<Uint8Array> {
  // Over a socket, a declared length within the limit bounds the body (Node's parser reads no
  // further), so the adapter may read it directly, without the web stream that costs more than
  // the rest of a small request (docs/performance.md).
  const declared = Number(requestHeader(c, 'content-length') ?? NaN)
  const overSocket = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined
  if (overSocket && declared <= limit && requestHeader(c, 'transfer-encoding') === undefined) {
    return new Uint8Array(await c.req.raw.arrayBuffer())
  }
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of readBodyStream(c, limit)) {
    chunks.push(chunk)
    total += chunk.length
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  limit: number,
): Promise<z.infer<S>> {
  const type = requestHeader(c, 'content-type') ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.')
  }
  const bytes = await readBodyBytes(c, limit).catch((err: unknown) => {
    // Not a server fault: the client went away, or was cut off as too slow (server/http/http-server.ts).
    throw err instanceof HttpError ? err : bodyBrokenOff()
  })
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new HttpError(400, 'invalid_json', 'The body is not valid JSON.')
  }
  return validated(schema, value)
}

/** The value as the schema types it, or the 400 naming the first field that breaks it. */
export function validated<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue.path.length ? issue.path.join('.') + ': ' : ''
    throw new HttpError(400, 'invalid_input', where + issue.message)
  }
  return parsed.data
}
