// /api/admin: the admin page's overview, takedowns and admin log. Mounted only when sign-in and
// admins are configured; every route needs an admin in a browser session (docs/sign-in.md).
import { Hono, type Context } from 'hono'
import {
  ADMIN_LOG_PAGE,
  DAY_SECONDS,
  type AdminLog,
  type AdminOverview,
  type TakedownResponse,
} from '../../src/lib/protocol'
import { signInRequired, signedInUser, type SignedInUser } from '../auth/identity'
import type { AppDeps } from '../deps'
import { HttpError, methodNotAllowed, notFound } from '../http/http-error'
import { json } from '../http/respond'
import { ended, finalizeIfExpired } from '../pushes/push-access'
import { isPushId } from '../pushes/tokens'
import { redactedEffective, redactedEnvironment } from './redact'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * An admin in a browser session. An API token is refused even for an admin: tokens live in
 * scripts and CI, where a leak must not be able to take secrets down or read client addresses.
 */
function adminOf(c: Context): SignedInUser {
  const user = signedInUser(c)
  if (!user) throw signInRequired()
  if (!user.admin || user.via !== 'session') {
    throw new HttpError(
      403,
      'admin_required',
      'Only an admin of this server, signed in in a browser, can use this.',
    )
  }
  return user
}

export function adminRoutes(deps: AppDeps) {
  const app = new Hono()
  const { admin } = deps

  app.get('/overview', async (c) => {
    adminOf(c)
    const now = deps.clock()
    const [counts, failures] = await Promise.all([admin.counts(now), admin.failures(now)])
    const body: AdminOverview = {
      generatedAt: iso(now),
      pushes: { byKind: counts.byKind, byEndReason: counts.byEndReason },
      bytes: counts.bytes,
      requests: counts.requests,
      failedViews: {
        days: failures.days.map(({ day, count }) => ({
          day: iso(day * DAY_SECONDS * 1000).slice(0, 10),
          count,
        })),
        topAddresses: failures.topAddresses.map((a) => ({ ...a, lastAt: iso(a.lastAt) })),
      },
      environment: redactedEnvironment(deps.config),
      effective: redactedEffective(deps.config),
    }
    return json(c, body)
  })

  app.get('/log', async (c) => {
    adminOf(c)
    const raw = c.req.query('before')
    if (raw !== undefined && !/^[1-9][0-9]{0,14}$/.test(raw)) {
      throw new HttpError(400, 'invalid_input', '`before` must be the id of an admin log entry.')
    }
    const rows = await admin.log(raw === undefined ? null : Number(raw), ADMIN_LOG_PAGE + 1)
    const page = rows.slice(0, ADMIN_LOG_PAGE)
    const body: AdminLog = {
      entries: page.map((row) => ({
        id: row.id,
        at: iso(row.at),
        email: row.email,
        action: row.action,
        pushId: row.pushId,
      })),
      next: rows.length > ADMIN_LOG_PAGE ? page[page.length - 1].id : null,
    }
    return json(c, body)
  })

  app.post('/pushes/:id/takedown', async (c) => {
    const user = adminOf(c)
    const id = c.req.param('id')
    const found = isPushId(id) ? await deps.store.findPush(id) : undefined
    if (!found) throw notFound()
    const push = await finalizeIfExpired(deps, c, found)
    if (push.endedAt !== null) throw ended(push.endReason ?? 'time')
    const now = deps.clock()
    if (!(await deps.ending.takeDown(id, now, user.email ?? user.name ?? user.id))) {
      // Ended by something else between the read and the write.
      throw ended((await deps.store.findPush(id))?.endReason ?? 'time')
    }
    const body: TakedownResponse = {
      pushId: id,
      kind: push.kind,
      endedAt: iso(now),
      reason: 'admin',
    }
    return json(c, body)
  })

  app.all('/overview', methodNotAllowed('GET'))
  app.all('/log', methodNotAllowed('GET'))
  app.all('/pushes/:id/takedown', methodNotAllowed('POST'))
  return app
}
