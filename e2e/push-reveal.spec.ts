// The foundation loop as a person does it: push in one browser, reveal in another.
import { expect, test, type Page } from '@playwright/test'
import { captureRequests } from './ux-helpers'

async function pushSecret(page: Page, secret: string, views: number): Promise<string> {
  await page.goto('/')
  await page.getByTestId('secret-input').fill(secret)
  await page.getByTestId('views-input').fill(String(views))
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  expect(link).toMatch(/\/p\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/)
  return link
}

test('push "hello", reveal it in a new context, then the 1-view link has ended', async ({
  browser,
}) => {
  const plaintext = 'hello'
  const sender = await browser.newContext()
  const senderPage = await sender.newPage()
  const senderRequests = captureRequests(senderPage)
  const link = await pushSecret(senderPage, plaintext, 1)
  const fragment = new URL(link).hash.slice(1)

  const recipient = await browser.newContext()
  const page = await recipient.newPage()
  const recipientRequests = captureRequests(page)
  await page.goto(link)
  await expect(page.getByTestId('reveal-button')).toBeVisible()
  expect(page.url()).not.toContain(fragment)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText(plaintext)

  const again = await recipient.newPage()
  await again.goto(link)
  await expect(again.getByTestId('ended-page')).toBeVisible()

  for (const request of [...senderRequests, ...recipientRequests]) {
    expect(request).not.toContain(fragment)
    expect(request).not.toContain('"' + plaintext + '"')
  }
  expect(senderRequests.some((r) => r.includes('/api/pushes'))).toBe(true)
  await sender.close()
  await recipient.close()
})

test('loading the recipient page uses no view until reveal is pressed', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const link = await pushSecret(page, 'scanner-proof', 1)
  for (let i = 0; i < 3; i++) {
    const visit = await context.newPage()
    await visit.goto(link)
    await expect(visit.getByTestId('reveal-button')).toBeVisible()
    await visit.close()
  }
  const reader = await context.newPage()
  await reader.goto(link)
  await reader.getByTestId('reveal-button').click()
  await expect(reader.getByTestId('secret-output')).toHaveText('scanner-proof')
  await context.close()
})

test('an unknown or mangled link shows the friendly unknown page', async ({ page }) => {
  await page.goto('/p/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(43))
  await expect(page.getByTestId('unknown-page')).toBeVisible()
  await page.goto('/p/not-an-id')
  await expect(page.getByTestId('unknown-page')).toBeVisible()
})

test('the SPA fallback never answers /api/* or missing /_app/* assets', async ({ request }) => {
  const api = await request.get('/api/nope')
  expect(api.status()).toBe(404)
  expect(await api.json()).toMatchObject({ error: 'not_found' })
  const asset = await request.get('/_app/immutable/missing.js')
  expect(asset.status()).toBe(404)
  expect(await asset.text()).not.toContain('<html')
  const page = await request.get('/some/client/route')
  expect(page.status()).toBe(200)
  expect(await page.text()).toContain('<html')
})
