// The HTTP server around the app, with deadlines against slow clients (slowloris): headers or a
// body trickled in byte by byte would otherwise hold a connection, and its memory, for as long as
// the client likes. Only uploads may take long; they still must finish within their own deadline.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type HttpBindings, type ServerType } from '@hono/node-server'
import type { App } from '../app'
import type { Config } from '../config'
import { serverWithFastPath } from './static-fast'

type Deadlines = Pick<Config, 'headersTimeoutMs' | 'bodyTimeoutMs' | 'uploadTimeoutMs'>

/** The one route whose body may take long: a file upload, up to HUSHLINK_MAX_FILE_BYTES. */
const UPLOAD_PATH = '/api/pushes/files'

// What Node itself answers when its own request deadline passes, with our JSON error body.
const TIMEOUT_BODY = JSON.stringify({
  error: 'request_timeout',
  message: 'The request was not sent in time.',
})
const TIMEOUT_ANSWER =
  'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\n' +
  `Cache-Control: no-store\r\nContent-Length: ${TIMEOUT_BODY.length}\r\n\r\n${TIMEOUT_BODY}`

/** Serves `app` on `config.host`:`config.port` with the deadlines of `config`. */
export function serveApp(
  app: App,
  config: Deadlines & Pick<Config, 'host' | 'port'>,
  listening?: (info: AddressInfo) => void,
): ServerType {
  return serve(
    {
      fetch: (request, env) => {
        const { incoming, outgoing } = env as HttpBindings // serve() makes an HTTP/1.1 server
        if (!isUpload(incoming)) limitBodyTime(incoming, outgoing, config.bodyTimeoutMs)
        return app.fetch(request, env)
      },
      port: config.port,
      hostname: config.host,
      // The built app's files are answered before Hono sees the request (static-fast.ts).
      createServer: serverWithFastPath(app),
      serverOptions: {
        // Node answers 408 and closes when the headers, or a whole request, are late.
        headersTimeout: config.headersTimeoutMs,
        requestTimeout: config.uploadTimeoutMs,
        // Node looks for late requests this often, so a deadline may be overrun by half of it.
        connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.headersTimeoutMs / 2)),
      },
    },
    listening,
  )
}

function isUpload(incoming: IncomingMessage): boolean {
  if (incoming.method !== 'POST' || !incoming.url) return false
  // The target may be a path (/api/…) or an absolute URL (http://host/api/…), as HTTP allows.
  try {
    return new URL(incoming.url, 'http://localhost').pathname === UPLOAD_PATH
  } catch {
    return false // not a URL at all: no route will take it, the short deadline is right
  }
}

/**
 * Closes the connection if the body of `incoming` is still arriving `ms` after its headers, with
 * a 408 when no answer has started. Whether a handler reads the body or not: an unread body is
 * still received (and dropped) before the next request on the connection.
 */
function limitBodyTime(incoming: IncomingMessage, outgoing: ServerResponse, ms: number): void {
  const headers = incoming.headers
  const noBody = headers['transfer-encoding'] === undefined && !Number(headers['content-length'])
  if (noBody || incoming.complete) return
  const timer = setTimeout(() => {
    const socket = incoming.socket
    if (incoming.complete || socket.destroyed) return
    if (!outgoing.headersSent && socket.writable) socket.write(TIMEOUT_ANSWER)
    socket.destroy()
  }, ms)
  timer.unref()
  const done = () => clearTimeout(timer)
  incoming.once('end', done)
  incoming.once('close', done)
}
