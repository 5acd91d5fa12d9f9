// A branded instance (issue 20): its own server with HUSHLINK_BRAND_* settings. The header shows
// the operator's name and logo on every page, the accent is applied, the footer's imprint and
// privacy links are on the sender's pages only, and axe finds nothing, light and dark.
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { startOwnServer, type OwnServer } from './own-server'
import { expectNoViolations, pushThroughForm } from './ux-helpers'

const PORT = Number(process.env.E2E_BRAND_PORT ?? Number(process.env.E2E_PORT ?? 5199) + 63)
const APP = `http://127.0.0.1:${PORT}`
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 28"><rect width="40" height="28" rx="6" fill="#0b7285"/><text x="20" y="19" font-size="13" font-family="sans-serif" fill="#fff" text-anchor="middle">AC</text></svg>`

let server: OwnServer | undefined

test.describe.configure({ timeout: 120_000 })

test.beforeAll(async () => {
  server = await startOwnServer({
    port: PORT,
    files: { 'logo.svg': LOGO },
    env: (dataDir) => ({
      HUSHLINK_BRAND_NAME: 'Acme Secrets',
      HUSHLINK_BRAND_LOGO: join(dataDir, 'logo.svg'),
      HUSHLINK_BRAND_ACCENT: '#0b7285',
      HUSHLINK_IMPRINT_URL: 'https://acme.example/imprint',
      HUSHLINK_PRIVACY_URL: 'https://acme.example/privacy',
    }),
  })
})

test.afterAll(() => server?.stop())

test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()))
})

async function newPage(browser: Browser, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ colorScheme, baseURL: APP })
  return context.newPage()
}

const accentOf = (page: Page) =>
  page.evaluate(
    () => getComputedStyle(document.querySelector('[data-testid="push-button"]')!).backgroundColor,
  )

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme}: the operator's name, logo, accent and footer; none of the links for a recipient`, async ({
    browser,
  }) => {
    const page = await newPage(browser, colorScheme)
    await page.goto('/')
    await expect(page.getByTestId('brand-name')).toHaveText('Acme Secrets')
    await expect(page.getByTestId('brand-name')).toBeVisible()
    await expect(page.getByTestId('brand-logo')).toHaveAttribute('src', '/brand/logo')
    // The logo loads after the name shows: wait for its bytes rather than read it at once.
    await expect
      .poll(() =>
        page.getByTestId('brand-logo').evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0)
    await expect(page.locator('header')).not.toContainText('Hushlink')
    // On a desktop the links stay on the line of the operator's name (the settings may not).
    const middle = async (testid: string) => {
      const box = (await page.getByTestId(testid).boundingBox())!
      return box.y + box.height / 2
    }
    expect(Math.abs((await middle('brand-name')) - (await middle('site-nav')))).toBeLessThan(8)
    // The accent as given where it has AA contrast (light); a lighter teal in the dark theme.
    if (colorScheme === 'light') await expect.poll(() => accentOf(page)).toBe('rgb(11, 114, 133)')
    else {
      await expect.poll(() => accentOf(page)).not.toBe('rgb(142, 165, 255)')
      const [r, g, b] = (await accentOf(page)).match(/\d+/g)!.map(Number)
      expect(g).toBeGreaterThan(r)
      expect(b).toBeGreaterThan(r)
    }
    await expect(page.getByTestId('footer-imprint')).toHaveAttribute(
      'href',
      'https://acme.example/imprint',
    )
    await expect(page.getByTestId('footer-privacy')).toHaveAttribute(
      'href',
      'https://acme.example/privacy',
    )
    await expectNoViolations(page, `branded create page, ${colorScheme}`)
    await page.getByTestId('nav-dashboard').click()
    // Client-side navigation: wait for it, or the push below could start on the page being left.
    await expect(page).toHaveURL(/\/dashboard$/)
    await expect(page.getByTestId('site-footer')).toBeVisible()
    await expect(page.getByTestId('brand-name')).toHaveText('Acme Secrets')

    const push = await pushThroughForm(page, { secret: 'branded', views: 2 })
    const recipient = await newPage(browser, colorScheme)
    await recipient.goto(push.link)
    await expect(recipient.getByTestId('reveal-button')).toBeVisible()
    await expect(recipient.getByTestId('brand-name')).toHaveText('Acme Secrets')
    await expect(recipient.getByTestId('brand-logo')).toHaveAttribute('src', '/brand/logo')
    await expect(recipient.getByTestId('site-footer')).toHaveCount(0)
    await expect(recipient.locator('header a, main a, footer a')).toHaveCount(0)
    await expect(recipient.locator('footer')).toHaveCount(0)
    await expectNoViolations(recipient, `branded recipient page, ${colorScheme}`)
  })
}

test('the logo is served as an SVG that can run nothing', async ({ request }) => {
  const res = await request.get(`${APP}/brand/logo`)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toBe('image/svg+xml')
  expect(res.headers()['x-content-type-options']).toBe('nosniff')
  expect(res.headers()['content-security-policy']).toContain('sandbox')
})
