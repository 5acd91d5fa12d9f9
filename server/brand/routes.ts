// GET /brand/logo: the operator's logo (HUSHLINK_BRAND_LOGO), read at start-up, or 404 when none
// is set. An SVG is a document that could carry script: it is served with a CSP that runs nothing
// and sandboxes it, and never sniffed into anything else.
import { Hono } from 'hono'
import type { AppDeps } from '../deps'
import { answer } from '../http/respond'
import { LOGO_PATH } from './brand-config'

/** For an SVG opened on its own: inline styles draw, nothing else loads or runs. */
export const SVG_LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

export function brandRoutes(deps: AppDeps) {
  const app = new Hono()
  const { logo } = deps.config.brand
  app.on(['GET', 'HEAD'], LOGO_PATH, (c) => {
    const common = {
      'x-content-type-options': 'nosniff',
      // Revalidated on every use: a restart with another logo shows at once.
      'cache-control': 'no-cache',
    }
    if (!logo) {
      return answer(c, 'Not found.\n', 404, {
        ...common,
        'content-type': 'text/plain; charset=utf-8',
      })
    }
    const headers = {
      ...common,
      etag: logo.etag,
      ...(logo.contentType === 'image/svg+xml' && { 'content-security-policy': SVG_LOGO_CSP }),
    }
    const tags =
      c.req
        .header('if-none-match')
        ?.split(',')
        .map((tag) => tag.trim()) ?? []
    if (tags.includes(logo.etag) || tags.includes('*')) return answer(c, null, 304, headers)
    return answer(c, c.req.method === 'HEAD' ? null : logo.bytes, 200, {
      ...headers,
      'content-type': logo.contentType,
      'content-length': String(logo.bytes.length),
    })
  })
  return app
}
