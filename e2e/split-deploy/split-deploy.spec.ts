// Split deploy, as a person uses it: the page comes from a static host on one origin, the API
// answers on another (CORS), and a push is created and revealed through both.
import { expect, test, type Browser, type Page } from '@playwright/test'

const env = (name: string) => process.env[name] ?? ''

/** Every request the page makes, by URL, and every CSP complaint on its console. */
function watch(page: Page) {
  const requests: string[] = []
  const violations: string[] = []
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`))
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to|CORS/i.test(message.text()))
      violations.push(message.text())
  })
  return { requests, violations }
}

async function pushAndReveal(
  browser: Browser,
  spaOrigin: string,
  apiOrigin: string,
  secret: string,
) {
  const sender = await browser.newContext()
  const page = await sender.newPage()
  const sent = watch(page)
  await page.goto(`${spaOrigin}/`)
  await page.getByTestId('secret-input').fill(secret)
  await page.getByTestId('views-input').fill('1')
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  // The link points at the static host; the push went to the API's origin.
  expect(link.startsWith(`${spaOrigin}/p/`)).toBe(true)
  expect(sent.requests).toContain(`POST ${apiOrigin}/api/pushes`)
  expect(sent.requests.filter((r) => r.includes(`${spaOrigin}/api/`))).toEqual([])

  const recipient = await browser.newContext()
  const reader = await recipient.newPage()
  const read = watch(reader)
  await reader.goto(link)
  await reader.getByTestId('reveal-button').click()
  await expect(reader.getByTestId('secret-output')).toHaveText(secret)
  expect(
    read.requests.some(
      (r) => r.startsWith(`POST ${apiOrigin}/api/pushes/`) && r.endsWith('/reveal'),
    ),
  ).toBe(true)

  const again = await recipient.newPage()
  await again.goto(link)
  await expect(again.getByTestId('ended-page')).toBeVisible()
  expect([...sent.violations, ...read.violations]).toEqual([])
  await sender.close()
  await recipient.close()
}

test('SPA from a static host, API on another origin (PUBLIC_API_ORIGIN at build time)', async ({
  browser,
}) => {
  await pushAndReveal(
    browser,
    env('SPLIT_SPA_ORIGIN'),
    env('SPLIT_API_ORIGIN'),
    'split deploy works',
  )
})

test('the same build re-pointed at another API by /hushlink-config.json', async ({ browser }) => {
  await pushAndReveal(
    browser,
    env('SPLIT_RUNTIME_SPA_ORIGIN'),
    env('SPLIT_RUNTIME_API_ORIGIN'),
    'runtime config works',
  )
})

test('the API answers CORS for its own frontend only', async ({ request }) => {
  const preflight = (api: string, origin: string) =>
    request.fetch(`${api}/api/pushes`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
  const mine = await preflight(env('SPLIT_API_ORIGIN'), env('SPLIT_SPA_ORIGIN'))
  expect(mine.headers()['access-control-allow-origin']).toBe(env('SPLIT_SPA_ORIGIN'))
  const other = await preflight(env('SPLIT_API_ORIGIN'), env('SPLIT_RUNTIME_SPA_ORIGIN'))
  expect(other.headers()['access-control-allow-origin']).toBeUndefined()
})
