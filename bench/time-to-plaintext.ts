// Time to plaintext: Chromium opens a no-passphrase push's link in a fresh context (cold cache),
// clicks reveal as soon as it can, and the page's own clock (ms since navigation start) is read
// the frame the decrypted secret is in the DOM. Median of --runs (20). Needs a built SPA.
//   npm run build && npx tsx bench/time-to-plaintext.ts [--runs 20] [--dir build]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from '@playwright/test'
import { createApiClient } from '../src/lib/api/client'
import { pushSealed } from '../src/lib/api/push-flow'
import { describeMachine, machine } from './machine'
import { median } from './report'
import { ROOT, startServer } from './server-process'

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, dir: { type: 'string', default: 'build' } },
})
const runs = Number(flags.runs)
const staticDir = resolve(ROOT, flags.dir)
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`No built SPA in ${staticDir}: run \`npm run build\` first (or pass --dir).`)
  process.exit(1)
}

/** Playwright's own Chromium when it has one, else the system's. */
const executablePath = existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium'
const PLAINTEXT = 'correct horse battery staple'

const dir = mkdtempSync(join(tmpdir(), 'hushlink-ttp-'))
const server = await startServer({
  env: {
    DATABASE_URL: `file:${join(dir, 'ttp.db')}`,
    HUSHLINK_RATE_LIMIT: 'off',
    HUSHLINK_STATIC_DIR: staticDir,
  },
})
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})

try {
  console.log(
    `Hushlink time to plaintext — ${describeMachine(machine())}; load average ${loadavg()[0].toFixed(1)}`,
  )
  const api = createApiClient(server.origin)
  const samples: { button: number; plaintext: number }[] = []
  for (let run = 0; run <= runs; run++) {
    const created = await pushSealed(
      api,
      { v: 1, kind: 'text', text: PLAINTEXT },
      { expireAfterViews: 1 },
    )
    if (!created.ok) throw new Error(`create failed: ${created.status}`)
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.origin}/p/${created.data.id}#${created.data.secret}`, {
      waitUntil: 'commit',
    })
    // Both clocks are the page's own: milliseconds since its navigation started.
    const button = await page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLButtonElement>('[data-testid="reveal-button"]')
        return el && !el.disabled && el.offsetParent !== null ? performance.now() : false
      },
      undefined,
      { polling: 'raf' },
    )
    await page.getByTestId('reveal-button').click()
    const shown = await page.waitForFunction(
      (text) =>
        document.querySelector('[data-testid="secret-output"]')?.textContent?.trim() === text &&
        performance.now(),
      PLAINTEXT,
      { polling: 'raf' },
    )
    // The first run warms the server (and the OS file cache), not the browser: it is left out.
    if (run > 0)
      samples.push({
        button: Number(await button.jsonValue()),
        plaintext: Number(await shown.jsonValue()),
      })
    await context.close()
  }
  const ms = (xs: number[]) => Math.round(median(xs))
  const result = {
    machine: machine(),
    runs,
    medianMs: ms(samples.map((s) => s.plaintext)),
    medianRevealButtonMs: ms(samples.map((s) => s.button)),
    minMs: Math.round(Math.min(...samples.map((s) => s.plaintext))),
    maxMs: Math.round(Math.max(...samples.map((s) => s.plaintext))),
    samples,
  }
  console.log(
    `navigation → plaintext on screen (reveal clicked as soon as it can be): median ${result.medianMs} ms ` +
      `of ${runs} cold runs (min ${result.minMs}, max ${result.maxMs}); reveal button ready at median ${result.medianRevealButtonMs} ms`,
  )
  writeFileSync(
    join(ROOT, 'bench/results/time-to-plaintext.json'),
    JSON.stringify(result, null, 2) + '\n',
  )
  console.log('wrote bench/results/time-to-plaintext.json')
} finally {
  await browser.close()
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}
