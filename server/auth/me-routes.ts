// /api/me: who is signed in, the dashboard's lists of what the user created, API tokens and which
// events of their pushes are e-mailed to them.
// Mounted only when sign-in is configured.
import { Hono, type Context } from 'hono'
import type {
  ApiTokenList,
  CreatedToken,
  MeResponse,
  NotificationSettings,
  OwnedPushes,
  OwnedRequests,
} from '../../src/lib/protocol'
import { isShippedLocale } from '../../src/lib/i18n/shipped-locales'
import { createTokenBody, notificationSettingsBody } from '../../src/lib/protocol/account'
import { MAIL_BITS } from '../db/outbox-statements'
import type { AppDeps } from '../deps'
import { readJson } from '../http/body'
import { HttpError, methodNotAllowed } from '../http/http-error'
import { json } from '../http/respond'
import { signInRequired, signedInUser, type SignedInUser } from './identity'
import type { AuthServices } from './services'
import type { TokenInfo } from './token-store'

const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

const tokenJson = (t: TokenInfo) => ({
  id: t.id,
  name: t.name,
  createdAt: iso(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
})

export function meRoutes(deps: AppDeps, auth: AuthServices) {
  const app = new Hono()
  const base = auth.config.baseUrl

  function userOf(c: Context): SignedInUser {
    const user = signedInUser(c)
    if (!user) throw signInRequired()
    return user
  }

  /**
   * Tokens and notification settings are managed from a browser session only: a leaked token can
   * neither mint more nor turn off the mail that would tell of its misuse.
   */
  function sessionUserOf(c: Context, what = 'API tokens'): SignedInUser {
    const user = userOf(c)
    if (user.via !== 'session') {
      throw new HttpError(403, 'session_required', `Manage ${what} from a signed-in browser.`)
    }
    return user
  }

  const settingsOf = (
    email: string | null,
    bits: number,
    locale: string | null,
  ): NotificationSettings => ({
    available: deps.config.mail !== null,
    email,
    viewed: (bits & MAIL_BITS.viewed) !== 0,
    failedViews: (bits & MAIL_BITS.failedViews) !== 0,
    ended: (bits & MAIL_BITS.ended) !== 0,
    // Saved only as a shipped locale (the body's schema); anything else reads as none.
    locale: isShippedLocale(locale) ? locale : null,
  })

  app.get('/', (c) => {
    const user = signedInUser(c)
    const body: MeResponse = {
      user: user ? { id: user.id, email: user.email, name: user.name } : null,
      via: user?.via ?? null,
      createPolicy: deps.config.createPolicy,
      admin: user?.via === 'session' && user.admin,
      loginUrl: `${base}/auth/login`,
      logoutUrl: `${base}/auth/logout`,
    }
    return json(c, body)
  })

  app.get('/pushes', async (c) => {
    const now = deps.clock()
    const rows = await auth.owners.listPushes(userOf(c).id)
    const body: OwnedPushes = {
      pushes: rows.map((p) => {
        const timeUp = p.endedAt === null && p.expiresAt <= now
        return {
          id: p.id,
          kind: p.kind,
          status: p.endedAt !== null || timeUp ? 'ended' : 'active',
          reason: timeUp ? 'time' : p.endReason,
          createdAt: iso(p.createdAt),
          expiresAt: iso(p.expiresAt),
          endedAt: timeUp ? iso(p.expiresAt) : isoOrNull(p.endedAt),
          expireAfterViews: p.expireAfterViews,
          viewsRemaining: p.viewsRemaining,
        }
      }),
    }
    return json(c, body)
  })

  app.get('/requests', async (c) => {
    const now = deps.clock()
    const rows = await auth.owners.listRequests(userOf(c).id)
    const body: OwnedRequests = {
      requests: rows.map((r) => {
        const closed = r.closedAt !== null || r.expiresAt <= now
        return {
          id: r.id,
          status: closed ? 'closed' : 'open',
          reason: closed ? (r.closeReason ?? 'time') : null,
          createdAt: iso(r.createdAt),
          expiresAt: iso(r.expiresAt),
          answersAllowed: r.answersAllowed,
          answersRemaining: closed ? 0 : r.answersAllowed - r.answersUsed,
        }
      }),
    }
    return json(c, body)
  })

  app.get('/notifications', (c) => {
    const user = userOf(c)
    return json(c, settingsOf(user.email, user.mailEvents, user.mailLocale))
  })

  app.put('/notifications', async (c) => {
    const user = sessionUserOf(c, 'notification settings')
    const chosen = await readJson(c, notificationSettingsBody, deps.config.maxJsonBodyBytes)
    const bits =
      (chosen.viewed ? MAIL_BITS.viewed : 0) |
      (chosen.failedViews ? MAIL_BITS.failedViews : 0) |
      (chosen.ended ? MAIL_BITS.ended : 0)
    const saved = await auth.accounts.setMailSettings(user.id, bits, chosen.locale)
    if (!saved) throw signInRequired()
    return json(c, settingsOf(user.email, bits, saved.mailLocale))
  })

  app.get('/tokens', async (c) => {
    const body: ApiTokenList = {
      tokens: (await auth.tokens.listTokens(sessionUserOf(c).id)).map(tokenJson),
    }
    return json(c, body)
  })

  app.post('/tokens', async (c) => {
    const user = sessionUserOf(c)
    const { name } = await readJson(c, createTokenBody, deps.config.maxJsonBodyBytes)
    const created = await auth.tokens.createToken(user.id, name, deps.clock())
    const body: CreatedToken = { ...tokenJson(created.info), token: created.token }
    return json(c, body, 201)
  })

  app.delete('/tokens/:id', async (c) => {
    const user = sessionUserOf(c)
    if (!(await auth.tokens.revokeToken(user.id, c.req.param('id'))))
      throw new HttpError(404, 'not_found', 'No such API token.')
    return c.body(null, 204)
  })

  app.all('/', methodNotAllowed('GET'))
  app.all('/pushes', methodNotAllowed('GET'))
  app.all('/requests', methodNotAllowed('GET'))
  app.all('/notifications', methodNotAllowed('GET, PUT'))
  app.all('/tokens', methodNotAllowed('GET, POST'))
  app.all('/tokens/:id', methodNotAllowed('DELETE'))
  return app
}
