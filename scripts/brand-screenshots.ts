// Screenshots of a branded instance (issue 20): an operator's name, SVG logo, accent and footer
// links, on the create page, the dashboard, the result and the recipient's page; light and dark,
// desktop and phone, left-to-right and right-to-left. Writes screenshots/brand-*.png.
// Run `npm run screenshots:brand` (builds first).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import {
  RTL_LOCALE,
  THEMES,
  VIEWPORTS,
  launchBrowser,
  startScreenshotServer,
} from './screenshot-kit'

const PORT = Number(process.env.SCREENSHOTS_PORT ?? Number(process.env.E2E_PORT ?? 5185) + 64)
const BASE = `http://127.0.0.1:${PORT}`
const OUT_DIR = 'screenshots'
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><circle cx="14" cy="14" r="13" fill="#0b7285"/><path d="M8 19 14 7l6 12z" fill="#fff"/></svg>`

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  const file = join(OUT_DIR, `brand-${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log('wrote', file)
}

async function walkThrough(
  browser: Browser,
  theme: (typeof THEMES)[number],
  viewport: keyof typeof VIEWPORTS,
  rtl: boolean,
): Promise<void> {
  const tag = `${rtl ? 'rtl-' : ''}${theme}-${viewport}`
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    colorScheme: theme,
    baseURL: BASE,
  })
  await context.grantPermissions(['clipboard-write'], { origin: BASE })
  if (rtl && RTL_LOCALE) {
    await context.addInitScript((code) => localStorage.setItem('hushlink.locale', code), RTL_LOCALE)
  }
  const page = await context.newPage()
  const mirror = async () => {
    // No right-to-left translation: mirror the English page to check the layout.
    if (rtl && !RTL_LOCALE) await page.evaluate(() => (document.documentElement.dir = 'rtl'))
  }
  await page.goto('/dashboard')
  await page.getByTestId('brand-name').waitFor()
  await mirror()
  await shoot(page, `dashboard-${tag}`)
  await page.goto('/')
  await page.getByTestId('brand-name').waitFor()
  await mirror()
  await shoot(page, `create-${tag}`)
  await page.getByTestId('secret-input').fill('correct horse battery staple')
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  await mirror()
  await shoot(page, `result-${tag}`)
  const recipient = await context.newPage()
  await recipient.goto(link)
  await recipient.getByTestId('reveal-button').waitFor()
  if (rtl && !RTL_LOCALE) await recipient.evaluate(() => (document.documentElement.dir = 'rtl'))
  await shoot(recipient, `recipient-${tag}`)
  await context.close()
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true })
  const server = await startScreenshotServer(PORT, {
    files: { 'logo.svg': LOGO },
    env: (dataDir) => ({
      HUSHLINK_BRAND_NAME: 'Acme Secrets',
      HUSHLINK_BRAND_LOGO: join(dataDir, 'logo.svg'),
      HUSHLINK_BRAND_ACCENT: process.env.BRAND_ACCENT ?? '#0b7285',
      HUSHLINK_IMPRINT_URL: 'https://acme.example/imprint',
      HUSHLINK_PRIVACY_URL: 'https://acme.example/privacy',
    }),
  })
  let browser: Browser | undefined
  try {
    browser = await launchBrowser()
    for (const rtl of [false, true]) {
      for (const theme of THEMES) {
        for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
          await walkThrough(browser, theme, viewport, rtl)
        }
      }
    }
  } finally {
    await browser?.close()
    server.stop()
  }
}

await main()
