// GET /api/pushes/{id}/audit: the owner's view of a push and its trail, which outlives the secret.
import { Hono } from 'hono'
import type { AuditResponse, EndReason, PushKind } from '../../src/lib/protocol'
import type { AppDeps } from '../deps'
import { methodNotAllowed } from '../http-error'
import { finalizeIfExpired } from '../push-access'
import { openForOwner } from './pushes'
import { json, requestHeader } from '../respond'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export function auditRoutes(deps: AppDeps) {
  const app = new Hono()
  app.get('/:id/audit', async (c) => {
    const found = await openForOwner(deps, c.req.param('id'), requestHeader(c, 'authorization'))
    const push = await finalizeIfExpired(deps, c, found)
    const body: AuditResponse = {
      push: {
        id: push.id,
        kind: push.kind as PushKind,
        status: push.endedAt === null ? 'active' : 'ended',
        reason: (push.endReason as EndReason | null) ?? null,
        createdAt: iso(push.createdAt)!,
        expiresAt: iso(push.expiresAt)!,
        endedAt: iso(push.endedAt),
        expireAfterViews: push.expireAfterViews,
        viewsRemaining: push.viewsRemaining,
      },
      events: (await deps.store.listEvents(push.id)).map((e) => ({ ...e, at: iso(e.at)! })),
    }
    return json(c, body)
  })
  app.all('/:id/audit', methodNotAllowed('GET'))
  return app
}
