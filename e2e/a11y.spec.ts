// axe-core on every page a person meets, in the light and the dark theme: zero violations (one walk
// through each flow; the dark pass checks the colours, all a theme changes).
// The same walk also proves these pages run under the strict CSP without a single report.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectAccessibleInBothThemes, pressPush, pushThroughForm } from './ux-helpers'

let cspReports: string[] = []
test.beforeEach(() => {
  cspReports = []
})
test.afterEach(() => {
  expect(cspReports).toEqual([])
})

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ colorScheme: 'light' })
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspReports.push(message.text())
  })
  return context.newPage()
}

test('create and result pages', async ({ browser }) => {
  test.slow() // many states, each checked by axe on a shared, busy machine
  const page = await newPage(browser)
  await page.goto('/')
  await expect(page.getByTestId('push-button')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'create')
  // Every disclosure open, a generated secret and an error on screen.
  await page.locator('details.options summary').click()
  await page.getByTestId('generator').locator('summary').click()
  await page.getByTestId('generate-button').click()
  await page.getByTestId('views-input').fill('0')
  await pressPush(page)
  await expect(page.getByTestId('views-error')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'create, expanded with an error')
  await page.getByTestId('generator-mode-words').check()
  await expectAccessibleInBothThemes(page, 'create, word generator')
  await page.getByTestId('create-passphrase-input').fill('one')
  await page.getByTestId('create-passphrase-confirm').fill('two')
  await page.getByTestId('create-passphrase-confirm').blur()
  await expect(page.getByTestId('passphrase-error')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'create, passphrase mismatch')
  await page.getByTestId('passphrase-visibility').click()
  await expectAccessibleInBothThemes(page, 'create, passphrase shown')
  await page.getByTestId('expiry-select').selectOption('custom')
  await page.getByTestId('expiry-amount').fill('0')
  await expectAccessibleInBothThemes(page, 'create, custom expiry out of bounds')
  await page.getByTestId('expiry-select').selectOption(String(7 * 86_400))
  await page.getByTestId('kind-tab-qr').click()
  await pressPush(page)
  await expect(page.getByTestId('wifi-ssid')).toHaveAttribute('aria-invalid', 'true')
  await expectAccessibleInBothThemes(page, 'create, Wi-Fi form with errors')
  await page.getByTestId('kind-tab-text').click()

  await page.getByTestId('views-input').fill('2')
  await page.getByTestId('push-button').click()
  await expect(page.getByTestId('result-link')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'result')
  await page.context().close()
})

test('recipient pages: ready, revealed, asking to delete, ended', async ({ browser }) => {
  test.slow() // both themes at every state, on a shared, busy machine
  const sender = await newPage(browser)
  const push = await pushThroughForm(sender, { secret: 'accessible secret', passphrase: 'pw' })
  const page = await newPage(browser)
  await page.goto(push.link)
  await expect(page.getByTestId('reveal-button')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'recipient ready')
  await page.getByTestId('passphrase-input').fill('wrong')
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('reveal-error')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'recipient wrong passphrase')
  await page.getByTestId('passphrase-input').fill('pw')
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'recipient revealed (hidden)')
  await page.getByTestId('show-secret').click()
  await expectAccessibleInBothThemes(page, 'recipient revealed (shown)')
  await page.getByTestId('burn-button').click()
  await expect(page.getByTestId('burn-dialog')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'recipient delete dialog')
  await page.getByTestId('burn-dialog-confirm').click()
  await expect(page.getByTestId('views-remaining')).toContainText('deleted')
  const again = await page.context().newPage()
  await again.goto(push.link)
  await expect(again.getByTestId('ended-page')).toBeVisible()
  await expectAccessibleInBothThemes(again, 'recipient ended')
  await sender.context().close()
  await page.context().close()
})

test('dashboard and audit pages', async ({ browser }) => {
  test.slow() // many states, each checked by axe on a shared, busy machine
  const page = await newPage(browser)
  const push = await pushThroughForm(page, {
    secret: 'audited',
    label: 'Audited',
    rememberLink: true,
  })
  const other = await newPage(browser)
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
  await expectAccessibleInBothThemes(page, 'dashboard')
  await page.getByTestId('label-edit').first().click()
  await expectAccessibleInBothThemes(page, 'dashboard, editing a label')
  await page.keyboard.press('Escape')
  await page.setViewportSize({ width: 360, height: 740 })
  await page.getByTestId('nav-menu-button').click()
  await expect(page.getByTestId('site-menu')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'phone menu open')
  await page.keyboard.press('Escape')
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.getByTestId('delete-button').click()
  await expectAccessibleInBothThemes(page, 'dashboard delete dialog')
  await page.getByTestId('delete-dialog-confirm').click()
  await page.getByTestId('dashboard-tab-ended').click()
  await expect(page.getByTestId('dashboard-panel-ended').getByTestId('push-card')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'dashboard ended tab')

  await page.getByTestId('audit-link').click()
  await expect(page.getByTestId('audit-table')).toBeVisible()
  // A parsed user agent, with its raw string open (checked for contrast too).
  await page.getByTestId('user-agent').first().locator('summary').click()
  await expect(page.getByTestId('user-agent-raw').first()).toBeVisible()
  await expectAccessibleInBothThemes(page, 'audit')
  await page.setViewportSize({ width: 360, height: 740 })
  await expectAccessibleInBothThemes(page, 'audit on a phone')
  await page.context().close()
  await other.context().close()
})
