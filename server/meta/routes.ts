// GET /api/config (limits, defaults, features, the instance's name) and GET /api/health (the database answers).
import { Hono } from 'hono'
import type { ServerConfig } from '../../src/lib/protocol'
import type { AppDeps } from '../deps'
import { methodNotAllowed } from '../http/http-error'
import { json } from '../http/respond'
import { LOGO_PATH } from '../brand/brand-config'

export function metaRoutes(deps: AppDeps) {
  const app = new Hono()
  const { brand } = deps.config
  const publicConfig: ServerConfig = {
    version: 1,
    limits: { ...deps.config.limits },
    features: {
      passphrase: true,
      retrievalStep: true,
      deletableByViewer: true,
      files: deps.config.files,
    },
    instanceName: deps.config.instanceName,
    brand: {
      name: brand.name,
      logoUrl: brand.logo ? LOGO_PATH : null,
      accent: brand.accent,
      imprintUrl: brand.imprintUrl,
      privacyUrl: brand.privacyUrl,
    },
  }
  app.get('/config', (c) => json(c, publicConfig))
  app.get('/health', async (c) => {
    const ok = await deps.store.ping().catch(() => false)
    return ok
      ? json(c, { ok: true })
      : json(
          c,
          { ok: false, error: 'database_unavailable', message: 'The database does not answer.' },
          503,
        )
  })
  app.all('/config', methodNotAllowed('GET'))
  app.all('/health', methodNotAllowed('GET'))
  return app
}
