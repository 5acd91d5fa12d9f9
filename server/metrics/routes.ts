// GET /metrics for Prometheus: 404 unless HUSHLINK_METRICS_TOKEN is set, then 401 without
// `Authorization: Bearer <that token>` (compared in constant time). Outside /api: not rate limited.
import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono, type MiddlewareHandler } from 'hono'
import type { AppDeps } from '../deps'
import type { Metrics } from './metrics'

const digest = (text: string) => createHash('sha256').update(text).digest()

/** Equal digests of equal length: the comparison takes as long whatever the guess. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/i.exec(header ?? '')?.[1] ?? ''
  return timingSafeEqual(digest(given), digest(token))
}

export function metricsRoutes(deps: AppDeps) {
  const app = new Hono()
  const { metrics } = deps
  const token = deps.config.metricsToken
  app.get('/metrics', async (c) => {
    if (!metrics || !token) return c.text('Not found.\n', 404)
    if (!bearerMatches(c.req.header('authorization'), token)) {
      return c.text('A bearer token is required.\n', 401, { 'WWW-Authenticate': 'Bearer' })
    }
    c.header('Cache-Control', 'no-store')
    return c.body(await metrics.registry.metrics(), 200, {
      'Content-Type': metrics.registry.contentType,
    })
  })
  return app
}

/** The route pattern that answered (e.g. /api/pushes/:id/reveal), never the path with its ids. */
function routeOf(matched: { method: string; path: string }[], path: string): string {
  for (let i = matched.length - 1; i >= 0; i--) {
    if (matched[i].method !== 'ALL') return matched[i].path
  }
  return path.startsWith('/api/') ? '/api/*' : 'static'
}

export function requestMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = metrics.now()
    try {
      await next()
    } finally {
      metrics.requestSince(
        started,
        c.req.method,
        routeOf(c.req.matchedRoutes, c.req.path),
        c.res.status,
      )
    }
  }
}
