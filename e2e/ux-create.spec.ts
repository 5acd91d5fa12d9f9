// The sender's side: the generator, option toggles, the size check, and the result page.
import { expect, test } from '@playwright/test'
import { pushThroughForm } from './ux-helpers'

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
  await expect(page.getByTestId('size-error')).toContainText('too large')
  await expect(page.getByTestId('secret-input')).toHaveAttribute('aria-invalid', 'true')
  await page.getByTestId('push-button').click()
  await expect(page.getByTestId('push-error')).toContainText('too large')
  expect(posted).toBe(false)
  // Padding rounds large secrets up by up to 1/16, so 90 % of the limit still fits.
  await page.getByTestId('secret-input').fill('x'.repeat(Math.floor(max * 0.9)))
  await expect(page.getByTestId('size-error')).toHaveCount(0)
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
