// Builds the Hono app from its parts. No I/O happens at import: index.ts and tests pass the deps.
import type { Socket } from 'node:net'
import { join, resolve } from 'node:path'
import { Hono } from 'hono'
import { adminRoutes } from './admin/routes'
import { apiCors } from './http/cors'
import { createPolicy, identify } from './auth/identity'
import { meRoutes } from './auth/me-routes'
import { authRoutes } from './auth/routes'
import type { AppDeps } from './deps'
import { HttpError } from './http/http-error'
import { lingerOnClose } from './http/linger'
import { requestLog } from './http/logger'
import { openApiRoutes } from './openapi/document'
import { rateLimits } from './http/rate-limit'
import { brandRoutes } from './brand/routes'
import { auditRoutes } from './pushes/audit-routes'
import { fileRoutes } from './files/routes'
import { metaRoutes } from './meta/routes'
import { metricsRoutes, requestMetrics } from './metrics/routes'
import { pushRoutes } from './pushes/routes'
import { requestRoutes } from './requests/routes'
import { json, withAnswerHeaders } from './http/respond'
import { frontendHeaders, pageCspFromFile, securityHeaders } from './http/security-headers'
import { serveFrontend } from './http/static'
import { registerFastPath, staticFastPath } from './http/static-fast'

export function createApp(deps: AppDeps) {
  const app = new Hono()

  if (deps.metrics) app.use('*', requestMetrics(deps.metrics))
  if (deps.log) app.use('*', requestLog(deps.log))
  const { staticDir, hsts } = deps.config
  // Read once at start into memory (server/http/static-index.ts); the page's CSP comes with it.
  const frontend = staticDir ? serveFrontend(staticDir) : null
  const pageCsp = frontend?.pageCsp ?? pageCspFromFile(join(resolve('build'), 'index.html'))
  app.use('*', securityHeaders({ hsts, pageCsp }))
  const noStore = { 'cache-control': 'no-store' }
  app.use('/api/*', (c, next) => withAnswerHeaders(c, noStore, next))
  // Before the API routes, so preflights are answered here and never rate-limited.
  // With sign-in on, the app's other origins send the session cookie (credentials) too.
  const { auth } = deps
  if (deps.config.corsOrigins.length > 0) {
    app.use('/api/*', apiCors(deps.config.corsOrigins, auth !== null))
  }

  const api = new Hono()
  // Sign-in (server/auth/): mounted only when configured, so without it nothing here changes.
  if (auth) {
    api.use('*', identify(deps, auth))
    if (deps.config.createPolicy === 'signed-in') api.use('*', createPolicy())
  }
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
  if (auth) api.route('/me', meRoutes(deps, auth))
  // Admins are signed-in users: config.admin is null without sign-in (server/admin/admin-config.ts).
  if (auth && deps.config.admin) api.route('/admin', adminRoutes(deps))
  api.all('*', (c) => json(c, { error: 'not_found', message: 'No such API route.' }, 404))
  app.route('/api', api)
  if (auth) app.route('/auth', authRoutes(deps, auth))
  // Answers 404 itself when metrics are off, so the web app's fallback never answers for it.
  app.route('/', metricsRoutes(deps))
  // Before the web app, whose fallback would answer /brand/logo with a page.
  app.route('/', brandRoutes(deps))

  if (frontend) {
    app.route('/', frontend.routes)
    // Over a socket (serveApp), the files are answered before the app sees them.
    const headers = frontendHeaders({ hsts, pageCsp })
    registerFastPath(app, staticFastPath(frontend, headers, deps.log))
  }

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
