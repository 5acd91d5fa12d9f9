// Browser tests against the real server (built SPA + API) on a throwaway database.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 5199)
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'hushlink-e2e-'))
process.env.E2E_DATA_DIR = dataDir // workers re-read this config; keep one directory

/** Playwright's own Chromium when it has one, else the system's (Debian package `chromium`). */
function chromiumPath(): string | undefined {
  const own = chromium.executablePath()
  if (own && existsSync(own)) return undefined
  for (const candidate of [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]) {
    if (candidate && existsSync(candidate)) return candidate
  }
  return undefined
}

export default defineConfig({
  testDir: 'e2e',
  projects: [
    // The split-deploy e2e brings its own servers and config: npm run test:split.
    { name: 'e2e', testIgnore: ['split-deploy/**', '*.teardown.ts'], teardown: 'log-scan' },
    // Runs after every spec of 'e2e', whatever their names and results.
    { name: 'log-scan', testMatch: 'log-scan.teardown.ts' },
  ],
  // Spec files in two workers (tests within a file stay in order): a browser flow mostly waits on
  // its page, so two overlap on two cores. Every spec makes its own pushes and contexts, and a
  // spec that starts its own servers has ports of its own.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx tsx server/index.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dataDir, 'hushlink.db')}`,
      HUSHLINK_LOG_FILE: join(dataDir, 'server.log'),
      HUSHLINK_RATE_LIMIT: 'off',
    },
  },
})
