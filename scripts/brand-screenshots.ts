// Screenshots of a branded instance (issue 20): an operator's name, SVG logo, accent and footer
// links, on the create page, the result and the recipient's page; light and dark, desktop and
// phone. Writes screenshots/brand-*.png. Run `npm run screenshots:brand` (builds first).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'

const PORT = Number(process.env.SCREENSHOTS_PORT ?? Number(process.env.E2E_PORT ?? 5185) + 64)
const BASE = `http://127.0.0.1:${PORT}`
const OUT_DIR = 'screenshots'
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><circle cx="14" cy="14" r="13" fill="#0b7285"/><path d="M8 19 14 7l6 12z" fill="#fff"/></svg>`
const VIEWPORTS = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } }

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  const file = join(OUT_DIR, `brand-${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log('wrote', file)
}

async function main(): Promise<void> {
  if (!existsSync('build/index.html')) throw new Error('No build/: run `npm run build` first.')
  mkdirSync(OUT_DIR, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'hushlink-brand-screens-'))
  writeFileSync(join(dataDir, 'logo.svg'), LOGO)
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dataDir, 'hushlink.db')}`,
      HUSHLINK_RATE_LIMIT: 'off',
      HUSHLINK_LOG_FILE: '',
      HUSHLINK_INSTANCE_NAME: 'Acme IT',
      HUSHLINK_BRAND_NAME: 'Acme Secrets',
      HUSHLINK_BRAND_LOGO: join(dataDir, 'logo.svg'),
      HUSHLINK_BRAND_ACCENT: process.env.BRAND_ACCENT ?? '#0b7285',
      HUSHLINK_IMPRINT_URL: 'https://acme.example/imprint',
      HUSHLINK_PRIVACY_URL: 'https://acme.example/privacy',
    },
  })
  let browser: Browser | undefined
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (i > 300) throw new Error(`the server did not answer on ${BASE}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const own = chromium.executablePath()
    browser = await chromium.launch({
      executablePath: own && existsSync(own) ? undefined : '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    for (const theme of ['light', 'dark'] as const) {
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        const tag = `${theme}-${size}`
        const context = await browser.newContext({ viewport, colorScheme: theme, baseURL: BASE })
        await context.grantPermissions(['clipboard-write'], { origin: BASE })
        const page = await context.newPage()
        await page.goto('/')
        await page.getByTestId('brand-name').waitFor()
        await shoot(page, `create-${tag}`)
        await page.getByTestId('secret-input').fill('correct horse battery staple')
        await page.getByTestId('push-button').click()
        const link = await page.getByTestId('result-link').inputValue()
        await shoot(page, `result-${tag}`)
        const recipient = await context.newPage()
        await recipient.goto(link)
        await recipient.getByTestId('reveal-button').waitFor()
        await shoot(recipient, `recipient-${tag}`)
        await context.close()
      }
    }
  } finally {
    await browser?.close()
    server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
