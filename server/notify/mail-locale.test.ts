// The language of notification e-mails end to end: saved with the mail settings (PUT
// /api/me/notifications), read back, and used when the outbox worker mails a real local SMTP
// server. Only a shipped locale is saved; a bad one changes nothing at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
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
  mailHeader,
  mailText,
  startSmtpReceiver,
  type SmtpReceiver,
} from '../testing/smtp-receiver'
import { pushText, revealText } from '../testing/test-support'
import { createNotifier } from './notifier'

const URL_ = `${APP_URL}/api/me/notifications`
const ALL = { viewed: true, failedViews: true, ended: true }

let provider: TestProvider
let smtp: SmtpReceiver
let hushlink: AuthTestApp

beforeAll(async () => {
  const users = ['dora', 'erin', 'fay', 'gus', 'hal'].map((name) => [
    name,
    { email: `${name}@example.com`, name, groups: [] },
  ])
  provider = await startProvider({ users: Object.fromEntries(users) })
  smtp = await startSmtpReceiver()
  hushlink = await startAuthApp(
    providerEnv(provider, { HUSHLINK_SMTP_URL: smtp.url, HUSHLINK_MAIL_FROM: 'h@mail.example' }),
  )
})
afterAll(async () => {
  await hushlink.close()
  await smtp.close()
  await provider.close()
})
beforeEach(() => {
  smtp.received.length = 0
})

async function signedIn(name: string): Promise<TestBrowser> {
  const browser = new TestBrowser(hushlink.app)
  expect((await browser.signIn(name)).status).toBe(302)
  return browser
}

const put = (browser: TestBrowser, body: unknown) =>
  browser.request(URL_, {
    method: 'PUT',
    headers: { origin: APP_URL, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
const settingsOf = async (browser: TestBrowser) => (await browser.request(URL_)).json()

/** Creates a push as `browser`'s user, opens it, and returns the one mail that tells of it. */
async function mailOfAView(browser: TestBrowser) {
  const api = createApiClient(APP_URL, browser.fetcher())
  const push = await pushText(api, 'correct horse battery staple', { expireAfterViews: 2 })
  expect((await revealText(api, push.link)).ok).toBe(true)
  const notifier = createNotifier(hushlink.deps)
  try {
    expect(await notifier.runOnce()).toBe(1)
  } finally {
    notifier.stop()
  }
  expect(smtp.received).toHaveLength(1)
  const { raw } = smtp.received[0]
  return { push, raw, subject: mailHeader(raw, 'subject'), text: mailText(raw) }
}

describe('the language of notification e-mails', () => {
  it('is German for a user who saved de: subject, facts and footer', async () => {
    const dora = await signedIn('dora')
    const saved = await put(dora, { ...ALL, locale: 'de' })
    expect(saved.status).toBe(200)
    expect(await saved.json()).toMatchObject({ ...ALL, locale: 'de' })
    expect(await settingsOf(dora)).toMatchObject({ locale: 'de' })

    const { push, raw, subject, text } = await mailOfAView(dora)
    expect(subject).toBe('Hushlink: Eines Ihrer Geheimnisse wurde geöffnet')
    expect(mailHeader(raw, 'content-language')).toBe('de')
    expect(text).toContain(`ID des Geheimnisses: ${push.id}`)
    expect(text).toContain('Art: Text')
    expect(text).toMatch(/Zeitpunkt: \d\d\.\d\d\.\d{4}, \d\d:\d\d:\d\d UTC/)
    expect(text).toContain(`Protokoll: ${APP_URL}/dashboard/${push.id}`)
    expect(text).toContain('Sie erhalten diese E-Mail, weil Sie gewählt haben')
    expect(text).toContain(`Ändern Sie das in Ihrer Übersicht: ${APP_URL}/dashboard`)
    expect(raw).not.toContain(push.link.linkToken)
  })

  it('is English when none is saved, and again once it is cleared with null', async () => {
    const erin = await signedIn('erin')
    expect(await (await put(erin, ALL)).json()).toMatchObject({ locale: null })
    expect((await mailOfAView(erin)).subject).toBe('Hushlink: One of your secrets was opened')

    await put(erin, { ...ALL, locale: 'ja' })
    expect(await (await put(erin, { ...ALL, ended: false })).json()).toMatchObject({
      ended: false,
      locale: 'ja', // absent: kept
    })
    expect(await (await put(erin, { ...ALL, locale: null })).json()).toMatchObject({ locale: null })
    smtp.received.length = 0
    expect((await mailOfAView(erin)).text).toContain('Secret ID: ')
  })

  it('follows a later save in another language (the app sends its language with each save)', async () => {
    const fay = await signedIn('fay')
    await put(fay, { ...ALL, locale: 'de' })
    await put(fay, { ...ALL, locale: 'ar' })
    const { subject, raw } = await mailOfAView(fay)
    expect(subject).toBe('Hushlink: فُتح أحد أسرارك')
    expect(raw).toMatch(/dir=3D"rtl"|dir="rtl"/)
  })

  it('refuses a locale that is not shipped, or not as spelled there, and changes nothing', async () => {
    const gus = await signedIn('gus')
    await put(gus, { viewed: true, failedViews: false, ended: false, locale: 'fr' })
    const before = await settingsOf(gus)
    for (const locale of [
      '../../package',
      'x'.repeat(10_000),
      'de-DE', // a shipped language, but not as spelled: the answer names the spelling
      'zz',
      '',
      42,
      ['de'],
    ]) {
      const res = await put(gus, { ...ALL, locale })
      expect(res.status, JSON.stringify(locale).slice(0, 20)).toBe(400)
      const body = (await res.json()) as { error: string; message: string }
      expect(body.error).toBe('invalid_input')
      expect(body.message).toMatch(/^locale: /)
      expect(body.message.length).toBeLessThan(400) // a hostile value is not echoed back
    }
    const deDE = await put(gus, { ...ALL, locale: 'de-DE' })
    expect((await deDE.json()).message).toContain('"de"')
    expect(await settingsOf(gus)).toEqual(before) // the events too
    expect(before).toMatchObject({ viewed: true, failedViews: false, locale: 'fr' })
  })

  it('is English for a stored value that is not a shipped locale (an older or edited row)', async () => {
    const hal = await signedIn('hal')
    await put(hal, ALL)
    await hushlink.database.client.execute({
      sql: "UPDATE users SET mail_locale = '../../package' WHERE email = ?",
      args: ['hal@example.com'],
    })
    expect(await settingsOf(hal)).toMatchObject({ locale: null })
    expect((await mailOfAView(hal)).subject).toBe('Hushlink: One of your secrets was opened')
  })
})
