// axe-core on every page a person meets, in the light and the dark theme: zero violations.
// The same walk also proves these pages run under the strict CSP without a single report.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectNoViolations, pressPush, pushThroughForm } from './ux-helpers'

let cspReports: string[] = []
test.beforeEach(() => {
  cspReports = []
})
test.afterEach(() => {
  expect(cspReports).toEqual([])
})

async function newPage(browser: Browser, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ colorScheme })
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspReports.push(message.text())
  })
  return context.newPage()
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test('create and result pages', async ({ browser }) => {
      test.slow() // many states, each checked by axe on a shared, busy machine
      const page = await newPage(browser, colorScheme)
      await page.goto('/')
      await expect(page.getByTestId('push-button')).toBeVisible()
      await expectNoViolations(page, 'create')
      // Every disclosure open, a generated secret and an error on screen.
      await page.locator('details.options summary').click()
      await page.getByTestId('generator').locator('summary').click()
      await page.getByTestId('generate-button').click()
      await page.getByTestId('views-input').fill('0')
      await pressPush(page)
      await expect(page.getByTestId('views-error')).toBeVisible()
      await expectNoViolations(page, 'create, expanded with an error')
      await page.getByTestId('generator-mode-words').check()
      await expectNoViolations(page, 'create, word generator')
      await page.getByTestId('create-passphrase-input').fill('one')
      await page.getByTestId('create-passphrase-confirm').fill('two')
      await page.getByTestId('create-passphrase-confirm').blur()
      await expect(page.getByTestId('passphrase-error')).toBeVisible()
      await expectNoViolations(page, 'create, passphrase mismatch')
      await page.getByTestId('passphrase-visibility').click()
      await expectNoViolations(page, 'create, passphrase shown')
      await page.getByTestId('expiry-select').selectOption('custom')
      await page.getByTestId('expiry-amount').fill('0')
      await expectNoViolations(page, 'create, custom expiry out of bounds')
      await page.getByTestId('expiry-select').selectOption(String(7 * 86_400))
      await page.getByTestId('kind-tab-qr').click()
      await pressPush(page)
      await expect(page.getByTestId('wifi-ssid')).toHaveAttribute('aria-invalid', 'true')
      await expectNoViolations(page, 'create, Wi-Fi form with errors')
      await page.getByTestId('kind-tab-text').click()

      await page.getByTestId('views-input').fill('2')
      await page.getByTestId('push-button').click()
      await expect(page.getByTestId('result-link')).toBeVisible()
      await expectNoViolations(page, 'result')
      await page.context().close()
    })

    test('recipient pages: ready, revealed, asking to delete, ended', async ({ browser }) => {
      const sender = await newPage(browser, colorScheme)
      const push = await pushThroughForm(sender, { secret: 'accessible secret', passphrase: 'pw' })
      const page = await newPage(browser, colorScheme)
      await page.goto(push.link)
      await expect(page.getByTestId('reveal-button')).toBeVisible()
      await expectNoViolations(page, 'recipient ready')
      await page.getByTestId('passphrase-input').fill('wrong')
      await page.getByTestId('reveal-button').click()
      await expect(page.getByTestId('reveal-error')).toBeVisible()
      await expectNoViolations(page, 'recipient wrong passphrase')
      await page.getByTestId('passphrase-input').fill('pw')
      await page.getByTestId('reveal-button').click()
      await expect(page.getByTestId('secret-output')).toBeVisible()
      await expectNoViolations(page, 'recipient revealed (hidden)')
      await page.getByTestId('show-secret').click()
      await expectNoViolations(page, 'recipient revealed (shown)')
      await page.getByTestId('burn-button').click()
      await expect(page.getByTestId('burn-dialog')).toBeVisible()
      await expectNoViolations(page, 'recipient delete dialog')
      await page.getByTestId('burn-dialog-confirm').click()
      await expect(page.getByTestId('views-remaining')).toContainText('deleted')
      const again = await page.context().newPage()
      await again.goto(push.link)
      await expect(again.getByTestId('ended-page')).toBeVisible()
      await expectNoViolations(again, 'recipient ended')
      await sender.context().close()
      await page.context().close()
    })

    test('dashboard and audit pages', async ({ browser }) => {
      test.slow() // many states, each checked by axe on a shared, busy machine
      const page = await newPage(browser, colorScheme)
      const push = await pushThroughForm(page, {
        secret: 'audited',
        label: 'Audited',
        rememberLink: true,
      })
      const other = await newPage(browser, colorScheme)
      await other.goto(push.link)
      await other.getByTestId('reveal-button').click()
      await expect(other.getByTestId('secret-output')).toBeVisible()

      await page.goto('/request')
      await page.getByTestId('request-label').fill('A kept request')
      await page.getByTestId('request-keep').check()
      await page.getByTestId('request-create').click()
      await expect(page.getByTestId('request-public-link')).toBeVisible()

      await page.goto('/dashboard')
      await expect(page.getByTestId('views-left')).toBeVisible()
      await expect(page.getByTestId('request-card')).toBeVisible()
      await expectNoViolations(page, 'dashboard')
      await page.getByTestId('label-edit').first().click()
      await expectNoViolations(page, 'dashboard, editing a label')
      await page.keyboard.press('Escape')
      await page.setViewportSize({ width: 360, height: 740 })
      await page.getByTestId('nav-menu-button').click()
      await expect(page.getByTestId('site-menu')).toBeVisible()
      await expectNoViolations(page, 'phone menu open')
      await page.keyboard.press('Escape')
      await page.setViewportSize({ width: 1280, height: 720 })
      await page.getByTestId('delete-button').click()
      await expectNoViolations(page, 'dashboard delete dialog')
      await page.getByTestId('delete-dialog-confirm').click()
      await page.getByTestId('dashboard-tab-ended').click()
      await expect(page.getByTestId('dashboard-panel-ended').getByTestId('push-card')).toBeVisible()
      await expectNoViolations(page, 'dashboard ended tab')

      await page.getByTestId('audit-link').click()
      await expect(page.getByTestId('audit-table')).toBeVisible()
      // A parsed user agent, with its raw string open (checked for contrast too).
      await page.getByTestId('user-agent').first().locator('summary').click()
      await expect(page.getByTestId('user-agent-raw').first()).toBeVisible()
      await expectNoViolations(page, 'audit')
      await page.setViewportSize({ width: 360, height: 740 })
      await expectNoViolations(page, 'audit on a phone')
      await page.context().close()
      await other.context().close()
    })
  })
}
