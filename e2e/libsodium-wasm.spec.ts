// libsodium's WebAssembly reaches the browser as its own hashed file (build-plugins/), not as
// base64 inside the JS; the page decrypts with it, and says so plainly when it cannot load it.
import { expect, test, type Page } from '@playwright/test'

const WASM = /\/_app\/immutable\/assets\/libsodium\.[\w-]+\.wasm$/

async function pushSecret(page: Page, secret: string): Promise<string> {
  await page.goto('/')
  await page.getByTestId('secret-input').fill(secret)
  await page.getByTestId('push-button').click()
  return page.getByTestId('result-link').inputValue()
}

test('the recipient page fetches the wasm file once and decrypts with it', async ({ browser }) => {
  const sender = await browser.newPage()
  const link = await pushSecret(sender, 'from a wasm file')
  await sender.close()

  const page = await browser.newPage()
  const wasm: { url: string; status: number; cache: string | null; magic: string }[] = []
  const scripts: string[] = []
  page.on('response', async (response) => {
    const url = response.url()
    if (WASM.test(url)) {
      const body = await response.body()
      wasm.push({
        url,
        status: response.status(),
        cache: await response.headerValue('cache-control'),
        magic: body.subarray(0, 4).toString('hex'),
      })
    } else if (url.endsWith('.js')) scripts.push(await response.text())
  })
  await page.goto(link)
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText('from a wasm file')

  expect(wasm).toHaveLength(1)
  expect(wasm[0]).toMatchObject({ status: 200, magic: '0061736d' }) // "\0asm"
  expect(wasm[0].cache).toContain('immutable')
  expect(new URL(wasm[0].url).origin).toBe(new URL(page.url()).origin)
  expect(scripts.length).toBeGreaterThan(0)
  for (const script of scripts) expect(script).not.toMatch(/[A-Za-z0-9+/]{4096}/)
  await page.close()
})

test('without its wasm the recipient page shows an error, not a broken link', async ({
  browser,
}) => {
  const sender = await browser.newPage()
  const link = await pushSecret(sender, 'never shown')
  await sender.close()

  const page = await browser.newPage()
  await page.route(WASM, (route) => route.fulfill({ status: 404, body: 'gone' }))
  await page.goto(link)
  await expect(page.getByTestId('network-error')).toBeVisible()
  await expect(page.getByTestId('wrong-link-page')).toHaveCount(0)
  await expect(page.getByTestId('reveal-button')).toHaveCount(0)
  await page.close()
})
