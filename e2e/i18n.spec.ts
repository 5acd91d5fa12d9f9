// Languages as people meet them: the sender picks the recipient's language, Arabic reads right to
// left, and a chosen language survives a reload.
import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { IntlMessageFormat } from 'intl-messageformat'
import { chooseLanguage } from './ux-helpers'

const messages = (code: string) => JSON.parse(readFileSync(`locales/${code}.json`, 'utf8'))

test('a push with target language de opens in German for an English browser', async ({
  browser,
}) => {
  const sender = await browser.newContext({ locale: 'en-US' })
  const page = await sender.newPage()
  await page.goto('/')
  await page.getByTestId('secret-input').fill('auf Deutsch bitte')
  await page.locator('details.options summary').click()
  await page.getByTestId('recipient-locale-select').selectOption('de')
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  expect(new URL(link).pathname).toMatch(/^\/de\/p\//)

  const recipient = await browser.newContext({ locale: 'en-US' })
  const reader = await recipient.newPage()
  await reader.goto(link)
  const german = messages('de')
  await expect(reader.getByTestId('reveal-button')).toHaveText(german.recipient.reveal)
  await expect(reader.locator('html')).toHaveAttribute('lang', 'de')
  await reader.getByTestId('reveal-button').click()
  await expect(reader.getByTestId('secret-output')).toHaveText('auf Deutsch bitte')
  await sender.close()
  await recipient.close()
})

test('an Arabic recipient page is laid out right to left', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByTestId('secret-input').fill('مرحبا')
  await page.getByTestId('push-button').click()
  const link = new URL(await page.getByTestId('result-link').inputValue())
  await page.goto(`${link.origin}/ar${link.pathname}${link.hash}`)
  await expect(page.getByTestId('reveal-button')).toHaveText(messages('ar').recipient.reveal)
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar')
  const box = await page.getByTestId('reveal-button').boundingBox()
  const width = page.viewportSize()!.width
  // Right to left: the button hugs the right edge of the content, not the left.
  expect(box!.x + box!.width).toBeGreaterThan(width / 2)
  await context.close()
})

test('the language menu lists every language once touched or focused, and keeps its width', async ({
  page,
}) => {
  const shipped = readdirSync('locales').filter((name) => name.endsWith('.json')).length
  const select = page.getByTestId('language-select')
  const options = select.locator('option')
  for (const reach of ['pointer', 'keyboard'] as const) {
    await page.goto('/')
    // Before anyone uses it, the menu holds the current language only (no font look-ups for a
    // dozen scripts on the first layout).
    await expect(options).toHaveCount(1)
    await expect(options).toHaveText('English')
    const before = await select.boundingBox()
    const focused = () => select.evaluate((el) => el === document.activeElement)
    if (reach === 'pointer') await select.click()
    // By keyboard: Tab from the top of the page until the menu has focus.
    else
      for (let tabs = 0; tabs < 30 && !(await focused()); tabs++) await page.keyboard.press('Tab')
    await expect(options).toHaveCount(shipped)
    await expect(select).toHaveValue('en')
    const after = await select.boundingBox()
    expect(after!.width).toBe(before!.width)
    expect(after!.height).toBe(before!.height)
  }
})

test('switching language on the create page persists across reloads', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await chooseLanguage(page, 'fr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('fr').create.title)
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('fr').create.title)
})

test("an API error reads in the page's language, never in the server's English", async ({
  page,
}) => {
  await page.goto('/')
  await chooseLanguage(page, 'de')
  // German is loaded before the push: the error is worded in the language of that moment.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('de').create.title)
  await page.route('**/api/pushes', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '42' },
      body: JSON.stringify({ error: 'rate_limited', message: 'Too many requests, in English.' }),
    }),
  )
  await page.getByTestId('secret-input').fill('zu schnell')
  await page.getByTestId('push-button').click()
  const german = new IntlMessageFormat(messages('de').errors.rate_limited, 'de')
  await expect(page.getByTestId('push-error')).toHaveText(String(german.format({ seconds: 42 })))
})
