// Every page fits a 360 px phone: nothing scrolls sideways.
import { readdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { chooseLanguage, pushThroughForm } from './ux-helpers'

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

test('one layout: the header and the column are as wide on every page', async ({ page }) => {
  const widths: Record<string, { header: number; main: number }> = {}
  const push = await pushThroughForm(page, { secret: 'same width' })
  for (const [name, path] of [
    ['create', '/'],
    ['request', '/request'],
    ['dashboard', '/dashboard'],
    ['audit', `/dashboard/${push.id}`],
    ['recipient', new URL(push.link).pathname + new URL(push.link).hash],
    ['not found', '/no/such/page'],
  ]) {
    await page.goto(path)
    await page.locator('main').waitFor()
    widths[name] = await page.evaluate(() => ({
      header: document.querySelector('.site-header')!.getBoundingClientRect().width,
      main: document.querySelector('main')!.getBoundingClientRect().width,
    }))
  }
  // The header is wider than the column (its links and menus need the room in some languages),
  // and each is as wide on every page.
  const all = Object.values(widths)
  expect(new Set(all.map((w) => w.header)).size, JSON.stringify(widths)).toBe(1)
  expect(new Set(all.map((w) => w.main)).size, JSON.stringify(widths)).toBe(1)
  expect(all[0].header).toBeGreaterThan(all[0].main)
})

test('on a desktop the name, the links and the menus share one line in every shipped language', async ({
  page,
}) => {
  const codes = readdirSync('locales')
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
  expect(codes.length).toBeGreaterThan(30)
  await page.goto('/')
  for (const code of codes) {
    await page.evaluate((c) => localStorage.setItem('hushlink.locale', c), code)
    await page.reload()
    await page.getByTestId('push-button').waitFor()
    await expect(page.locator('html')).toHaveAttribute('lang', code)
    const middles = await page.evaluate(() =>
      ['.brand', 'nav', '.settings'].map((part) => {
        const box = document.querySelector(`.site-header ${part}`)!.getBoundingClientRect()
        return Math.round(box.top + box.height / 2)
      }),
    )
    expect(Math.max(...middles) - Math.min(...middles), `${code}: ${middles}`).toBeLessThanOrEqual(
      2,
    )
  }
})

test('on a 360 px phone the navigation folds behind a menu button and stays on one line', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  await page.goto('/')
  const button = page.getByTestId('nav-menu-button')
  for (const locale of ['en', 'de', 'ar']) {
    // The settings fold into the menu too.
    await button.click()
    await chooseLanguage(page, locale)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('site-menu')).toBeHidden()
    // Logo and menu button share one row: their boxes overlap vertically, none sits below.
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.site-header > *'))
        .map((child) => child.getBoundingClientRect())
        .filter((box) => box.height > 0)
        .map((box) => Math.round(box.top + box.height / 2)),
    )
    expect(rows.length, locale).toBe(2)
    expect(Math.abs(rows[0] - rows[1]), `${locale}: ${rows}`).toBeLessThanOrEqual(2)
    await expectNoSideScroll(page, `header ${locale}`)
  }
  await button.click()
  await chooseLanguage(page, 'en')
  await page.keyboard.press('Escape')
  await expect(button).toHaveAttribute('aria-expanded', 'false')
  await button.focus()
  await page.keyboard.press('Enter')
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByTestId('site-menu')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('site-menu')).toBeHidden()
  await expect(button).toBeFocused()
  await button.click()
  await page.getByTestId('nav-dashboard').click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByTestId('site-menu')).toBeHidden()

  // A recipient's header has no menu: logo and settings still share one row, in Arabic too.
  const push = await pushThroughForm(page, { secret: 'phone header' })
  await page.goto(push.link)
  await chooseLanguage(page, 'ar')
  await page.getByTestId('reveal-button').waitFor()
  const rows = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.site-header > *')).map((child) => {
      const box = child.getBoundingClientRect()
      return Math.round(box.top + box.height / 2)
    }),
  )
  expect(rows.length).toBe(2)
  expect(Math.abs(rows[0] - rows[1]), `recipient: ${rows}`).toBeLessThanOrEqual(2)
  await context.close()
})
