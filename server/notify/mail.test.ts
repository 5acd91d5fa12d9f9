// E-mail notifications end to end: a real OpenID provider signs alice in, her pushes' events go
// through the outbox to a real local SMTP server (smtp-server), and the mail tells what happened
// without the secret, its link or its key. Retries, settings and the anonymous case too.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { sweepOnce } from '../jobs/sweeper'
import {
  APP_URL,
  TestBrowser,
  providerEnv,
  startAuthApp,
  startProvider,
  type AuthTestApp,
} from '../testing/auth-test-support'
import type { TestProvider } from '../testing/oidc-provider'
import {
  decodeQuotedPrintable,
  mailHeader,
  mailText,
  startSmtpReceiver,
  type SmtpReceiver,
} from '../testing/smtp-receiver'
import { pushText, revealText } from '../testing/test-support'
import { createNotifier, type Notifier } from './notifier'

const SECRET_TEXT = 'correct horse battery staple'
const MAIL_FROM = 'Hushlink <hushlink@mail.example.com>'

let provider: TestProvider
let smtp: SmtpReceiver
let hushlink: AuthTestApp
let notifier: Notifier
let alice: TestBrowser

beforeAll(async () => {
  provider = await startProvider()
  smtp = await startSmtpReceiver()
  hushlink = await startAuthApp(
    providerEnv(provider, {
      HUSHLINK_SMTP_URL: smtp.url,
      HUSHLINK_MAIL_FROM: MAIL_FROM,
      HUSHLINK_WEBHOOK_RETRY_BASE_MS: '10',
    }),
  )
  alice = new TestBrowser(hushlink.app)
  expect((await alice.signIn('alice')).status).toBe(302)
})
afterAll(async () => {
  await hushlink.close()
  await smtp.close()
  await provider.close()
})
beforeEach(async () => {
  notifier = createNotifier({ ...hushlink.deps, clock: hushlink.deps.clock })
  smtp.received.length = 0
  smtp.refuseNext = 0
})
afterEach(() => notifier.stop())

const apiOf = (browser: TestBrowser) => createApiClient(APP_URL, browser.fetcher())

async function chooseMail(events: { viewed: boolean; failedViews: boolean; ended: boolean }) {
  const res = await alice.request(`${APP_URL}/api/me/notifications`, {
    method: 'PUT',
    headers: { origin: APP_URL, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  })
  expect(res.status).toBe(200)
  return res.json()
}

const ALL = { viewed: true, failedViews: true, ended: true }
const NONE = { viewed: false, failedViews: false, ended: false }

/** A mail's headers and its text part, decoded. */
function partsOf(raw: string) {
  const [head] = raw.split(/\r?\n\r?\n/)
  return { head, text: mailText(raw), whole: decodeQuotedPrintable(raw) }
}

const outboxDepth = () => hushlink.deps.outbox.depth()

describe('e-mail notifications', () => {
  it('a view of a signed-in push mails its creator, with no secret, link or key in it', async () => {
    expect(await chooseMail(ALL)).toMatchObject({ available: true, email: 'alice@example.com' })
    const push = await pushText(apiOf(alice), SECRET_TEXT, { expireAfterViews: 3 })
    expect(await notifier.runOnce()).toBe(0) // creating is not told
    const anonymous = new TestBrowser(hushlink.app)
    const ua = { 'user-agent': 'Mozilla/5.0 (X11; Linux) <b>https://evil.example</b>' }
    expect((await revealText(createApiClient(APP_URL, anonymous.fetcher(ua)), push.link)).ok).toBe(
      true,
    )
    expect(await notifier.runOnce()).toBe(1)
    expect(smtp.received).toHaveLength(1)

    const [mail] = smtp.received
    expect(mail.to).toEqual(['alice@example.com'])
    expect(mail.from).toBe('hushlink@mail.example.com')
    const { head, text, whole } = partsOf(mail.raw)
    // In English: she has saved no language (mail-locale.test.ts has the others).
    expect(mailHeader(mail.raw, 'subject')).toBe('Hushlink: One of your secrets was opened')
    expect(mailHeader(mail.raw, 'content-language')).toBe('en')
    expect(head).toMatch(new RegExp(`^Message-ID: <[0-9a-f]{32}@mail\\.example\\.com>$`, 'mi'))
    expect(head).toMatch(/^Hushlink-Event: viewed$/m)
    expect(text).toContain(`Secret ID: ${push.id}`)
    expect(text).toContain('Kind: Text')
    expect(text).toContain(`Audit trail: ${APP_URL}/dashboard/${push.id}`)
    expect(text).toContain(`Change this on your dashboard: ${APP_URL}/dashboard`)
    expect(text).toContain(
      'Browser (user agent): Mozilla/5.0 (X11; Linux) ·b·https: //evil.example·/b·',
    )
    expect(whole).toMatch(/<table/) // the HTML part
    expect(whole).not.toContain('<b>https://evil') // client text is escaped, links made inert
    for (const never of [SECRET_TEXT, push.secret, push.link.linkToken, push.ownerToken]) {
      expect(mail.raw).not.toContain(never)
      expect(whole).not.toContain(never)
    }
    expect(await outboxDepth()).toBe(0)
  })

  it('a relay that refuses the mail gets it again on a later attempt', async () => {
    await chooseMail(ALL)
    const push = await pushText(apiOf(alice), SECRET_TEXT, { expireAfterViews: 3 })
    smtp.refuseNext = 1
    expect((await revealText(apiOf(alice), push.link)).ok).toBe(true)
    expect(await notifier.runOnce()).toBe(1)
    expect(smtp.received).toHaveLength(0)
    const [row] = (await hushlink.database.client.execute('SELECT * FROM outbox')).rows
    expect(row).toMatchObject({ channel: 'email', attempts: 1, last_error: 'smtp 451' })

    hushlink.advance(60_000) // past the backoff
    expect(await notifier.runOnce()).toBe(1)
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0].raw).toContain(push.id)
    expect(await outboxDepth()).toBe(0)
  })

  it('sends nothing for events turned off, even when turned off after the push was made', async () => {
    await chooseMail(NONE)
    const quiet = await pushText(apiOf(alice), SECRET_TEXT, { expireAfterViews: 1 })
    expect((await revealText(apiOf(alice), quiet.link)).ok).toBe(true)
    expect(await outboxDepth()).toBe(0) // nothing was even queued

    await chooseMail({ viewed: true, failedViews: false, ended: false })
    const viewedOnly = await pushText(apiOf(alice), SECRET_TEXT, { expireAfterViews: 1 })
    expect((await revealText(apiOf(alice), viewedOnly.link)).ok).toBe(true) // viewed, then ended
    expect(await outboxDepth()).toBe(1) // the view only

    await chooseMail(NONE)
    expect(await notifier.runOnce()).toBe(1)
    expect(smtp.received).toHaveLength(0) // dropped: she no longer wants it
    expect(await outboxDepth()).toBe(0)
  })

  it('mails nobody about a push made without signing in', async () => {
    await chooseMail(ALL)
    const anonymous = apiOf(new TestBrowser(hushlink.app))
    const push = await pushText(anonymous, SECRET_TEXT, { expireAfterViews: 1 })
    expect((await revealText(anonymous, push.link)).ok).toBe(true)
    expect(await outboxDepth()).toBe(0)
    expect(await notifier.runOnce()).toBe(0)
    expect(smtp.received).toHaveLength(0)
  })

  it('gathers failed views into one mail, and the sweeper mails every push it ends', async () => {
    await chooseMail(NONE)
    const before = await pushText(apiOf(alice), SECRET_TEXT, { expireAfterSeconds: 60 })
    await chooseMail(ALL)
    const push = await pushText(apiOf(alice), SECRET_TEXT, { expireAfterSeconds: 61 })
    for (let i = 0; i < 3; i++) {
      const res = await hushlink.app.request(`${APP_URL}/api/pushes/${push.id}/reveal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ linkToken: 'A'.repeat(43) }),
      })
      expect(res.status).toBe(404)
    }
    hushlink.advance(120_000) // both pushes' time is up, and the failed-view window is over
    const swept = await sweepOnce(hushlink.deps)
    expect(swept.expired).toBe(2)
    expect(await notifier.runOnce()).toBe(2)
    const subjects = smtp.received.map((m) => mailHeader(m.raw, 'subject')).sort()
    expect(subjects).toEqual([
      'Hushlink: 3 failed attempts to open one of your secrets (wrong link)',
      'Hushlink: One of your secrets ended (time ran out)',
    ])
    expect(smtp.received.every((m) => !m.raw.includes(before.id))).toBe(true)
  })
})

describe('notification settings', () => {
  const url = `${APP_URL}/api/me/notifications`

  it('are off until chosen, and read back as saved', async () => {
    const bob = new TestBrowser(hushlink.app)
    expect((await bob.signIn('bob')).status).toBe(302)
    const first = await (await bob.request(url)).json()
    expect(first).toEqual({ available: true, email: 'bob@example.com', ...NONE, locale: null })
    const put = await bob.request(url, {
      method: 'PUT',
      headers: { origin: APP_URL, 'content-type': 'application/json' },
      body: JSON.stringify({ viewed: false, failedViews: true, ended: true }),
    })
    expect(await put.json()).toMatchObject({ viewed: false, failedViews: true, ended: true })
    expect(await (await bob.request(url)).json()).toMatchObject({ failedViews: true, ended: true })
  })

  it('refuse a bad body, a foreign origin, an API token and nobody', async () => {
    const send = (body: unknown, headers: Record<string, string> = {}) =>
      alice.request(url, {
        method: 'PUT',
        headers: { origin: APP_URL, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    for (const bad of [{ viewed: true }, { ...ALL, viewed: 'yes' }, { ...ALL, extra: true }, []]) {
      const res = await send(bad)
      expect(res.status).toBe(400)
      expect((await res.json()).error).toBe('invalid_input')
    }
    const foreign = await send(ALL, { origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect((await foreign.json()).error).toBe('foreign_origin')

    const made = await alice.request(`${APP_URL}/api/me/tokens`, {
      method: 'POST',
      headers: { origin: APP_URL, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'script' }),
    })
    const { token } = (await made.json()) as { token: string }
    const script = new TestBrowser(hushlink.app)
    const bearer = { authorization: `Bearer ${token}` }
    expect((await script.request(url, { headers: bearer })).status).toBe(200)
    const byToken = await script.request(url, {
      method: 'PUT',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify(NONE),
    })
    expect(byToken.status).toBe(403)
    expect((await byToken.json()).error).toBe('session_required')

    const nobody = new TestBrowser(hushlink.app)
    expect((await nobody.request(url)).status).toBe(401)
  })
})
