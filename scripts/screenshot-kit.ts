// What the screenshot scripts share: the built app on a server of their own (e2e/own-server.ts),
// the browser, the sizes and the right-to-left locale they take pictures in.
import { existsSync } from 'node:fs'
import { chromium, type Browser } from '@playwright/test'
import { startOwnServer, type OwnServer, type OwnServerOptions } from '../e2e/own-server'

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const
export const THEMES = ['light', 'dark'] as const
/** The first right-to-left locale this build ships; without one, dir=rtl is forced on English. */
export const RTL_LOCALE = ['ar', 'he', 'fa', 'ur'].find((code) =>
  existsSync(`locales/${code}.json`),
)

/** The built app with `options`; recipient pages show who runs the server ("Acme IT"). */
export function startScreenshotServer(
  port: number,
  options: Partial<Pick<OwnServerOptions, 'env' | 'files'>> = {},
): Promise<OwnServer> {
  if (!existsSync('build/index.html')) throw new Error('No build/: run `npm run build` first.')
  const env = options.env ?? (() => ({}))
  return startOwnServer({
    port,
    files: options.files,
    stderr: true,
    env: (dataDir) => ({ HUSHLINK_INSTANCE_NAME: 'Acme IT', ...env(dataDir) }),
  })
}

/** Playwright's own Chromium when it has one, else the system's. */
export function launchBrowser(): Promise<Browser> {
  const own = chromium.executablePath()
  const executablePath = own && existsSync(own) ? undefined : '/usr/bin/chromium'
  return chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
}
