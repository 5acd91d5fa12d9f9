// Language tags as browsers and people write them: zh-Hant and zh-HK mean Traditional Chinese,
// nb means the Norwegian we ship as `no`; a link with such a prefix keeps its secret.
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'

const messages = (code: string) => JSON.parse(readFileSync(`locales/${code}.json`, 'utf8'))

async function pushText(page: Page, text: string): Promise<URL> {
  await page.goto('/')
  await page.getByTestId('secret-input').fill(text)
  await page.getByTestId('push-button').click()
  return new URL(await page.getByTestId('result-link').inputValue())
}

for (const tag of ['zh-Hant', 'zh-HK', 'ZH-hant-tw']) {
  test(`/${tag}/p/… opens in Traditional Chinese at /zh-TW/p/…, secret intact`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    const link = await pushText(page, `秘密 ${tag}`)
    const entries = await page.evaluate(() => history.length)
    await page.goto(`${link.origin}/${tag}${link.pathname}${link.hash}`)
    await expect(page.getByTestId('reveal-button')).toHaveText(messages('zh-TW').recipient.reveal)
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW')
    expect(new URL(page.url()).pathname).toBe(`/zh-TW${link.pathname}`)
    // The redirect replaced the history entry: no /zh-Hant/…#secret left to go back to.
    expect(await page.evaluate(() => history.length)).toBe(entries + 1)
    await page.getByTestId('reveal-button').click()
    await expect(page.getByTestId('secret-output')).toHaveText(`秘密 ${tag}`)
    await context.close()
  })
}

test('a Norwegian Bokmål browser (nb-NO) gets the Norwegian pages', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nb-NO' })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'no')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages('no').create.title)
  await context.close()
})
