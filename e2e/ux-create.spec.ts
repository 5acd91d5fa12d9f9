// The sender's side: the generator, option toggles, the size check, and the result page.
import { expect, test } from '@playwright/test'
import { pressPush, pushThroughForm } from './ux-helpers'

test('the generator fills the secret with characters or words', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('generator').locator('summary').click()
  await page.getByTestId('generator-length').fill('32')
  await page.getByTestId('generator-symbols').uncheck()
  await page.getByTestId('generate-button').click()
  const secret = page.getByTestId('secret-input')
  await expect(secret).toHaveValue(/^[A-Za-z0-9]{32}$/)
  await expect(page.getByTestId('generator-status')).toContainText('bits of randomness')
  const first = await secret.inputValue()
  await page.getByTestId('generate-button').click()
  await expect(secret).not.toHaveValue(first)

  for (const name of ['lowercase', 'uppercase', 'digits'])
    await page.getByTestId(`generator-${name}`).uncheck()
  await page.getByTestId('generate-button').click()
  await expect(page.getByTestId('generator-status')).toHaveText(
    'Choose at least one kind of character.',
  )

  await page.getByTestId('generator-mode-words').check()
  await page.getByTestId('generator-word-count').fill('5')
  await page.getByTestId('generator-separator').selectOption('.')
  await page.getByTestId('generate-button').click()
  await expect(secret).toHaveValue(/^[a-z]{3,8}(\.[a-z]{3,8}){4}$/)
  await expect(page.getByTestId('generator-status')).toContainText('about 55 bits')
})

test('the toggles reach the API: retrieval step and recipient delete, on by default', async ({
  page,
}) => {
  const defaults = await pushThroughForm(page, { secret: 'defaults' })
  expect(defaults.sent).toMatchObject({ retrievalStep: true, deletableByViewer: true })
  await page.getByTestId('push-another').click()
  await expect(page.getByTestId('secret-input')).toBeFocused()
  const off = await pushThroughForm(page, {
    secret: 'no-step',
    retrievalStep: false,
    deletableByViewer: false,
  })
  expect(off.sent).toMatchObject({ retrievalStep: false, deletableByViewer: false })
})

test('a secret too large for the server is stopped before anything is uploaded', async ({
  page,
  request,
}) => {
  const config = await (await request.get('/api/config')).json()
  const max: number = config.limits.maxTextCiphertextBytes
  let posted = false
  page.on('request', (r) => {
    if (r.url().endsWith('/api/pushes') && r.method() === 'POST') posted = true
  })
  await page.goto('/')
  await page.getByTestId('secret-input').fill('x'.repeat(max))
  await expect(page.getByTestId('secret-input-error')).toContainText('too large')
  await expect(page.getByTestId('secret-input')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('push-button')).toHaveAttribute('aria-disabled', 'true')
  await pressPush(page)
  await expect(page.getByText(/too large/)).toHaveCount(1)
  expect(posted).toBe(false)
  // Padding rounds large secrets up by up to 1/16, so 90 % of the limit still fits.
  await page.getByTestId('secret-input').fill('x'.repeat(Math.floor(max * 0.9)))
  await expect(page.getByTestId('secret-input-error')).toHaveCount(0)
  await page.getByTestId('push-button').click()
  await expect(page.getByTestId('result-link')).toBeVisible()
})

test('the result page: link, QR code, summary, label and remember-link feed the dashboard', async ({
  page,
}) => {
  const push = await pushThroughForm(page, { secret: 'result-page', views: 2 })
  await expect(page.getByTestId('result-link')).toBeFocused()
  await expect(page.getByTestId('expiry-summary')).toHaveText(
    'Expires after 2 views or 7 days, whichever comes first.',
  )
  await expect(page.getByTestId('link-qr')).toBeVisible()

  const stored = () =>
    page.evaluate(() => JSON.parse(localStorage.getItem('hushlink.dashboard') ?? '[]'))
  let [entry] = await stored()
  expect(entry).toMatchObject({
    id: push.id,
    ownerToken: push.ownerToken,
    label: '',
    kind: 'text',
    expireAfterViews: 2,
  })
  expect(entry.link).toBeUndefined()
  expect(JSON.stringify(await stored())).not.toContain(new URL(push.link).hash.slice(1))

  await page.getByTestId('push-label').fill('Router admin')
  await page.getByTestId('remember-link').check()
  ;[entry] = await stored()
  expect(entry).toMatchObject({ label: 'Router admin', link: push.link })
  await page.getByTestId('remember-link').uncheck()
  ;[entry] = await stored()
  expect(entry.link).toBeUndefined()
  await page.getByTestId('open-dashboard').click()
  await expect(page.getByTestId('push-card')).toContainText('Router admin')
})

test('the theme choice persists and applies before the page renders', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('theme-select').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.goto('/dashboard')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(background).toBe('rgb(15, 17, 21)')
  await page.getByTestId('theme-select').selectOption('system')
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./)
})

test('the passphrase: shown on demand, typed twice while masked, a mismatch blocks the push', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByTestId('secret-input').fill('with a passphrase')
  await page.locator('details.options summary').click()
  const field = page.getByTestId('create-passphrase-input')
  const toggle = page.getByTestId('passphrase-visibility')
  await expect(field).toHaveAttribute('type', 'password')
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(toggle).toHaveAccessibleName('Show the passphrase')

  await field.fill('correct horse')
  const confirm = page.getByTestId('create-passphrase-confirm')
  await confirm.fill('correct hose')
  await confirm.blur()
  await expect(confirm).toHaveAttribute('aria-invalid', 'true')
  await expect(confirm).toHaveAttribute('aria-describedby', 'passphrase-error')
  await expect(page.getByTestId('passphrase-error')).toHaveText(
    'The two passphrases differ. Type the same one twice, or show it to check it.',
  )
  await expect(page.getByTestId('push-button')).toHaveAttribute('aria-disabled', 'true')
  await pressPush(page)
  await expect(confirm).toBeFocused()

  // Shown in clear (by keyboard), the sender reads it: no second typing is asked.
  await toggle.focus()
  await page.keyboard.press('Space')
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(field).toHaveAttribute('type', 'text')
  await expect(confirm).toHaveCount(0)
  await expect(page.getByTestId('passphrase-error')).toHaveCount(0)
  await page.getByTestId('passphrase-visibility').click()
  await page.getByTestId('create-passphrase-confirm').fill('correct horse')
  await expect(page.getByTestId('push-button')).not.toHaveAttribute('aria-disabled', 'true')
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/pushes') && r.request().method() === 'POST'),
    page.getByTestId('push-button').click(),
  ])
  expect(response.status()).toBe(201)
  expect(response.request().postDataJSON().passphrase).not.toBeNull()
})

test('a QR push from the Wi-Fi form: name, security, password, hidden; free text on demand', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/')
  await page.getByTestId('kind-tab-qr').click()
  await expect(page.getByTestId('qr-mode-wifi')).toBeChecked()
  await expect(page.getByTestId('secret-input')).toHaveCount(0)
  // Nothing typed yet: pressing push marks the network name and goes there.
  await pressPush(page)
  await expect(page.getByTestId('wifi-ssid')).toBeFocused()
  await expect(page.getByTestId('wifi-ssid')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('wifi-password')).toHaveAttribute('aria-invalid', 'true')

  await page.getByTestId('wifi-ssid').fill('CafeGuest')
  await page.getByTestId('wifi-security').selectOption('nopass')
  await expect(page.getByTestId('wifi-password')).toHaveCount(0)
  await page.getByTestId('wifi-security').selectOption('WPA')
  await page.getByTestId('wifi-password').fill('espresso; please')
  await page.getByTestId('wifi-hidden').check()
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  // Copied, as a sender does: the result page then lets "push another" go without asking.
  await page.getByTestId('result-link').press('Control+c')

  const view = await context.newPage()
  await view.goto(link)
  await view.getByTestId('reveal-button').click()
  await expect(view.getByTestId('secret-qr')).toBeVisible()
  await expect(view.locator('main')).toContainText('CafeGuest')
  await expect(view.getByTestId('secret-output')).toHaveText('espresso; please')

  // Anything else is still typed as text.
  await page.getByTestId('push-another').click()
  await page.getByTestId('kind-tab-qr').click()
  await page.getByTestId('qr-mode-text').check()
  await expect(page.getByTestId('wifi-fields')).toHaveCount(0)
  await expect(page.getByTestId('secret-input')).toBeVisible()
  await context.close()
})

test('expiry in minutes, hours or days, within the server limits', async ({ page, request }) => {
  const { limits } = await (await request.get('/api/config')).json()
  await page.goto('/')
  await page.getByTestId('secret-input').fill('half an hour')
  await page.getByTestId('expiry-select').selectOption('custom')
  await expect(page.getByTestId('expiry-unit')).toHaveValue('days')
  await expect(page.getByText('From 1 minute to 90 days')).toBeVisible()
  const amount = page.getByTestId('expiry-amount')
  await amount.fill('91')
  await amount.blur()
  await expect(amount).toHaveAttribute('aria-invalid', 'true')
  await expect(amount).toHaveAttribute('aria-describedby', 'expiry-custom-hint expiry-error')
  await expect(page.getByTestId('expiry-error')).toHaveText(
    'Choose an expiry between 1 minute and 90 days.',
  )
  await page.getByTestId('expiry-unit').selectOption('minutes')
  await amount.fill('30')
  await expect(page.getByTestId('expiry-error')).toHaveCount(0)
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/pushes') && r.request().method() === 'POST'),
    page.getByTestId('push-button').click(),
  ])
  expect(response.request().postDataJSON().expireAfterSeconds).toBe(1800)
  expect(limits.minSeconds).toBeLessThanOrEqual(1800)
  await expect(page.getByTestId('expiry-summary')).toContainText('30 minutes')
})

test('the push button says why it is unavailable, and pressing it marks the fields', async ({
  page,
}) => {
  await page.goto('/')
  const button = page.getByTestId('push-button')
  await expect(button).toHaveAttribute('aria-disabled', 'true')
  // Focusable all the same, with its reason read along with it.
  await expect(button).toHaveAccessibleDescription('Type the secret you want to send.')
  await page.getByTestId('views-input').fill('0')
  await page.getByTestId('views-input').blur()
  await expect(page.getByTestId('views-input')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('views-error')).toHaveText('Choose between 1 and 100 views.')
  await expect(button).toHaveAccessibleDescription('Correct the marked fields above to push.')
  await pressPush(page)
  const secret = page.getByTestId('secret-input')
  await expect(secret).toBeFocused()
  await expect(secret).toHaveAttribute('aria-invalid', 'true')
  await expect(secret).toHaveAccessibleDescription(/Type the secret you want to send\.$/)
  await expect(page.getByTestId('push-error')).toHaveCount(0)
  await secret.fill('now valid')
  await page.getByTestId('views-input').fill('3')
  await expect(button).not.toHaveAttribute('aria-disabled', 'true')
  await expect(page.getByTestId('push-blocked')).toHaveCount(0)
})
