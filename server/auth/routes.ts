// /auth: the OpenID Connect sign-in (login → the provider → callback) and sign-out. Mounted
// only when sign-in is configured.
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../deps'
import { methodNotAllowed } from '../http/http-error'
import { requestHeader } from '../http/respond'
import { admit } from './admission'
import { appOrigins, foreignOrigin, sessionCookieName } from './identity'
import { ProviderUnavailable, SignInRejected } from './oidc'
import { problemPage } from './pages'
import { newSecret } from './secrets'
import type { AuthServices } from './services'

/** A sign-in must come back from the provider within this. */
const LOGIN_SECONDS = 600

export function authRoutes(deps: AppDeps, auth: AuthServices) {
  const { accounts, oidc, config } = auth
  const secure = config.publicUrl.protocol === 'https:'
  const sessionCookie = sessionCookieName(auth)
  const loginCookie = secure ? '__Host-hushlink_login' : 'hushlink_login'
  const origins = appOrigins(deps, auth)
  const home = `${config.baseUrl}/`
  const links = { home, login: `${config.baseUrl}/auth/login` }
  const cookieOptions = { httpOnly: true, secure, sameSite: 'Lax', path: '/' } as const
  const app = new Hono()

  /** Where to go after signing in: a URL of the app's own origins, else the app's home. */
  function returnTo(raw: string | undefined): string {
    if (!raw) return home
    if (raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\')) {
      return new URL(raw, config.publicUrl.origin).href
    }
    try {
      const url = new URL(raw)
      return origins.has(url.origin) ? url.href : home
    } catch {
      return home
    }
  }

  app.get('/login', async (c) => {
    let started: Awaited<ReturnType<typeof oidc.start>>
    try {
      started = await oidc.start(returnTo(c.req.query('return')))
    } catch (error) {
      if (error instanceof ProviderUnavailable) return unavailable(c, error)
      throw error
    }
    const loginId = newSecret()
    const now = deps.clock()
    await accounts.beginLogin(loginId, started.attempt, now + LOGIN_SECONDS * 1000, now)
    setCookie(c, loginCookie, loginId, { ...cookieOptions, maxAge: LOGIN_SECONDS })
    c.header('Cache-Control', 'no-store')
    return c.redirect(started.url.href, 302)
  })

  app.get('/callback', async (c) => {
    const loginId = getCookie(c, loginCookie)
    deleteCookie(c, loginCookie, cookieOptions)
    const attempt = loginId ? await accounts.takeLogin(loginId, deps.clock()) : undefined
    if (!attempt) return problemPage(c, 'sign_in_expired', links)
    if (c.req.query('error')) return problemPage(c, 'sign_in_cancelled', links)
    // The redirect URI as registered, with the provider's answer: not the Host we were reached by.
    const callbackUrl = new URL(oidc.redirectUri)
    callbackUrl.search = new URL(c.req.url).search
    let claims: Awaited<ReturnType<typeof oidc.finish>>
    try {
      claims = await oidc.finish(callbackUrl, attempt)
    } catch (error) {
      if (error instanceof ProviderUnavailable) return unavailable(c, error)
      if (!(error instanceof SignInRejected)) throw error
      logProblem('sign-in rejected', error.message)
      return problemPage(c, 'sign_in_rejected', links)
    }
    const admission = admit(config, claims, deps.config.admin?.group ?? null)
    if (!admission.ok) {
      logProblem('sign-in refused', admission.rule)
      const problem = admission.rule === 'domain' ? 'not_allowed_domain' : 'not_allowed_group'
      return problemPage(c, problem, links, admission.detail)
    }
    const now = deps.clock()
    const user = await accounts.upsertUser(admission.account, now)
    const sessionId = newSecret()
    await accounts.createSession(sessionId, user.id, now, now + config.sessionSeconds * 1000)
    setCookie(c, sessionCookie, sessionId, { ...cookieOptions, maxAge: config.sessionSeconds })
    c.header('Cache-Control', 'no-store')
    return c.redirect(attempt.returnTo, 302)
  })

  app.post('/logout', async (c) => {
    const sessionId = getCookie(c, sessionCookie)
    if (sessionId) {
      if (!origins.has(requestHeader(c, 'origin') ?? '')) throw foreignOrigin()
      await accounts.endSession(sessionId)
    }
    deleteCookie(c, sessionCookie, cookieOptions)
    c.header('Cache-Control', 'no-store')
    return c.body(null, 204)
  })

  function unavailable(c: Context, error: Error) {
    logProblem('identity provider unavailable', error.message)
    return problemPage(c, 'provider_unavailable', links)
  }

  app.all('/login', methodNotAllowed('GET'))
  app.all('/callback', methodNotAllowed('GET'))
  app.all('/logout', methodNotAllowed('POST'))
  return app
}

function logProblem(msg: string, error: string) {
  console.error(JSON.stringify({ level: 'warn', msg, error }))
}
