// The static files' fast path. A GET or HEAD of a file of the built app, or of a client-side
// route, is answered by Node's request listener itself, before Hono builds a request, a context,
// a middleware chain and a response: the same bytes and headers as the Hono route (static.ts),
// the same log line, for a fraction of the CPU (docs/performance.md, issue 17). Everything else
// (the API, 404s, the 503 of an unbuilt app, encoded paths) goes on to the app.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { requestLine, type LogWriter } from './logger'
import { chooseVariant, type Frontend } from './static'

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void
/** Answers the request and says true, or leaves it alone and says false. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean

const SLASH = 47
/** The route pattern the Hono route of the files logs (static.ts mounts `*` at `/`). */
const ROUTE = '/*'

const fastPaths = new WeakMap<object, FastPath>()

/** Makes `fast` the first to see each request that reaches `app` through withFastPath. */
export const registerFastPath = (app: object, fast: FastPath) => fastPaths.set(app, fast)

/**
 * For @hono/node-server's `createServer` option: Node's HTTP server whose listener gives `app`'s
 * fast path, if it has one, the first look at each request.
 */
export function serverWithFastPath(app: object): typeof createServer {
  return ((options: object, listener: NodeListener) => {
    const fast = fastPaths.get(app)
    const first: NodeListener = fast ? (req, res) => fast(req, res) || listener(req, res) : listener
    return createServer(options, first)
  }) as typeof createServer
}

export function staticFastPath(
  frontend: Frontend,
  securityHeaders: (path: string) => Record<string, string>,
  log: LogWriter | undefined,
): FastPath {
  return (req, res) => {
    const method = req.method
    if (method !== 'GET' && method !== 'HEAD') return false
    const { headers, url } = req
    // A body (odd on a GET) is left to the app and its deadlines (http-server.ts).
    if (headers['transfer-encoding'] !== undefined || Number(headers['content-length']))
      return false
    // Only plain origin-form paths: Hono decodes %-escapes and reads absolute-form targets.
    if (!url || url.charCodeAt(0) !== SLASH || url.charCodeAt(1) === SLASH) return false
    const query = url.indexOf('?')
    const path = query < 0 ? url : url.slice(0, query)
    if (path.includes('%')) return false
    const file = frontend.lookup(path)
    if (!file) return false

    const started = log ? performance.now() : 0
    const { variant, status } = chooseVariant(
      file,
      headers['accept-encoding'],
      headers['if-none-match'],
    )
    const requestId = log ? randomUUID() : ''
    res.writeHead(status, {
      ...(log ? { 'x-request-id': requestId } : {}),
      ...securityHeaders(path),
      ...(status === 304 ? variant.notModified : variant.headers),
    })
    if (status === 304 || method === 'HEAD') res.end()
    else res.end(variant.body)
    log?.(requestLine(requestId, method, ROUTE, status, started))
    return true
  }
}
