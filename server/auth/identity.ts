// Who is calling: a session cookie or an `Authorization: Bearer hlpat_…` API token, set on the
// context as `user` for the routes. Also the CSRF rule (a cookie-authenticated request that
// changes state must come from the app's own origin) and the create policy.
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { isAdmin, type AdminConfig } from '../admin/admin-config'
import type { AppDeps } from '../deps'
import { HttpError } from '../http/http-error'
import { requestHeader } from '../http/respond'
import { bearerToken } from '../pushes/tokens'
import type { UserRow } from './account-store'
import { API_TOKEN_PREFIX } from './secrets'
import type { AuthServices } from './services'

export interface SignedInUser {
  id: string
  email: string | null
  name: string | null
  /** How the call was authenticated: a browser session or an API token. */
  via: 'session' | 'token'
  /** The events of the user's pushes e-mailed to them (MAIL_BITS in server/db/outbox-statements.ts). */
  mailEvents: number
  /** The language of those e-mails (a shipped locale), null: English. */
  mailLocale: string | null
  /** An admin of this server (HUSHLINK_ADMIN_*), whatever `via`; admin routes also need a session. */
  admin: boolean
}

declare module 'hono' {
  interface ContextVariableMap {
    user: SignedInUser | undefined
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The paths that create; under HUSHLINK_CREATE_POLICY=signed-in they need a user. */
const CREATE_PATHS = new Set(['/api/pushes', '/api/pushes/files', '/api/requests'])

/** The session cookie; `__Host-` (Secure, Path=/, no Domain) whenever the app is on https. */
export const sessionCookieName = (auth: AuthServices) =>
  auth.config.publicUrl.protocol === 'https:' ? '__Host-hushlink_session' : 'hushlink_session'

/** The origins whose pages may use the session: the app's own and the CORS ones. */
export function appOrigins(deps: AppDeps, auth: AuthServices): Set<string> {
  return new Set([auth.config.publicUrl.origin, ...deps.config.corsOrigins])
}

export const signedInUser = (c: Context): SignedInUser | undefined => c.get('user')

const userOf = (
  row: UserRow,
  via: SignedInUser['via'],
  admin: AdminConfig | null,
): SignedInUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  via,
  mailEvents: row.mailEvents,
  mailLocale: row.mailLocale,
  admin: isAdmin(admin, row),
})

export const foreignOrigin = () =>
  new HttpError(
    403,
    'foreign_origin',
    "Refused: a signed-in request that changes something must come from this app's own pages.",
  )

export function identify(deps: AppDeps, auth: AuthServices): MiddlewareHandler {
  const origins = appOrigins(deps, auth)
  const cookieName = sessionCookieName(auth)
  return async (c, next) => {
    const token = bearerToken(requestHeader(c, 'authorization'))
    if (token?.startsWith(API_TOKEN_PREFIX)) {
      const row = await auth.tokens.tokenUser(token, deps.clock())
      if (!row) throw new HttpError(401, 'invalid_token', 'This API token is unknown or revoked.')
      c.set('user', userOf(row, 'token', deps.config.admin))
    } else {
      const sessionId = getCookie(c, cookieName)
      const found = sessionId ? await auth.accounts.sessionUser(sessionId, deps.clock()) : undefined
      if (found) {
        if (!SAFE_METHODS.has(c.req.method) && !origins.has(requestHeader(c, 'origin') ?? '')) {
          throw foreignOrigin()
        }
        c.set('user', userOf(found.user, 'session', deps.config.admin))
      }
    }
    await next()
  }
}

export function createPolicy(): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path.replace(/\/+$/, '')
    if (c.req.method === 'POST' && CREATE_PATHS.has(path) && !signedInUser(c)) {
      throw new HttpError(
        401,
        'sign_in_required',
        'Sign in (or send an API token) to create secrets on this server.',
      )
    }
    await next()
  }
}

export const signInRequired = () =>
  new HttpError(401, 'sign_in_required', 'Sign in (or send an API token) to use this.')
