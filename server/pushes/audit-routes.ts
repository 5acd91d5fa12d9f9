// GET /api/pushes/{id}/audit: the owner's view of a push and its trail, which outlives the secret.
import { Hono } from 'hono'
import {
  CAPPED_FAILURE_REASONS,
  type AuditResponse,
  type CappedFailureReason,
} from '../../src/lib/protocol'
import type { EventRow, PushRow } from '../db/store'
import type { AppDeps } from '../deps'
import { methodNotAllowed } from '../http/http-error'
import { finalizeIfExpired, openForOwner } from './push-access'
import { json, requestHeader } from '../http/respond'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/** Per capped reason: the failed views counted on the push, less those the trail has events of. */
function notRecorded(push: PushRow, events: EventRow[]): Record<CappedFailureReason, number> {
  const counted = { bad_link: push.badLinkFailures, ended: push.endedFailures }
  const kept = (reason: string) =>
    events.filter((e) => e.kind === 'failed_view' && e.reason === reason).length
  return Object.fromEntries(
    CAPPED_FAILURE_REASONS.map((reason) => [reason, Math.max(0, counted[reason] - kept(reason))]),
  ) as Record<CappedFailureReason, number>
}

export function auditRoutes(deps: AppDeps) {
  const app = new Hono()
  app.get('/:id/audit', async (c) => {
    const found = await openForOwner(deps, c, c.req.param('id'), requestHeader(c, 'authorization'))
    const push = await finalizeIfExpired(deps, c, found)
    const events = await deps.store.listEvents(push.id)
    const body: AuditResponse = {
      push: {
        id: push.id,
        kind: push.kind,
        status: push.endedAt === null ? 'active' : 'ended',
        reason: push.endReason,
        createdAt: iso(push.createdAt)!,
        expiresAt: iso(push.expiresAt)!,
        endedAt: iso(push.endedAt),
        expireAfterViews: push.expireAfterViews,
        viewsRemaining: push.viewsRemaining,
      },
      events: events.map((e) => ({ ...e, at: iso(e.at)! })),
      failedViewsNotRecorded: notRecorded(push, events),
    }
    if (deps.auth) {
      const email = await deps.auth.owners.pushCreatorEmail(push.id)
      body.createdBy = email === null ? null : { email }
    }
    return json(c, body)
  })
  app.all('/:id/audit', methodNotAllowed('GET'))
  return app
}
