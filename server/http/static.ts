// Serves the built SPA: real files first, then index.html for client-side routes, but never
// for /api/* or missing /_app/* assets (those must 404, not turn into HTML).
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

const IMMUTABLE = 'public, max-age=31536000, immutable'

/** The SPA's one page; security-headers.ts reads its CSP <meta> from here. */
export const frontendIndexPath = (dir: string) => join(resolve(dir), 'index.html')

export function serveFrontend(dir: string) {
  const root = resolve(dir)
  const indexPath = frontendIndexPath(dir)
  const app = new Hono()

  app.use('/_app/immutable/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', IMMUTABLE)
  })
  const files = serveStatic({ root, index: '' })
  // Directory paths (e.g. "/") would make serveStatic send the directory itself; they get the app.
  app.use('*', (c, next) => (c.req.path.endsWith('/') ? next() : files(c, next)))
  app.all('/_app/*', (c) => c.text('Not found', 404))
  app.get('*', (c) => {
    if (!existsSync(indexPath)) {
      return c.text('The web app is not built. Run `npm run build` (or `npm start`).', 503)
    }
    c.header('Cache-Control', 'no-cache')
    return c.html(readFileSync(indexPath, 'utf8'))
  })
  return app
}
