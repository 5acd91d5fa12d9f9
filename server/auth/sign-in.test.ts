// Sign-in against a real OpenID provider (oidc-provider on a loopback port, its own login pages):
// sessions, sign-out, who may sign in, and the answers that must not sign anyone in.
import { describe, expect, it } from 'vitest'
import {
  APP_URL,
  TestBrowser,
  providerEnv,
  sharedAuthApp,
  startAuthApp,
  startProvider,
} from '../testing/auth-test-support'

const SESSION = 'hushlink_session'
const ownOrigin = { origin: APP_URL }

const hushlink = sharedAuthApp()

async function me(browser: TestBrowser, headers: Record<string, string> = {}) {
  const res = await browser.request(`${APP_URL}/api/me`, { headers })
  expect(res.status).toBe(200)
  return (await res.json()) as { user: { email: string } | null; via: string | null }
}

describe('sign-in', () => {
  it('signs in through the provider, holds a session, and signs out for real', async () => {
    const browser = new TestBrowser(hushlink.app)
    expect((await me(browser)).user).toBeNull()
    const done = await browser.signIn('alice')
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`${APP_URL}/`)
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith(SESSION + '='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i) // http public URL
    expect(await me(browser)).toMatchObject({
      user: { email: 'alice@example.com', name: 'Alice Example' },
      via: 'session',
    })

    // The database holds a hash of the session id, never the id.
    const sessionId = browser.cookie(APP_URL, SESSION)!
    const rows = await hushlink.database.client.execute('SELECT id_hash FROM sessions')
    expect(rows.rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows.rows)).not.toContain(sessionId)

    const out = await browser.request(`${APP_URL}/auth/logout`, {
      method: 'POST',
      headers: ownOrigin,
    })
    expect(out.status).toBe(204)
    expect((await me(browser)).user).toBeNull()
    // The old cookie, sent again by someone who kept it, opens nothing: the session is gone.
    const thief = new TestBrowser(hushlink.app)
    thief.setCookie(APP_URL, SESSION, sessionId)
    expect((await me(thief)).user).toBeNull()
  })

  it('ends a session when it expires', async () => {
    const browser = new TestBrowser(hushlink.app)
    await browser.signIn('alice')
    expect((await me(browser)).user).not.toBeNull()
    hushlink.advance(hushlink.deps.config.auth!.sessionSeconds * 1000 + 1000)
    try {
      expect((await me(browser)).user).toBeNull()
    } finally {
      hushlink.advance(-(hushlink.deps.config.auth!.sessionSeconds * 1000 + 1000))
    }
  })

  it('goes back to a page of the app after signing in, never to another site', async () => {
    const browser = new TestBrowser(hushlink.app)
    const back = await browser.request(
      await browser.signInUpToCallback('alice', '/auth/login?return=%2Fdashboard'),
    )
    expect(back.headers.get('location')).toBe(`${APP_URL}/dashboard`)
    const away = await browser.request(
      await browser.signInUpToCallback(
        'alice',
        '/auth/login?return=' + encodeURIComponent('https://evil.test/x'),
      ),
    )
    expect(away.headers.get('location')).toBe(`${APP_URL}/`)
  })

  it('refuses a tampered state and keeps nobody signed in', async () => {
    const browser = new TestBrowser(hushlink.app)
    const callback = new URL(await browser.signInUpToCallback('alice'))
    callback.searchParams.set('state', 'tampered' + callback.searchParams.get('state'))
    const res = await browser.request(callback.href)
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('data-problem="sign_in_rejected"')
    expect((await me(browser)).user).toBeNull()
  })

  it('refuses a replayed code: the same callback twice, and the code under a new sign-in', async () => {
    const browser = new TestBrowser(hushlink.app)
    const callback = await browser.signInUpToCallback('alice')
    expect((await browser.request(callback)).status).toBe(302)
    // The same callback again: the sign-in it belonged to is used up.
    const again = await browser.request(callback)
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('data-problem="sign_in_expired"')

    // The used code under a fresh sign-in's state: the provider refuses the code.
    const attacker = new TestBrowser(hushlink.app)
    const fresh = new URL(await attacker.signInUpToCallback('bob'))
    const replay = new URL(callback)
    replay.searchParams.set('state', fresh.searchParams.get('state')!)
    const res = await attacker.request(replay.href)
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('data-problem="sign_in_rejected"')
    expect((await me(attacker)).user).toBeNull()
  })

  it('answers a cancelled sign-in with a page, not a session', async () => {
    const browser = new TestBrowser(hushlink.app)
    const callback = new URL(await browser.signInUpToCallback('alice'))
    const denied = new URL(`${APP_URL}/auth/callback`)
    denied.searchParams.set('error', 'access_denied')
    denied.searchParams.set('state', callback.searchParams.get('state')!)
    const res = await browser.request(denied.href)
    expect(await res.text()).toContain('data-problem="sign_in_cancelled"')
    expect((await me(browser)).user).toBeNull()
  })
})

describe('an ID token past its expiry', () => {
  it('is refused, although the sign-in itself is still fresh', async () => {
    // A provider whose ID tokens live 20 s; the app's clock is a minute on when it arrives
    // (past openid-client's 30 s tolerance, well inside the ten minutes a sign-in may take).
    const shortLived = await startProvider({ idTokenSeconds: 20 })
    const app = await startAuthApp(providerEnv(shortLived))
    try {
      const browser = new TestBrowser(app.app)
      const callback = await browser.signInUpToCallback('alice')
      app.advance(60_000)
      const res = await browser.request(callback)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('data-problem="sign_in_rejected"')
      expect((await me(browser)).user).toBeNull()
    } finally {
      await app.close()
      await shortLived.close()
    }
  })
})

describe('answers meant for someone else', () => {
  it('refuses a code from another issuer (the iss parameter and the ID token say so)', async () => {
    const other = await startProvider()
    try {
      const browser = new TestBrowser(hushlink.app)
      // The app's own sign-in, its state and all, carried out at the other provider instead.
      const callback = await browser.signInUpToCallback('alice', '/auth/login', (url) => {
        const moved = new URL(url.pathname + url.search, other.issuer)
        return moved
      })
      expect(new URL(callback).searchParams.get('iss')).toBe(other.issuer)
      const res = await browser.request(callback)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('data-problem="sign_in_rejected"')
      expect((await me(browser)).user).toBeNull()
    } finally {
      await other.close()
    }
  })

  it('refuses a code issued to another client (another audience)', async () => {
    const shared = await startProvider({ otherClientId: 'other-app' })
    const app = await startAuthApp(providerEnv(shared))
    try {
      const browser = new TestBrowser(app.app)
      const callback = await browser.signInUpToCallback('alice', '/auth/login', (url) => {
        url.searchParams.set('client_id', 'other-app')
        return url
      })
      const res = await browser.request(callback)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('data-problem="sign_in_rejected"')
      expect((await me(browser)).user).toBeNull()
    } finally {
      await app.close()
      await shared.close()
    }
  })
})

describe('who may sign in', () => {
  it('refuses an address outside the allowed domains with a page that says so', async () => {
    const app = await startAuthApp(
      providerEnv(hushlink.provider, { HUSHLINK_OIDC_ALLOWED_DOMAINS: 'example.com' }),
    )
    try {
      const outsider = new TestBrowser(app.app)
      const res = await outsider.signIn('mallory')
      expect(res.status).toBe(403)
      const page = await res.text()
      expect(page).toContain('data-problem="not_allowed_domain"')
      expect(page).toContain('mallory@elsewhere.test')
      expect((await me(outsider)).user).toBeNull()
      expect((await new TestBrowser(app.app).signIn('alice')).status).toBe(302)
    } finally {
      await app.close()
    }
  })

  it('refuses a user in none of the allowed groups', async () => {
    const app = await startAuthApp(
      providerEnv(hushlink.provider, {
        HUSHLINK_OIDC_ALLOWED_GROUPS: 'staff,admins',
        HUSHLINK_OIDC_SCOPES: 'openid email profile groups',
      }),
    )
    try {
      const contractor = new TestBrowser(app.app)
      const res = await contractor.signIn('bob')
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('data-problem="not_allowed_group"')
      expect((await me(contractor)).user).toBeNull()
      const staff = new TestBrowser(app.app)
      expect((await staff.signIn('alice')).status).toBe(302)
      expect((await me(staff)).user?.email).toBe('alice@example.com')
    } finally {
      await app.close()
    }
  })
})
