// The method of time to plaintext, shared by `bench:time-to-plaintext` and `bench:peer`: the network
// profiles, one cold open of a link with its requests recorded, and a profile's runs summarized.
//
// One run: a fresh browser context (cold cache) under the profile's emulated network (CDP
// Network.emulateNetworkConditions: per-request latency and throughput caps) opens the link; ONE
// script in the page then waits, frame by frame, for the button to be enabled and visible, clicks
// it with `el.click()` and waits for the plaintext. Both times are the page's own clock (ms since
// its navigation started). Playwright's `locator.click()` would add its actionability checks and
// round trips (~200 ms) that a recipient never feels, so nothing leaves the page in between.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import type { ApiClient } from '../src/lib/api/client'
import { pushSealed } from '../src/lib/api/push-flow'
import { median } from './report'
import { startServer, type ServerProcess } from './server-process'
import { recordRequests, summarize, type WaterfallSummary } from './waterfall'

export interface Profile {
  name: string
  description: string
  /** Emulated conditions; null for none (loopback as it is). */
  conditions: { latency: number; downloadThroughput: number; uploadThroughput: number } | null
  targetMs: number
}

const megabits = (n: number) => (n * 1_000_000) / 8
export const PROFILES: Profile[] = [
  { name: 'loopback', description: 'loopback, no emulation', conditions: null, targetMs: 300 },
  {
    name: '40ms',
    description: '40 ms RTT, 10 Mbps',
    conditions: { latency: 40, downloadThroughput: megabits(10), uploadThroughput: megabits(10) },
    targetMs: 700,
  },
  {
    name: '150ms',
    description: '150 ms RTT, 1.6 Mbps down / 750 kbps up',
    conditions: {
      latency: 150,
      downloadThroughput: megabits(1.6),
      uploadThroughput: megabits(0.75),
    },
    targetMs: 1600,
  },
]
export const ALL_PROFILES = PROFILES.map((p) => p.name).join(',')

/** The profiles named in a comma-separated list, in its order. */
export function selectProfiles(list: string): Profile[] {
  return list.split(',').map((name) => {
    const profile = PROFILES.find((p) => p.name === name)
    if (!profile) throw new Error(`unknown profile ${name}; known: ${ALL_PROFILES}`)
    return profile
  })
}

/** Exits with a hint when `staticDir` holds no built SPA. */
export function requireBuild(staticDir: string): void {
  if (existsSync(join(staticDir, 'index.html'))) return
  console.error(`No built SPA in ${staticDir}: run \`npm run build\` first (or pass --dir).`)
  process.exit(1)
}

/** Hushlink serving `staticDir`, on a database of its own (gone at stop), rate limits off. */
export async function startHushlink(staticDir: string): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'hushlink-ttp-'))
  const server = await startServer({
    env: {
      DATABASE_URL: `file:${join(dir, 'ttp.db')}`,
      HUSHLINK_RATE_LIMIT: 'off',
      HUSHLINK_STATIC_DIR: staticDir,
    },
  })
  return {
    ...server,
    async stop(signal) {
      const code = await server.stop(signal)
      rmSync(dir, { recursive: true, force: true })
      return code
    },
  }
}

/** Headless Chromium: Playwright's own when it has one, else the system's. */
export function launchBrowser(): Promise<Browser> {
  const executablePath = existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium'
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
  })
}

/** What to wait for in the page: a button to click first (none: the page decrypts by itself). */
export interface Target {
  button: string | null
  output: string
  text: string
}

export const PLAINTEXT = 'correct horse battery staple'

/** Hushlink's recipient page: the reveal button, then the decrypted secret. */
export const HUSHLINK_TARGET: Target = {
  button: '[data-testid="reveal-button"]',
  output: '[data-testid="secret-output"]',
  text: PLAINTEXT,
}

/** The link of a new one-view, no-passphrase push of PLAINTEXT. */
export async function hushlinkLink(api: ApiClient, origin: string): Promise<string> {
  const created = await pushSealed(
    api,
    { v: 1, kind: 'text', text: PLAINTEXT },
    { expireAfterViews: 1 },
  )
  if (!created.ok) throw new Error(`create failed: ${created.status}`)
  return `${origin}/p/${created.data.id}#${created.data.secret}`
}

// Runs in the page: a string, because tsx/esbuild would wrap a function's inner helpers in
// `__name(…)` calls that do not exist there. It checks in animation frames only: a frame comes
// once the stylesheets have loaded, and before that an element the CSS will hide (a dialog) still
// has a box, which a check at once would take for visible and click before its script is there.
const WAIT_CLICK_WAIT = `async ({ button, output, text, timeoutMs }) => {
  const deadline = performance.now() + timeoutMs
  const frame = () => new Promise((done) => requestAnimationFrame(done))
  const until = async (find, what) => {
    for (;;) {
      await frame()
      const found = find()
      if (found) return found
      if (performance.now() > deadline) throw new Error('timed out waiting for ' + what)
    }
  }
  const shown = (el) => el.offsetParent !== null || el.getClientRects().length > 0
  let buttonAt = null
  if (button) {
    const el = await until(() => {
      const found = document.querySelector(button)
      return found && !found.disabled && shown(found) ? found : null
    }, button)
    buttonAt = performance.now()
    el.click()
  }
  await until(() => {
    const found = document.querySelector(output)
    return found && found.textContent.trim() === text && shown(found)
  }, output)
  return { timeOrigin: performance.timeOrigin, button: buttonAt, plaintext: performance.now() }
}`

export interface Sample {
  /** Ms since navigation start when the button was ready (null: no button). */
  button: number | null
  plaintext: number
  beforeButton: WaterfallSummary
  beforePlaintext: WaterfallSummary
}

/** One cold open of `url` under `profile`, timed to the frame `target.text` is shown. */
export async function openCold(
  browser: Browser,
  url: string,
  profile: Profile,
  target: Target,
): Promise<Sample> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const requests = await recordRequests(cdp)
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
    if (profile.conditions)
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.conditions })
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 })
    const args = JSON.stringify({ ...target, timeoutMs: 60_000 })
    const times = (await page.evaluate(`(${WAIT_CLICK_WAIT})(${args})`)) as {
      timeOrigin: number
      button: number | null
      plaintext: number
    }
    // Let the last responses' loadingFinished (their byte counts) arrive.
    await page.waitForTimeout(50)
    const startedBy = (ms: number) => requests.filter((r) => r.wallStart <= times.timeOrigin + ms)
    return {
      button: times.button,
      plaintext: times.plaintext,
      beforeButton: summarize(startedBy(times.button ?? times.plaintext)),
      beforePlaintext: summarize(startedBy(times.plaintext)),
    }
  } finally {
    await context.close()
  }
}

/** `runs` samples of `one`, after a warm-up run that is left out (it warms the server, the OS
 *  file cache, not the browser: every run has a fresh context). */
export async function sampleRuns<T = Sample>(runs: number, one: () => Promise<T>): Promise<T[]> {
  const samples: T[] = []
  for (let run = 0; run <= runs; run++) {
    const sample = await one()
    if (run > 0) samples.push(sample)
  }
  return samples
}

/** A profile's samples reduced to medians (ms, requests, kB as sent, dependent depth). */
export function summarizeProfile(profile: Profile, samples: Sample[]) {
  const ms = (xs: number[]) => Math.round(median(xs))
  const times = samples.map((s) => s.plaintext)
  const last = samples[samples.length - 1]
  const buttons = samples.flatMap((s) => (s.button === null ? [] : [s.button]))
  return {
    profile: profile.name,
    description: profile.description,
    targetMs: profile.targetMs,
    medianMs: ms(times),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    medianRevealButtonMs: buttons.length ? ms(buttons) : null,
    requestsBeforePlaintext: ms(samples.map((s) => s.beforePlaintext.requests)),
    requestsBeforeButton: ms(samples.map((s) => s.beforeButton.requests)),
    kBBeforePlaintext:
      Math.round(median(samples.map((s) => s.beforePlaintext.encodedBytes)) / 1e2) / 10,
    depthBeforeButton: ms(samples.map((s) => s.beforeButton.depth)),
    depthBeforePlaintext: ms(samples.map((s) => s.beforePlaintext.depth)),
    maxDepthBeforeButton: Math.max(...samples.map((s) => s.beforeButton.depth)),
    longestChainBeforeButton: last.beforeButton.chain.map((url) => new URL(url).pathname),
    samples: samples.map((s) => ({
      button: s.button === null ? null : Math.round(s.button),
      plaintext: Math.round(s.plaintext),
      requests: s.beforePlaintext.requests,
      bytes: s.beforePlaintext.encodedBytes,
      depthBeforeButton: s.beforeButton.depth,
    })),
  }
}
export type ProfileResult = ReturnType<typeof summarizeProfile>
