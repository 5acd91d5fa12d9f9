// The admin page in a browser, on a Hushlink server of its own with sign-in and an admin
// (HUSHLINK_ADMIN_EMAILS): the nav shows it only to the admin, it is axe-clean in the light and
// the dark theme, a takedown goes through its confirmation into the admin log, and screenshots
// (desktop, phone, Arabic) land in test-results for a person to look at.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test'
import { createApiClient } from '../src/lib/api/client'
import { openLink, pushSealed } from '../src/lib/api/push-flow'
import { TEST_USERS, startTestProvider, type TestProvider } from '../server/testing/oidc-provider'
import { expectNoViolations, signInAs } from './ux-helpers'

const PROVIDER_PORT = Number(process.env.E2E_OIDC_PROVIDER_PORT ?? 5260)
const APP_PORT = Number(process.env.E2E_OIDC_APP_PORT ?? 5261)
const APP = `http://127.0.0.1:${APP_PORT}`

let provider: TestProvider
let server: ChildProcess
let dataDir: string

test.beforeAll(async () => {
  provider = await startTestProvider({
    port: PROVIDER_PORT,
    redirectUris: [`${APP}/auth/callback`],
    users: TEST_USERS,
  })
  dataDir = mkdtempSync(join(tmpdir(), 'hushlink-e2e-admin-'))
  server = spawn('node', ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: String(APP_PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dataDir, 'hushlink.db')}`,
      HUSHLINK_OIDC_ISSUER: provider.issuer,
      HUSHLINK_OIDC_CLIENT_ID: provider.clientId,
      HUSHLINK_OIDC_CLIENT_SECRET: provider.clientSecret,
      HUSHLINK_PUBLIC_URL: APP,
      HUSHLINK_ADMIN_EMAILS: TEST_USERS.alice.email,
      HUSHLINK_RATE_LIMIT: 'off',
    },
    stdio: 'ignore',
  })
  await expect
    .poll(
      () =>
        fetch(`${APP}/api/health`).then(
          (r) => r.ok,
          () => false,
        ),
      { timeout: 30_000 },
    )
    .toBe(true)
})

test.afterAll(async () => {
  server?.kill('SIGTERM')
  await provider?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A push made over the API, and a few failed views of it, so the page has something to show. */
async function pushWithFailures(failures: number) {
  const api = createApiClient(APP)
  const made = await pushSealed(api, { v: 1, kind: 'text', text: 'reported as abuse' })
  if (!made.ok) throw new Error(`create failed: ${made.status}`)
  for (let i = 0; i < failures; i++) await api.getPush(made.data.id, 'A'.repeat(43))
  return { api, id: made.data.id, link: await openLink(made.data.id, made.data.secret) }
}

async function signedIn(browser: Browser, login: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  await page.goto(`${APP}/`)
  await signInAs(page, login)
  return page
}

async function openAdmin(page: Page) {
  await page.goto(`${APP}/admin`)
  await expect(page.getByTestId('admin-counts')).toBeVisible()
  await expect(page.getByTestId('admin-log')).toBeVisible()
}

test('an admin sees the admin page, takes a push down, and finds it in the admin log', async ({
  browser,
}, testInfo) => {
  test.slow() // sign-in, axe in three looks and four full-page screenshots, on a busy machine
  const { api, id, link } = await pushWithFailures(3)
  const page = await signedIn(browser, 'alice', { colorScheme: 'light' })
  await page.getByTestId('nav-admin').click()
  await expect(page).toHaveURL(`${APP}/admin`)
  await expect(page.getByTestId('admin-counts')).toBeVisible()
  await expect(
    page.getByTestId('admin-kinds').locator('[data-kind="text"] [data-testid="active"]'),
  ).not.toHaveText('0')
  await expect(page.getByTestId('admin-failures-chart')).toBeVisible()
  await expect(page.getByTestId('admin-addresses')).toContainText('127.0.0.1')
  await page.getByTestId('admin-settings').locator('summary').first().click()
  await expect(page.getByTestId('admin-environment')).toContainText('[redacted]')
  await expect(page.locator('body')).not.toContainText(provider.clientSecret)
  await expectNoViolations(page, 'admin page, light')
  await page.screenshot({ path: testInfo.outputPath('admin-light-desktop.png'), fullPage: true })

  await page.getByTestId('admin-push-id').fill('not an id')
  await page.getByTestId('admin-takedown-submit').click()
  await expect(page.getByTestId('admin-push-id')).toHaveAttribute('aria-invalid', 'true')
  // A pasted link works as well as its id.
  await page.getByTestId('admin-push-id').fill(`${APP}/p/${id}#secret-part`)
  await page.getByTestId('admin-takedown-submit').click()
  await expect(page.getByTestId('admin-takedown-confirm')).toBeVisible()
  await expectNoViolations(page, 'takedown confirmation, light')
  await page.getByTestId('admin-takedown-confirm-confirm').click()
  await expect(page.getByTestId('admin-takedown-outcome')).toContainText(id)
  const entry = page.getByTestId('admin-log-entry').first()
  await expect(entry).toContainText(id)
  await expect(entry).toContainText(TEST_USERS.alice.email)
  await expect(page.getByTestId('admin-reasons').locator('[data-reason="admin"] td')).toHaveText(
    '1',
  )
  // The recipient now learns that the operator took it down.
  const gone = await api.getPush(id, link.linkToken)
  expect(!gone.ok && [gone.status, gone.error.reason]).toEqual([410, 'admin'])

  const dark = await signedIn(browser, 'alice', { colorScheme: 'dark' })
  await openAdmin(dark)
  await expectNoViolations(dark, 'admin page, dark')
  await dark.screenshot({ path: testInfo.outputPath('admin-dark-desktop.png'), fullPage: true })

  const phone = await signedIn(browser, 'alice', {
    colorScheme: 'dark',
    viewport: { width: 390, height: 844 },
  })
  await openAdmin(phone)
  await phone.screenshot({ path: testInfo.outputPath('admin-dark-phone.png'), fullPage: true })

  const arabic = await signedIn(browser, 'alice', {
    colorScheme: 'light',
    viewport: { width: 390, height: 844 },
  })
  await arabic.evaluate(() => localStorage.setItem('hushlink.locale', 'ar'))
  await openAdmin(arabic)
  await expect(arabic.locator('html')).toHaveAttribute('dir', 'rtl')
  await expectNoViolations(arabic, 'admin page, Arabic')
  await arabic.screenshot({ path: testInfo.outputPath('admin-ar-phone.png'), fullPage: true })
})

test('a signed-in non-admin gets no admin link and is told the page is not theirs', async ({
  browser,
}) => {
  const page = await signedIn(browser, 'bob')
  await expect(page.getByTestId('nav-dashboard')).toBeVisible()
  await expect(page.getByTestId('nav-admin')).toHaveCount(0)
  await page.goto(`${APP}/admin`)
  await expect(page.getByTestId('admin-problem')).toBeVisible()
  await expect(page.getByTestId('admin-counts')).toHaveCount(0)
})
