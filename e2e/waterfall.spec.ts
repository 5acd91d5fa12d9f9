// The recipient's waterfall (issue 17), as structure, not timings: how many requests, which wait
// on which, no runtime config fetched by a same-origin build, the theme script inline by CSP hash.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expect, test, type Browser } from '@playwright/test'
import { recordRequests, summarize } from '../bench/waterfall'

async function pushLink(browser: Browser, secret: string): Promise<string> {
  const page = await browser.newPage()
  await page.goto('/')
  await page.getByTestId('secret-input').fill(secret)
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  await page.close()
  return link
}

/** A fresh context whose page records its requests under the given network conditions. */
async function recordedPage(
  browser: Browser,
  network: { latency: number; downloadThroughput: number; uploadThroughput: number },
  options: Parameters<Browser['newContext']>[0] = {},
) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  const requests = await recordRequests(cdp)
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network })
  return { context, page, requests }
}

test('the recipient page: at most 25 requests, at most 4 dependent ones, the wasm once, no config file', async ({
  browser,
}) => {
  const link = await pushLink(browser, 'flat waterfall')
  // With latency, one wave of requests starts within milliseconds while the next waits a round
  // trip, so start-after-end chains are the real dependencies (bench/waterfall.ts).
  const { context, page, requests } = await recordedPage(browser, {
    latency: 100,
    downloadThroughput: -1,
    uploadThroughput: -1,
  })
  await page.goto(link)
  await expect(page.getByTestId('reveal-button')).toBeEnabled()
  const beforeButton = summarize(requests.slice())
  await page.getByTestId('reveal-button').click()
  await expect(page.getByTestId('secret-output')).toHaveText('flat waterfall')
  const beforeSecret = summarize(requests.slice())

  expect(beforeSecret.requests).toBeLessThanOrEqual(25)
  expect(beforeButton.depth, beforeButton.chain.join(' → ')).toBeLessThanOrEqual(4)
  const network = requests.filter((r) => !r.fromCache).map((r) => new URL(r.url).pathname)
  expect(network.filter((path) => /\/libsodium\.[\w-]+\.wasm$/.test(path))).toHaveLength(1)
  expect(network.filter((path) => path.includes('hushlink-config'))).toEqual([])
  // The root layout and the route both start the recipient's requests: the metadata goes once.
  const id = new URL(link).pathname.split('/').pop()
  expect(network.filter((path) => path === `/api/pushes/${id}`)).toHaveLength(1)
  // The wasm is asked for by the HTML, with the JS, not once the JS has run.
  const wasm = requests.find((r) => r.url.endsWith('.wasm'))!
  const firstScript = Math.min(
    ...requests.filter((r) => r.url.endsWith('.js') && r.end !== null).map((r) => r.end!),
  )
  expect(wasm.start).toBeLessThan(firstScript)
  await context.close()
})

test('on a slow network the metadata and the messages arrive before the app has: the early script asks', async ({
  browser,
}) => {
  test.slow()
  const link = await pushLink(browser, 'before the app')
  const manifest = JSON.parse(
    readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8'),
  ) as Record<string, { file: string }>
  const messages = (code: string) => '/' + manifest[`locales/${code}.json`].file
  // A German browser: its messages and the English fallback, as the app loads them.
  const { context, page, requests } = await recordedPage(
    browser,
    { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
    { locale: 'de-DE' },
  )
  await page.goto(link)
  await expect(page.getByTestId('reveal-button')).toBeEnabled({ timeout: 30_000 })
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')

  const network = requests.filter((r) => !r.fromCache)
  const at = (path: string) => network.filter((r) => new URL(r.url).pathname === path)
  const id = new URL(link).pathname.split('/').pop()
  const early = [at(`/api/pushes/${id}`), at(messages('de')), at(messages('en'))]
  for (const [i, found] of early.entries()) expect(found, `request ${i}`).toHaveLength(1)
  // The app's scripts that the HTML asks for (a wave within a round trip; anything the app asks
  // for once it runs starts 150 ms later at least): the last of them is in after all three.
  const scripts = network.filter((r) => r.url.endsWith('.js') && !r.url.includes('recipient-early'))
  const wave = Math.min(...scripts.map((r) => r.start))
  const appIn = Math.max(...scripts.filter((r) => r.start < wave + 0.1).map((r) => r.end!))
  for (const [request] of early) expect(request.end, request.url).toBeLessThan(appIn)
  await context.close()
})

test('no page of a same-origin build asks for the runtime config', async ({ page }) => {
  const asked: string[] = []
  page.on('request', (request) => asked.push(new URL(request.url()).pathname))
  await page.goto('/')
  await page.getByTestId('secret-input').fill('same origin')
  await page.getByTestId('push-button').click()
  await page.getByTestId('result-link').waitFor()
  await page.goto('/dashboard')
  await page.waitForLoadState('networkidle')
  expect(asked.some((path) => path.startsWith('/api/'))).toBe(true)
  expect(asked.filter((path) => path.includes('hushlink-config'))).toEqual([])
})

test('the CSP has no unsafe-inline and holds the hash of every inline script', async ({
  page,
  request,
}) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  const response = await request.get('/p/AAAAAAAAAAAAAAAAAAAAAA')
  const html = await response.text()
  const header = response.headers()['content-security-policy'] ?? ''
  const meta = /http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1] ?? ''
  for (const policy of [header, meta]) {
    expect(policy).not.toContain('unsafe-inline')
    const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? ''
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])
    expect(inline.length).toBeGreaterThanOrEqual(3) // theme, recipient preloads, SvelteKit's boot
    for (const source of inline) {
      const hash = createHash('sha256').update(source).digest('base64')
      expect(scriptSrc).toContain(`'sha256-${hash}'`)
    }
  }
  expect(html).not.toContain('src="/theme.js"')
  await page.goto('/')
  await expect(page.getByTestId('push-button')).toBeVisible({ timeout: 20_000 })
  expect(violations).toEqual([])
})

test('the saved dark theme is on <html> before the body is parsed', async ({ browser }) => {
  // The system says light: only the inline script can make the page dark this early.
  const context = await browser.newContext({ colorScheme: 'light' })
  await context.addInitScript(() => {
    localStorage.setItem('hushlink.theme', 'dark')
    const seen = window as unknown as { themeAtBody?: string | null }
    new MutationObserver((_, observer) => {
      if (!document.body) return
      seen.themeAtBody = document.documentElement.dataset.theme ?? null
      observer.disconnect()
    }).observe(document, { childList: true, subtree: true })
  })
  const page = await context.newPage()
  await page.goto('/')
  await expect(page.getByTestId('push-button')).toBeVisible()
  expect(await page.evaluate(() => (window as { themeAtBody?: string | null }).themeAtBody)).toBe(
    'dark',
  )
  await context.close()
})
