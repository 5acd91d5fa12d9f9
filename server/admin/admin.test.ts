// The admin page's API against a real OpenID provider: who is an admin (a verified e-mail of the
// list, in any case, or the admin group), who is refused (401, 403, an API token, a foreign
// Origin), the overview, a takedown as the one door ends a push, and the admin log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import type { AdminLog, AdminOverview, MeResponse } from '../../src/lib/protocol'
import {
  APP_URL,
  TestBrowser,
  providerEnv,
  startAuthApp,
  startProvider,
  type AuthTestApp,
} from '../testing/auth-test-support'
import { TEST_USERS, type TestProvider } from '../testing/oidc-provider'
import {
  filesContaining,
  hasCiphertext,
  pushText,
  revealText,
  trailOf,
} from '../testing/test-support'

const METRICS_TOKEN = 'metrics-token-never-shown-0123'
const DB_TOKEN = 'database-token-never-shown-4567'
let provider: TestProvider
let hushlink: AuthTestApp

beforeAll(async () => {
  provider = await startProvider({
    users: {
      ...TEST_USERS,
      carol: { email: 'carol@example.com', groups: ['staff', 'hushlink-admins'] },
      dave: { email: 'dave@example.com', email_verified: false },
    },
  })
  hushlink = await startAuthApp(
    providerEnv(provider, {
      HUSHLINK_ADMIN_EMAILS: 'ALICE@example.com, dave@example.com',
      HUSHLINK_ADMIN_GROUP: 'hushlink-admins',
      HUSHLINK_OIDC_SCOPES: 'openid email profile groups',
      HUSHLINK_METRICS_TOKEN: METRICS_TOKEN,
      DATABASE_AUTH_TOKEN: DB_TOKEN,
      HUSHLINK_TRUST_PROXY: 'true',
      HUSHLINK_RATE_LIMIT: 'off',
    }),
  )
})
afterAll(async () => {
  await hushlink.close()
  await provider.close()
})

async function signedIn(login: string) {
  const browser = new TestBrowser(hushlink.app)
  expect((await browser.signIn(login)).status).toBe(302)
  return browser
}

const own = { origin: APP_URL }
const get = (browser: TestBrowser, path: string, headers: Record<string, string> = {}) =>
  browser.request(APP_URL + path, { headers })
const takedown = (browser: TestBrowser, id: string, headers: Record<string, string> = own) =>
  browser.request(`${APP_URL}/api/admin/pushes/${id}/takedown`, { method: 'POST', headers })

describe('who is an admin', () => {
  it('a listed verified e-mail (in any case) and a member of the admin group', async () => {
    for (const login of ['alice', 'carol']) {
      const browser = await signedIn(login)
      expect((await get(browser, '/api/admin/overview')).status).toBe(200)
      const me = (await (await get(browser, '/api/me')).json()) as MeResponse
      expect([login, me.admin]).toEqual([login, true])
    }
  })

  it('refuses a non-admin (403), an unverified listed e-mail (403) and nobody (401)', async () => {
    for (const login of ['bob', 'dave']) {
      const browser = await signedIn(login)
      const res = await get(browser, '/api/admin/overview')
      expect([login, res.status, (await res.json()).error]).toEqual([login, 403, 'admin_required'])
      expect(((await (await get(browser, '/api/me')).json()) as MeResponse).admin).toBe(false)
    }
    const anonymous = new TestBrowser(hushlink.app)
    const res = await get(anonymous, '/api/admin/log')
    expect([res.status, (await res.json()).error]).toEqual([401, 'sign_in_required'])
  })

  it("refuses an admin's API token: admin routes take a browser session only", async () => {
    const alice = await signedIn('alice')
    const made = await alice.request(`${APP_URL}/api/me/tokens`, {
      method: 'POST',
      headers: { ...own, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci' }),
    })
    const { token } = (await made.json()) as { token: string }
    const script = new TestBrowser(hushlink.app)
    const bearer = { authorization: `Bearer ${token}` }
    const res = await get(script, '/api/admin/overview', bearer)
    expect([res.status, (await res.json()).error]).toEqual([403, 'admin_required'])
    const push = await pushText(createApiClient(APP_URL, alice.fetcher()), 'kept')
    expect((await takedown(script, push.id, bearer)).status).toBe(403)
    expect(((await (await get(script, '/api/me', bearer)).json()) as MeResponse).admin).toBe(false)
  })
})

describe('the overview', () => {
  it('counts pushes, bytes, requests and failed views, and never shows a secret setting', async () => {
    const alice = await signedIn('alice')
    const from = { ...own, 'x-forwarded-for': '203.0.113.7' }
    const api = createApiClient(APP_URL, alice.fetcher(from))
    const kept = await pushText(api, 'stays active')
    const viewed = await pushText(api, 'viewed once', { expireAfterViews: 1 })
    expect((await revealText(api, viewed.link)).ok).toBe(true)
    for (let i = 0; i < 3; i++) await api.getPush(kept.id, 'A'.repeat(43))

    const res = await get(alice, '/api/admin/overview')
    const text = await res.text()
    const overview = JSON.parse(text) as AdminOverview
    const text_ = overview.pushes.byKind.find((k) => k.kind === 'text')!
    expect(text_.active).toBeGreaterThanOrEqual(1)
    expect(text_.ended).toBeGreaterThanOrEqual(1)
    expect(overview.pushes.byEndReason.find((r) => r.reason === 'views')!.count).toBeGreaterThan(0)
    expect(overview.bytes.ciphertexts).toBeGreaterThan(0)
    expect(overview.bytes.total).toBe(overview.bytes.ciphertexts + overview.bytes.files)
    expect(overview.failedViews.days).toHaveLength(30)
    expect(overview.failedViews.days.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10))
    expect(overview.failedViews.days.at(-1)!.count).toBeGreaterThanOrEqual(3)
    expect(overview.failedViews.topAddresses[0]).toMatchObject({ ip: '203.0.113.7' })
    expect(overview.failedViews.topAddresses[0].count).toBeGreaterThanOrEqual(3)

    for (const secret of [provider.clientSecret, METRICS_TOKEN, DB_TOKEN]) {
      expect(text).not.toContain(secret)
    }
    const env = new Map(overview.environment.map((v) => [v.name, v.value]))
    expect(env.get('HUSHLINK_OIDC_CLIENT_SECRET')).toBe('[redacted]')
    expect(env.get('HUSHLINK_METRICS_TOKEN')).toBe('[redacted]')
    expect(env.get('HUSHLINK_ADMIN_GROUP')).toBe('hushlink-admins')
    expect(env.get('HUSHLINK_MAX_VIEWS')).toBeNull()
    const effective = new Map(overview.effective.map((v) => [v.key, v.value]))
    expect(effective.get('auth.clientSecret')).toBe('[redacted]')
    expect(effective.get('limits.maxViews')).toBe('100')
    // Never a label or any content: no request label, no ciphertext field anywhere.
    expect(text).not.toMatch(/"label"|"ciphertext"|stays active/)
  })
})

describe('a takedown', () => {
  it('ends the push through the one door, says so in its trail and the admin log', async () => {
    const alice = await signedIn('alice')
    const sender = createApiClient(APP_URL, new TestBrowser(hushlink.app).fetcher())
    const push = await pushText(sender, 'abuse '.repeat(2000))
    const stored = await hushlink.database.client.execute({
      sql: 'SELECT data FROM ciphertexts WHERE push_id = ?',
      args: [push.id],
    })
    const slice = new Uint8Array(stored.rows[0].data as ArrayBuffer).subarray(100, 164)

    const res = await takedown(alice, push.id)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ pushId: push.id, kind: 'text', reason: 'admin' })
    expect(await trailOf(hushlink.deps.store, push.id)).toEqual(['created', 'deleted:admin'])
    const events = await hushlink.deps.store.listEvents(push.id)
    expect(events.at(-1)).toMatchObject({ ip: null, userAgent: null })
    expect(await hasCiphertext(hushlink.database, push.id)).toBe(false)
    // Waited for the checkpoint, like every end: no slice left in any database file.
    expect(filesContaining(hushlink.dir, slice)).toEqual([])

    const opened = await revealText(sender, push.link)
    expect(!opened.ok && [opened.status, opened.error.reason]).toEqual([410, 'admin'])
    const audit = await sender.audit(push.id, push.ownerToken)
    expect(audit.ok && audit.data.events.map((e) => `${e.kind}:${e.reason}`)).toContain(
      'deleted:admin',
    )

    const again = await takedown(alice, push.id)
    expect([again.status, await again.json()]).toMatchObject([
      410,
      { error: 'ended', reason: 'admin' },
    ])
    const unknown = await takedown(alice, 'AAAAAAAAAAAAAAAAAAAAAA')
    expect([unknown.status, (await unknown.json()).error]).toEqual([404, 'not_found'])
    expect((await takedown(alice, 'not-an-id')).status).toBe(404)

    const log = (await (await get(alice, '/api/admin/log')).json()) as AdminLog
    expect(log.entries[0]).toMatchObject({
      email: 'alice@example.com',
      action: 'takedown',
      pushId: push.id,
    })
    // The refused second takedown logged nothing.
    expect(log.entries.filter((e) => e.pushId === push.id)).toHaveLength(1)
  })

  it('refuses a cookie-carrying takedown from a foreign Origin, and the push stays', async () => {
    const carol = await signedIn('carol')
    const sender = createApiClient(APP_URL, new TestBrowser(hushlink.app).fetcher())
    const push = await pushText(sender, 'not yours to take')
    const refused: Record<string, string>[] = [{ origin: 'https://evil.test' }, {}]
    for (const headers of refused) {
      const res = await takedown(carol, push.id, headers)
      expect([res.status, (await res.json()).error]).toEqual([403, 'foreign_origin'])
    }
    expect(await hasCiphertext(hushlink.database, push.id)).toBe(true)
  })

  it('pages the admin log, newest first', async () => {
    const carol = await signedIn('carol')
    const sender = createApiClient(APP_URL, new TestBrowser(hushlink.app).fetcher())
    const ids: string[] = []
    for (let i = 0; i < 52; i++) {
      const push = await pushText(sender, `p${i}`)
      expect((await takedown(carol, push.id)).status).toBe(200)
      ids.push(push.id)
    }
    const first = (await (await get(carol, '/api/admin/log')).json()) as AdminLog
    expect(first.entries).toHaveLength(50)
    expect(first.entries[0]).toMatchObject({ pushId: ids[51], email: 'carol@example.com' })
    expect(first.next).toBe(first.entries[49].id)
    const second = (await (
      await get(carol, `/api/admin/log?before=${first.next}`)
    ).json()) as AdminLog
    expect(second.entries[0].id).toBeLessThan(first.next!)
    expect(second.entries.map((e) => e.pushId)).toContain(ids[0])
    const bad = await get(carol, '/api/admin/log?before=-1')
    expect([bad.status, (await bad.json()).error]).toEqual([400, 'invalid_input'])
  })
})
