// Builds the Hono app from its parts. No I/O happens at import: index.ts and tests pass the deps.
import type { Socket } from 'node:net'
import { Hono } from 'hono'
import { apiCors } from './http/cors'
import type { AppDeps } from './deps'
import { HttpError } from './http/http-error'
import { lingerOnClose } from './http/linger'
import { requestLog } from './http/logger'
import { openApiRoutes } from './openapi/document'
import { rateLimits } from './http/rate-limit'
import { auditRoutes } from './pushes/audit-routes'
import { fileRoutes } from './files/routes'
import { metaRoutes } from './meta/routes'
import { metricsRoutes, requestMetrics } from './metrics/routes'
import { pushRoutes } from './pushes/routes'
import { requestRoutes } from './requests/routes'
import { json, withAnswerHeaders } from './http/respond'
import { pageCspFromFile, securityHeaders } from './http/security-headers'
import { frontendIndexPath, serveFrontend } from './http/static'

export function createApp(deps: AppDeps) {
  const app = new Hono()

  if (deps.metrics) app.use('*', requestMetrics(deps.metrics))
  if (deps.log) app.use('*', requestLog(deps.log))
  const { staticDir, hsts } = deps.config
  const pageCsp = pageCspFromFile(frontendIndexPath(staticDir ?? 'build'))
  app.use('*', securityHeaders({ hsts, pageCsp }))
  const noStore = { 'cache-control': 'no-store' }
  app.use('/api/*', (c, next) => withAnswerHeaders(c, noStore, next))
  // Before the API routes, so preflights are answered here and never rate-limited.
  if (deps.config.corsOrigins.length > 0) app.use('/api/*', apiCors(deps.config.corsOrigins))

  const api = new Hono()
  // '/pushes/*' also matches '/pushes' itself. One instance on both: a client's buckets are
  // the same whether it knocks on pushes or on requests.
  if (deps.config.rateLimit.enabled) {
    const limits = rateLimits(deps.config.rateLimit, deps.config.trustProxy, deps.clock)
    api.use('/pushes/*', limits)
    api.use('/requests/*', limits)
  }
  api.route('/', metaRoutes(deps))
  api.route('/', openApiRoutes(deps.config))
  // Before pushRoutes, whose '/:id' would otherwise take '/files'.
  api.route('/pushes', fileRoutes(deps))
  api.route('/pushes', pushRoutes(deps))
  api.route('/pushes', auditRoutes(deps))
  api.route('/requests', requestRoutes(deps))
  api.all('*', (c) => json(c, { error: 'not_found', message: 'No such API route.' }, 404))
  app.route('/api', api)
  // Answers 404 itself when metrics are off, so the web app's fallback never answers for it.
  app.route('/', metricsRoutes(deps))

  if (deps.config.staticDir) app.route('/', serveFrontend(deps.config.staticDir))

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      // Refused before its body was read (413, an upload quota): the client may still send it.
      const socket = (c.env as { incoming?: { socket?: Socket } } | undefined)?.incoming?.socket
      if (err.headers.Connection === 'close' && socket) lingerOnClose(socket)
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value)
      c.header('Cache-Control', 'no-store')
      return c.json(err.body, err.status)
    }
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'unhandled',
        route: c.req.routePath,
        error: String(err),
      }),
    )
    return c.json({ error: 'internal', message: 'Something went wrong on the server.' }, 500)
  })

  return app
}

export type App = ReturnType<typeof createApp>
