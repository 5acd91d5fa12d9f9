// Every page fits a 360 px phone: nothing scrolls sideways.
import { expect, test, type Page } from '@playwright/test'
import { pushThroughForm } from './ux-helpers'

async function expectNoSideScroll(page: Page, name: string) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }))
  expect(widths.page, name).toBeLessThanOrEqual(widths.viewport)
}

test('create, result, recipient, dashboard and audit pages fit a 360 px screen', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  await page.goto('/')
  await page.locator('details.options summary').click()
  await page.getByTestId('generator').locator('summary').click()
  await expectNoSideScroll(page, 'create')
  for (const kind of ['Link', 'QR code', 'Files', 'Text']) {
    await page.getByRole('tab', { name: kind }).click()
    await expectNoSideScroll(page, `create: ${kind}`)
  }
  await page.goto('/request')
  await expect(page.getByTestId('request-label')).toBeVisible()
  await expectNoSideScroll(page, 'request')
  await page.goto('/')
  const push = await pushThroughForm(page, {
    secret: 'a-rather-long-secret-'.repeat(8),
    label: 'Phone',
  })
  await expectNoSideScroll(page, 'result')

  const reader = await context.newPage()
  await reader.goto(push.link)
  await reader.getByTestId('reveal-button').waitFor()
  await expectNoSideScroll(reader, 'recipient ready')
  await reader.getByTestId('reveal-button').click()
  await reader.getByTestId('show-secret').click()
  await expectNoSideScroll(reader, 'recipient revealed')

  await page.goto('/dashboard')
  await expect(page.getByTestId('views-left')).toBeVisible()
  await expectNoSideScroll(page, 'dashboard')
  await page.getByTestId('audit-link').click()
  await expect(page.getByTestId('audit-table')).toBeVisible()
  await expectNoSideScroll(page, 'audit')
  await context.close()
})
