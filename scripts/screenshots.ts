// Starts the built app on a throwaway database (port 5185), walks through every page as a sender
// and a recipient would, and writes PNGs to screenshots/: light and dark, phone and desktop, and
// right-to-left on a phone, light and dark. Run `npm run screenshots`; look at the files before shipping a UI change.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import {
  RTL_LOCALE,
  THEMES,
  VIEWPORTS,
  launchBrowser,
  startScreenshotServer,
} from './screenshot-kit'

const PORT = Number(process.env.SCREENSHOTS_PORT ?? process.env.E2E_PORT ?? 5185)
const BASE = `http://127.0.0.1:${PORT}`
const OUT_DIR = 'screenshots'

type Viewport = keyof typeof VIEWPORTS
type Theme = (typeof THEMES)[number]

interface Run {
  theme: Theme
  viewport: Viewport
  locale?: string
  tag: string
}

async function newContext(browser: Browser, run: Run): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[run.viewport],
    colorScheme: run.theme,
    locale: run.locale ?? 'en-US',
    timezoneId: 'Europe/Berlin',
  })
  // The result page asks before leaving an uncopied link; the walks copy it as a sender would.
  await context.grantPermissions(['clipboard-write'], { origin: BASE })
  if (run.locale) {
    const locale = run.locale
    await context.addInitScript((code) => localStorage.setItem('hushlink.locale', code), locale)
  }
  return context
}

async function shoot(page: Page, name: string, run: Run): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  // No right-to-left translation yet: mirror the English page to check the layout.
  if (run.tag.startsWith('rtl') && !RTL_LOCALE)
    await page.evaluate(() => (document.documentElement.dir = 'rtl'))
  const file = join(OUT_DIR, `${name}-${run.tag}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log('wrote', file)
}

async function walkThrough(browser: Browser, run: Run): Promise<void> {
  const sender = await newContext(browser, run)
  const page = await sender.newPage()
  await page.goto(`${BASE}/`)
  await page.getByTestId('push-button').waitFor()
  await shoot(page, 'create', run)

  await page.getByTestId('secret-input').fill('correct-horse-battery-staple')
  await page.locator('details.options summary').click()
  await page.getByTestId('generator').locator('summary').click()
  await shoot(page, 'create-options', run)
  // The QR tab's Wi-Fi form, with a lifetime in hours.
  await page.getByTestId('kind-tab-qr').click()
  await page.getByTestId('wifi-ssid').fill('Cafe Guest')
  await page.getByTestId('wifi-password').fill('espresso-please')
  await page.getByTestId('wifi-hidden').check()
  await page.getByTestId('expiry-select').selectOption('custom')
  await page.getByTestId('expiry-unit').selectOption('hours')
  await page.getByTestId('expiry-amount').fill('2')
  await shoot(page, 'create-wifi', run)
  await page.getByTestId('kind-tab-text').click()
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  // Leaving before the link is copied or remembered asks first.
  await page.getByTestId('push-another').click()
  await page.getByTestId('leave-dialog').waitFor()
  await shoot(page, 'result-leave-dialog', run)
  await page.keyboard.press('Escape')
  await page.getByTestId('push-label').fill('Wi-Fi password for Sam')
  await page.getByTestId('remember-link').check()
  await page.getByTestId('result-link').focus()
  await shoot(page, 'result', run)
  // A second push that stays active, so the dashboard has something in each tab.
  await page.getByTestId('push-another').click()
  await page.getByTestId('secret-input').fill('router: hunter2')
  await page.getByTestId('push-button').click()
  await page.getByTestId('push-label').fill('Router admin')

  const recipient = await newContext(browser, run)
  const reader = await recipient.newPage()
  await reader.goto(link)
  await reader.getByTestId('reveal-button').waitFor()
  await shoot(reader, 'recipient-ready', run)
  await reader.getByTestId('reveal-button').click()
  await reader.getByTestId('secret-output').waitFor()
  await shoot(reader, 'recipient-revealed', run)
  await reader.getByTestId('show-secret').click()
  await shoot(reader, 'recipient-shown', run)
  await reader.getByTestId('burn-button').click()
  await reader.getByTestId('burn-dialog').waitFor()
  await shoot(reader, 'recipient-delete-dialog', run)
  await reader.getByTestId('burn-dialog-confirm').click()
  const later = await recipient.newPage()
  await later.goto(link)
  await later.getByTestId('ended-page').waitFor()
  await shoot(later, 'ended', run)

  // A request kept in this browser, listed with the pushes.
  await page.goto(`${BASE}/request`)
  await page.getByTestId('request-label').fill('Door code for the office')
  await page.getByTestId('request-keep').check()
  await page.getByTestId('request-create').click()
  await page.getByTestId('request-public-link').waitFor()

  await page.goto(`${BASE}/dashboard`)
  await page.waitForLoadState('networkidle') // the live status has arrived
  await page.getByTestId('dashboard-panel-active').getByTestId('views-left').first().waitFor()
  await shoot(page, 'dashboard', run)
  await page.getByTestId('dashboard-panel-active').getByTestId('label-edit').first().click()
  await shoot(page, 'dashboard-label-edit', run)
  await page.keyboard.press('Escape')
  if (run.viewport === 'phone') {
    await page.getByTestId('nav-menu-button').click()
    await shoot(page, 'nav-menu', run)
    await page.keyboard.press('Escape')
  }
  await page.getByTestId('dashboard-tab-ended').click()
  await shoot(page, 'dashboard-ended', run)
  // Someone with only the id floods the ended push with wrong links, past the trail's cap of 100.
  const id = new URL(link).pathname.split('/').pop()!
  for (let i = 0; i < 103; i++)
    await fetch(`${BASE}/api/pushes/${id}`, { headers: { 'X-Link-Token': 'A'.repeat(43) } })
  await page.getByTestId('dashboard-panel-ended').getByTestId('audit-link').click()
  await page.getByTestId('audit-table').waitFor()
  await shoot(page, 'audit', run)
  await sender.close()
  await recipient.close()
}

/** Pushes one `kind` through the form and returns its link, copied. */
async function pushKind(page: Page, kind: 'text' | 'url' | 'qr', value: string): Promise<string> {
  await page.goto(`${BASE}/`)
  if (kind !== 'text') await page.getByTestId(`kind-tab-${kind}`).click()
  if (kind === 'qr') await page.getByTestId('qr-mode-text').check()
  await page.getByTestId('secret-input').fill(value)
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  await page.getByTestId('copy-link').click()
  return link
}

/** What a recipient meets beyond a text secret: a reload after the reveal, a link, a Wi-Fi code, dead ends. */
async function walkThroughRecipientStates(browser: Browser, run: Run): Promise<void> {
  const context = await newContext(browser, run)
  const page = await context.newPage()
  const text = await pushKind(page, 'text', 'shown once here')
  const url = await pushKind(page, 'url', 'https://example.org/reset?token=8f14e45fceea167a')
  const wifi = await pushKind(page, 'qr', 'WIFI:T:WPA;S:Home Office;P:correct horse battery;;')
  const reader = await context.newPage()
  await reader.goto(text)
  await reader.getByTestId('reveal-button').waitFor()
  await reader.getByText(/What is this|ما هذا/).click()
  await shoot(reader, 'recipient-what-is-this', run)
  await reader.getByTestId('reveal-button').click()
  await reader.getByTestId('secret-output').waitFor()
  await reader.reload()
  await reader.getByTestId('already-opened-page').waitFor()
  await shoot(reader, 'recipient-already-shown', run)
  await reader.goto(url)
  await reader.getByTestId('reveal-button').click()
  await reader.getByTestId('secret-url').waitFor()
  await shoot(reader, 'recipient-url', run)
  await reader.goto(wifi)
  await reader.getByTestId('reveal-button').click()
  await reader.getByTestId('secret-qr').waitFor()
  await shoot(reader, 'recipient-wifi', run)
  const broken = await context.newPage()
  await broken.goto(`${BASE}/p/AAAAAAAAAAAAAAAAAAAAAA#truncated`)
  await broken.getByTestId('wrong-link-page').waitFor()
  await shoot(broken, 'broken-link', run)
  await broken.close()
  const unknown = await context.newPage()
  await unknown.goto(`${BASE}/p/AAAAAAAAAAAAAAAAAAAAAA#${'A'.repeat(43)}`)
  await unknown.getByTestId('unknown-page').waitFor()
  await shoot(unknown, 'unknown-link', run)
  await context.close()
}

/** The alerts an API error leads to: a wrong passphrase, and a push refused by the rate limit. */
async function walkThroughErrors(browser: Browser, run: Run): Promise<void> {
  const context = await newContext(browser, run)
  const page = await context.newPage()
  await page.goto(`${BASE}/`)
  await page.getByTestId('secret-input').fill('behind-a-passphrase')
  await page.locator('details.options summary').click()
  await page.getByTestId('create-passphrase-input').fill('open sesame')
  await page.getByTestId('create-passphrase-confirm').fill('open sesami')
  await page.getByTestId('create-passphrase-confirm').blur()
  await shoot(page, 'create-passphrase-mismatch', run)
  await page.getByTestId('passphrase-visibility').click()
  await shoot(page, 'create-passphrase-shown', run)
  await page.getByTestId('push-button').click()
  const link = await page.getByTestId('result-link').inputValue()
  await page.getByTestId('passphrase-reminder').waitFor()
  await shoot(page, 'result-passphrase', run)
  await page.getByTestId('copy-link').click()
  const reader = await context.newPage()
  await reader.goto(link)
  await reader.getByTestId('passphrase-input').fill('open says me')
  await reader.getByTestId('reveal-button').click()
  await reader.getByTestId('reveal-error').waitFor()
  await shoot(reader, 'recipient-wrong-passphrase', run)

  // This server's rate limit is off: answer as a limited one would.
  await page.route('**/api/pushes', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '42' },
      body: JSON.stringify({ error: 'rate_limited', message: 'Too many requests.' }),
    }),
  )
  await page.getByTestId('push-another').click()
  await page.getByTestId('secret-input').fill('router: hunter2')
  await page.getByTestId('push-button').click()
  await page.getByTestId('push-error').waitFor()
  await shoot(page, 'create-rate-limited', run)
  await context.close()
}

async function main(): Promise<void> {
  rmSync(OUT_DIR, { recursive: true, force: true })
  mkdirSync(OUT_DIR, { recursive: true })
  const server = await startScreenshotServer(PORT)
  let browser: Browser | undefined
  try {
    browser = await launchBrowser()
    for (const theme of THEMES) {
      for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
        await walkThrough(browser, { theme, viewport, tag: `${theme}-${viewport}` })
        await walkThroughErrors(browser, { theme, viewport, tag: `${theme}-${viewport}` })
        await walkThroughRecipientStates(browser, { theme, viewport, tag: `${theme}-${viewport}` })
      }
    }
    for (const theme of THEMES) {
      const rtl: Run = { theme, viewport: 'phone', locale: RTL_LOCALE, tag: `rtl-${theme}` }
      await walkThrough(browser, rtl)
      await walkThroughErrors(browser, rtl)
      await walkThroughRecipientStates(browser, rtl)
    }
  } finally {
    await browser?.close()
    server.stop()
  }
}

await main()
