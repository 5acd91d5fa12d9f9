// axe-core on the states issue 18 added to the result and recipient pages, light and dark:
// passphrase reminder and sharing, the leave dialog, the instance note opened, "already shown",
// dead ends with their way forward, a link push and a Wi-Fi QR code.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectAccessibleInBothThemes, pushThroughForm, pushKindThroughForm } from './ux-helpers'

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ colorScheme: 'light' })
  // As a server with HUSHLINK_INSTANCE_NAME answers.
  await context.route('**/api/config', async (route) => {
    const response = await route.fetch()
    await route.fulfill({ response, json: { ...(await response.json()), instanceName: 'Acme IT' } })
  })
  return context.newPage()
}

// Several pages and axe runs each, on a shared two-core machine.
test.describe.configure({ timeout: 150_000 })

test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()))
})

test('result page: passphrase reminder, sharing, leave dialog', async ({ browser }) => {
  const page = await newPage(browser)
  await page.goto('/')
  await page.getByTestId('secret-input').fill('shared')
  await page.locator('details.options summary').click()
  await page.getByTestId('create-passphrase-input').fill('separately')
  await page.getByTestId('create-passphrase-confirm').fill('separately')
  await page.getByTestId('push-button').click()
  await expect(page.getByTestId('passphrase-reminder')).toBeVisible()
  await expect(page.getByTestId('mailto-link')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'result with reminder and sharing')
  await page.getByTestId('nav-dashboard').click()
  await expect(page.getByTestId('leave-dialog')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'leave dialog')
})

test('recipient: instance note, already shown, ended, dead ends', async ({ browser }) => {
  const sender = await newPage(browser)
  const push = await pushThroughForm(sender, { secret: 'once', views: 1 })
  const page = await newPage(browser)
  await page.goto(push.link)
  await expect(page.getByTestId('instance-name')).toBeVisible()
  await page.getByText('What is this?').click()
  await expect(page.getByTestId('what-is-this')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'recipient ready with the instance note open')
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('already-opened-page')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'already shown')
  await page.goto(push.link)
  await expect(page.getByTestId('ended-page')).toBeVisible()
  await expect(page.getByTestId('send-your-own')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'ended with a way forward')
  const broken = await newPage(browser)
  await broken.goto('/p/AAAAAAAAAAAAAAAAAAAAAA#truncated')
  await expect(broken.getByTestId('wrong-link-page')).toBeVisible()
  await expectAccessibleInBothThemes(broken, 'broken link with a way forward')
})

test('recipient: a link push and a Wi-Fi QR code', async ({ browser }) => {
  const sender = await newPage(browser)
  const url = await pushKindThroughForm(sender, 'url', 'https://example.org/once')
  const wifi = await pushKindThroughForm(sender, 'qr', 'WIFI:T:WPA;S:Home;P:correct horse;;')
  const page = await newPage(browser)
  await page.goto(url)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-url')).toBeVisible()
  await expectAccessibleInBothThemes(page, 'link push revealed')
  const qr = await newPage(browser)
  await qr.goto(wifi)
  await qr.getByTestId('reveal-button').click()
  await expect(qr.getByTestId('secret-qr')).toBeVisible()
  await expectAccessibleInBothThemes(qr, 'Wi-Fi QR revealed')
  await qr.getByTestId('show-secret').click()
  await expectAccessibleInBothThemes(qr, 'Wi-Fi QR with the password shown')
})
