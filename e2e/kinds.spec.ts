// Link and QR pushes from the create page: a link is shown to open with one click (never opened
// by itself, only http/https accepted); a QR push is shown as a QR code.
import { expect, test } from '@playwright/test'
import { pressPush } from './ux-helpers'

/** Types the value as free text (a QR push starts on its Wi-Fi form) and presses push. */
async function pushKind(page: import('@playwright/test').Page, kind: 'url' | 'qr', value: string) {
  await page.goto('/')
  await page.getByTestId(`kind-tab-${kind}`).click()
  if (kind === 'qr') await page.getByTestId('qr-mode-text').check()
  await page.getByTestId('secret-input').fill(value)
  await pressPush(page)
}

test('a link push: the recipient sees the address and opens it only by clicking', async ({
  browser,
}) => {
  const sender = await browser.newContext()
  const page = await sender.newPage()
  await pushKind(page, 'url', 'javascript:alert(1)')
  await expect(page.getByTestId('secret-input-error')).toContainText('http://')
  await page.getByTestId('secret-input').fill('  https://example.org/reset?token=abc  ')
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  await sender.close()

  const recipient = await browser.newContext()
  const view = await recipient.newPage()
  await view.goto(link)
  await view.getByTestId('reveal-button').click()
  const anchor = view.getByRole('link', { name: 'https://example.org/reset?token=abc' })
  await expect(anchor).toHaveAttribute('href', 'https://example.org/reset?token=abc')
  await expect(anchor).toHaveAttribute('rel', /noopener/)
  // No redirect happened: the page is still ours.
  expect(new URL(view.url()).hostname).toBe('127.0.0.1')
  await recipient.close()
})

test('a QR push: the recipient sees a QR code; more than 1024 characters are refused', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await pushKind(page, 'qr', 'x'.repeat(1025))
  await expect(page.getByTestId('secret-input-error')).toContainText('1024')
  const wifi = 'WIFI:S:home;T:WPA;P:correct horse;;'
  await page.getByTestId('secret-input').fill(wifi)
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()

  const view = await context.newPage()
  await view.goto(link)
  await view.getByTestId('reveal-button').click()
  await expect(view.getByTestId('secret-qr')).toBeVisible()
  // A Wi-Fi code: its password on its own (e2e/ux-recipient-states.spec.ts shows the rest).
  await expect(view.getByTestId('secret-output')).toHaveText('correct horse')
  await context.close()
})
