// Sign-in in the browser against a real OpenID provider (oidc-provider and its own login and
// consent pages), on a second Hushlink server of its own with HUSHLINK_CREATE_POLICY=signed-in:
// the anonymous e2e server of playwright.config.ts is left as it is. A local SMTP server
// (smtp-server) receives the e-mail notifications.
import { expect, test, type Browser } from '@playwright/test'
import { TEST_USERS, startTestProvider, type TestProvider } from '../server/testing/oidc-provider'
import { mailHeader, startSmtpReceiver, type SmtpReceiver } from '../server/testing/smtp-receiver'
import { startOwnServer, type OwnServer } from './own-server'
import { chooseLanguage, expectNoViolations, pushThroughForm, signInAs } from './ux-helpers'

const PROVIDER_PORT = Number(process.env.E2E_OIDC_PROVIDER_PORT ?? 5260)
const APP_PORT = Number(process.env.E2E_OIDC_APP_PORT ?? 5261)
const APP = `http://127.0.0.1:${APP_PORT}`

let provider: TestProvider
let smtp: SmtpReceiver
let server: OwnServer | undefined

test.beforeAll(async () => {
  provider = await startTestProvider({
    port: PROVIDER_PORT,
    redirectUris: [`${APP}/auth/callback`],
    users: TEST_USERS,
  })
  smtp = await startSmtpReceiver()
  server = await startOwnServer({
    port: APP_PORT,
    env: () => ({
      HUSHLINK_OIDC_ISSUER: provider.issuer,
      HUSHLINK_OIDC_CLIENT_ID: provider.clientId,
      HUSHLINK_OIDC_CLIENT_SECRET: provider.clientSecret,
      HUSHLINK_PUBLIC_URL: APP,
      HUSHLINK_CREATE_POLICY: 'signed-in',
      HUSHLINK_OIDC_ALLOWED_DOMAINS: 'example.com',
      HUSHLINK_SMTP_URL: smtp.url,
      HUSHLINK_MAIL_FROM: 'Hushlink <hushlink@example.com>',
      HUSHLINK_WEBHOOK_POLL_MS: '100',
    }),
  })
})

test.afterAll(async () => {
  server?.stop()
  await provider?.close()
  await smtp?.close()
})

async function newPage(browser: Browser, path: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(APP + path)
  return page
}

test('a signed-in user creates a push that their other browser lists and deletes', async ({
  browser,
}) => {
  const laptop = await newPage(browser, '/')
  // Under the signed-in policy the form is replaced by a sign-in button.
  await expect(laptop.getByTestId('sign-in-to-create')).toBeVisible()
  await expect(laptop.getByTestId('secret-input')).toHaveCount(0)
  await signInAs(laptop, 'alice')
  await expect(laptop).toHaveURL(`${APP}/`)
  const push = await pushThroughForm(laptop, { secret: 'made while signed in' })

  // The owner's audit view names who created the push.
  await laptop.goto(`${APP}/dashboard`)
  await laptop.locator('[data-testid="audit-link"]').first().click()
  await expect(laptop.getByTestId('audit-created-by')).toHaveText(TEST_USERS.alice.email)
  await laptop.goto(`${APP}/`)

  // A recipient needs no account.
  const recipient = await newPage(browser, new URL(push.link).pathname + new URL(push.link).hash)
  await expect(recipient.getByTestId('sign-in')).toHaveCount(0)

  const phone = await newPage(browser, '/dashboard')
  await signInAs(phone, 'alice')
  await expect(phone).toHaveURL(`${APP}/dashboard`)
  const entry = phone.locator(`[data-push-id="${push.id}"]`)
  await expect(entry).toBeVisible()
  await expect(entry.getByTestId('account-push-status')).toHaveText('Active')
  await entry.getByRole('button').click()
  await expect(entry.getByTestId('account-push-status')).toHaveText('Ended')
  const audit = await phone.request.get(`${APP}/api/pushes/${push.id}/audit`)
  expect((await audit.json()).push.reason).toBe('owner')

  // Signing out ends the session: the form is a sign-in button again.
  await laptop.getByTestId('sign-out').click()
  await expect(laptop.getByTestId('sign-in')).toBeVisible()
  await expect(laptop.getByTestId('sign-in-to-create')).toBeVisible()
})

test('the request page asks to sign in too, then shows its form', async ({ browser }) => {
  const page = await newPage(browser, '/request')
  await expect(page.getByTestId('sign-in-to-create')).toBeVisible()
  await expect(page.getByTestId('request-form')).toHaveCount(0)
  await signInAs(page, 'alice')
  await expect(page).toHaveURL(`${APP}/request`)
  await expect(page.getByTestId('request-form')).toBeVisible()
  await expect(page.getByTestId('sign-in-to-create')).toHaveCount(0)

  // A request made here (its key not kept) shows on the user's dashboard in another browser.
  await page.getByTestId('request-label').fill('VPN password')
  await page.getByTestId('request-create').click()
  const inbox = await page.getByTestId('request-open-inbox').getAttribute('href')
  const requestId = new URL(inbox!, APP).pathname.split('/').pop()!
  const phone = await newPage(browser, '/dashboard')
  await signInAs(phone, 'alice')
  const entry = phone.locator(`[data-request-id="${requestId}"]`)
  await expect(entry).toBeVisible()
  await expect(entry.getByTestId('account-request-status')).toContainText('Open until')
  await expect(entry).toContainText('0 answers so far')
})

test('signed out, the dashboard lists no account requests', async ({ browser }) => {
  const page = await newPage(browser, '/dashboard')
  await expect(page.getByTestId('sign-in')).toBeVisible()
  await expect(page.getByTestId('account-pushes')).toHaveCount(0)
  await expect(page.getByTestId('account-request')).toHaveCount(0)
})

test('a user outside the allowed domain is refused with a page that says so', async ({
  browser,
}) => {
  const page = await newPage(browser, '/')
  await page.getByTestId('sign-in').click()
  await page.locator('input[name="login"]').fill('mallory')
  await page.locator('input[name="password"]').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('heading')).toHaveText('This account may not sign in here')
  await expect(page.locator('main')).toContainText('mallory@elsewhere.test')
  await page.getByRole('link', { name: 'Back to Hushlink' }).click()
  await expect(page.getByTestId('sign-in-to-create')).toBeVisible()
})

test('a user turns on e-mail for views on the dashboard, and a view mails them', async ({
  browser,
}) => {
  const page = await newPage(browser, '/dashboard')
  await signInAs(page, 'bob')
  const settings = page.getByTestId('mail-settings')
  await expect(settings).toContainText(TEST_USERS.bob.email)
  const viewed = settings.getByRole('checkbox', { name: 'When one of my secrets is opened' })
  await expect(viewed).not.toBeChecked()
  await viewed.check()
  await expect(settings.getByRole('status')).toHaveText('Saved.')
  await page.reload()
  await expect(viewed).toBeChecked()
  await expect(settings.getByRole('checkbox', { name: /fails to open/ })).not.toBeChecked()
  await expectNoViolations(page, 'dashboard with e-mail settings')

  await page.goto(`${APP}/`)
  const push = await pushThroughForm(page, { secret: 'mailed when opened', label: 'Bank PIN' })
  const recipient = await newPage(browser, new URL(push.link).pathname + new URL(push.link).hash)
  await recipient.getByTestId('reveal-button').click()
  await expect(recipient.getByText('mailed when opened')).toBeVisible()
  await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1)
  const [mail] = smtp.received
  expect(mail.to).toEqual([TEST_USERS.bob.email])
  expect(mail.raw).toContain(push.id)
  expect(mail.raw).not.toContain('mailed when opened')
  expect(mail.raw).not.toContain('Bank PIN')
  expect(mail.raw).not.toContain(new URL(push.link).hash.slice(1))
  // In the language the dashboard showed when the choice was saved; the next save after a
  // switch of language carries the new one (the switch itself sends nothing).
  expect(mailHeader(mail.raw, 'subject')).toBe('Hushlink: One of your secrets was opened')
  await page.goto(`${APP}/dashboard`)
  await chooseLanguage(page, 'de')
  const mailSettings = () => page.request.get(`${APP}/api/me/notifications`)
  expect(await (await mailSettings()).json()).toMatchObject({ locale: 'en' })
  await page.getByTestId('mail-failed').check()
  await expect(settings.getByRole('status')).not.toBeEmpty()
  expect(await (await mailSettings()).json()).toMatchObject({
    viewed: true,
    failedViews: true,
    locale: 'de',
  })
})
