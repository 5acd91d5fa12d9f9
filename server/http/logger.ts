// One JSON line per request: request id, method, route pattern, status and duration, nothing else.
// No raw path (it holds ids), no headers, no bodies, so no token or ciphertext can reach a log.
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { MiddlewareHandler } from 'hono'
import { withAnswerHeaders } from './respond'

export type LogWriter = (line: string) => void

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** Writes each line to stdout and, when a file is given, appends it there too. */
export function createLogWriter(file: string | null): LogWriter {
  const stream = file ? createWriteStream(file, { flags: 'a' }) : null
  stream?.on('error', (error) => {
    process.stderr.write(
      JSON.stringify({
        level: 'error',
        msg: 'log file unwritable',
        error: String(error),
      }) + '\n',
    )
  })
  // The lines of one turn of the event loop go out in one write: under load a turn answers many
  // requests, and each write to stdout is a trip through its stream and a system call.
  let pending = ''
  const flush = () => {
    if (!pending) return
    const text = pending
    pending = ''
    process.stdout.write(text)
    stream?.write(text)
  }
  process.on('exit', flush)
  return (line) => {
    if (!pending) setImmediate(flush)
    pending += line + '\n'
  }
}

/**
 * The log line of one request. `route` is the pattern of the route that answered, e.g.
 * /api/pushes/:id/reveal — never the path.
 */
export function requestLine(
  requestId: string,
  method: string,
  route: string,
  status: number,
  started: number,
): string {
  return JSON.stringify({
    level: 'info',
    msg: 'request',
    time: new Date().toISOString(),
    requestId,
    method: METHODS.has(method) ? method : 'OTHER',
    route,
    status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  })
}

export function requestLog(write: LogWriter): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    const requestId = randomUUID()
    await withAnswerHeaders(c, { 'x-request-id': requestId }, next)
    write(requestLine(requestId, c.req.method, c.req.routePath, c.res.status, started))
  }
}
