// Time to plaintext, what a recipient feels: Chromium opens a no-passphrase push's link in a fresh
// context (cold cache), clicks reveal as soon as it can, and the page's own clock (ms since
// navigation start) is read the frame the decrypted secret is in the DOM. For each network
// profile (Chromium's emulation through CDP Network.emulateNetworkConditions: per-request latency
// and throughput caps), the median of --runs (15) after one warm-up run that is left out.
//
// Besides the time, each run records through CDP: the requests the page made before the reveal
// button was ready and before the secret showed, their bytes as sent (encodedDataLength: headers
// and compressed body) and the dependent-request depth, the longest chain of requests each started
// only after the previous one had finished (bench/waterfall.ts explains the method and its limit).
//   npm run build && npm run bench:time-to-plaintext -- [--runs 15] [--dir build] [--label after]
//     [--profiles loopback,40ms,150ms]
// Writes bench/results/time-to-plaintext[-label].json and .md.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Browser } from '@playwright/test'
import { createApiClient, type ApiClient } from '../src/lib/api/client'
import { pushSealed } from '../src/lib/api/push-flow'
import { describeMachine, machine } from './machine'
import { median } from './report'
import { ROOT, startServer } from './server-process'
import { recordRequests, summarize, type WaterfallSummary } from './waterfall'

interface Profile {
  name: string
  /** Emulated conditions; null for none (loopback as it is). */
  conditions: { latency: number; downloadThroughput: number; uploadThroughput: number } | null
  targetMs: number
}

const megabits = (n: number) => (n * 1_000_000) / 8
const PROFILES: Profile[] = [
  { name: 'loopback', conditions: null, targetMs: 300 },
  {
    name: '40ms',
    conditions: { latency: 40, downloadThroughput: megabits(10), uploadThroughput: megabits(10) },
    targetMs: 700,
  },
  {
    name: '150ms',
    conditions: {
      latency: 150,
      downloadThroughput: megabits(1.6),
      uploadThroughput: megabits(0.75),
    },
    targetMs: 1600,
  },
]
const DESCRIPTION: Record<string, string> = {
  loopback: 'loopback, no emulation',
  '40ms': '40 ms RTT, 10 Mbps',
  '150ms': '150 ms RTT, 1.6 Mbps down / 750 kbps up',
}

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    dir: { type: 'string', default: 'build' },
    label: { type: 'string', default: '' },
    profiles: { type: 'string', default: PROFILES.map((p) => p.name).join(',') },
  },
})
const runs = Number(flags.runs)
const staticDir = resolve(ROOT, flags.dir)
const profiles = flags.profiles.split(',').map((name) => {
  const profile = PROFILES.find((p) => p.name === name)
  if (!profile) throw new Error(`unknown profile ${name}; known: ${PROFILES.map((p) => p.name)}`)
  return profile
})
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`No built SPA in ${staticDir}: run \`npm run build\` first (or pass --dir).`)
  process.exit(1)
}

/** Playwright's own Chromium when it has one, else the system's. */
const executablePath = existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium'
const PLAINTEXT = 'correct horse battery staple'

interface Sample {
  button: number
  plaintext: number
  beforeButton: WaterfallSummary
  beforePlaintext: WaterfallSummary
}

async function oneRun(browser: Browser, api: ApiClient, origin: string, profile: Profile) {
  const created = await pushSealed(
    api,
    { v: 1, kind: 'text', text: PLAINTEXT },
    { expireAfterViews: 1 },
  )
  if (!created.ok) throw new Error(`create failed: ${created.status}`)
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const requests = await recordRequests(cdp)
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
    if (profile.conditions)
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.conditions })
    await page.goto(`${origin}/p/${created.data.id}#${created.data.secret}`, {
      waitUntil: 'commit',
      timeout: 60_000,
    })
    // Both clocks are the page's own: milliseconds since its navigation started.
    const button = await page.waitForFunction(
      () => {
        const el = document.querySelector<HTMLButtonElement>('[data-testid="reveal-button"]')
        return el && !el.disabled && el.offsetParent !== null ? performance.now() : false
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    )
    const beforeButton = requests.length
    await page.getByTestId('reveal-button').click()
    const shown = await page.waitForFunction(
      (text) =>
        document.querySelector('[data-testid="secret-output"]')?.textContent?.trim() === text &&
        performance.now(),
      PLAINTEXT,
      { polling: 'raf', timeout: 60_000 },
    )
    const beforePlaintext = requests.length
    // Let the last responses' loadingFinished (their byte counts) arrive.
    await page.waitForTimeout(50)
    return {
      button: Number(await button.jsonValue()),
      plaintext: Number(await shown.jsonValue()),
      beforeButton: summarize(requests.slice(0, beforeButton)),
      beforePlaintext: summarize(requests.slice(0, beforePlaintext)),
    } satisfies Sample
  } finally {
    await context.close()
  }
}

function summarizeProfile(profile: Profile, samples: Sample[]) {
  const ms = (xs: number[]) => Math.round(median(xs))
  const times = samples.map((s) => s.plaintext)
  const last = samples[samples.length - 1]
  return {
    profile: profile.name,
    description: DESCRIPTION[profile.name],
    targetMs: profile.targetMs,
    medianMs: ms(times),
    minMs: Math.round(Math.min(...times)),
    maxMs: Math.round(Math.max(...times)),
    medianRevealButtonMs: ms(samples.map((s) => s.button)),
    requestsBeforePlaintext: ms(samples.map((s) => s.beforePlaintext.requests)),
    requestsBeforeButton: ms(samples.map((s) => s.beforeButton.requests)),
    kBBeforePlaintext:
      Math.round(median(samples.map((s) => s.beforePlaintext.encodedBytes)) / 1e2) / 10,
    depthBeforeButton: ms(samples.map((s) => s.beforeButton.depth)),
    depthBeforePlaintext: ms(samples.map((s) => s.beforePlaintext.depth)),
    maxDepthBeforeButton: Math.max(...samples.map((s) => s.beforeButton.depth)),
    longestChainBeforeButton: last.beforeButton.chain.map((url) => new URL(url).pathname),
    samples: samples.map((s) => ({
      button: Math.round(s.button),
      plaintext: Math.round(s.plaintext),
      requests: s.beforePlaintext.requests,
      bytes: s.beforePlaintext.encodedBytes,
      depthBeforeButton: s.beforeButton.depth,
    })),
  }
}
type ProfileResult = ReturnType<typeof summarizeProfile>

function markdown(results: ProfileResult[], header: string): string {
  const rows = results.map(
    (r) =>
      `| ${r.description} | ${r.medianMs} ms (${r.minMs}–${r.maxMs}) | ≤ ${r.targetMs} ms | ` +
      `${r.medianRevealButtonMs} ms | ${r.requestsBeforePlaintext} | ${r.kBBeforePlaintext} kB | ` +
      `${r.depthBeforeButton} (max ${r.maxDepthBeforeButton}) |`,
  )
  const chains = results.map((r) => `- ${r.description}: ${r.longestChainBeforeButton.join(' → ')}`)
  return [
    `# Time to plaintext${flags.label ? ` (${flags.label})` : ''}`,
    '',
    header,
    '',
    '| network | navigation → plaintext, median (min–max) | target | reveal button ready | requests | bytes as sent | dependent depth before the button |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'A longest dependent chain before the reveal button (last run):',
    '',
    ...chains,
    '',
  ].join('\n')
}

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
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'],
})

try {
  const header =
    `Hushlink time to plaintext — ${describeMachine(machine())}; ` +
    `load average ${loadavg()[0].toFixed(1)} at the start; ${runs} cold runs per network, median`
  console.log(header)
  const api = createApiClient(server.origin)
  const results: ProfileResult[] = []
  for (const profile of profiles) {
    const samples: Sample[] = []
    for (let run = 0; run <= runs; run++) {
      const sample = await oneRun(browser, api, server.origin, profile)
      // The first run warms the server (and the OS file cache), not the browser: it is left out.
      if (run > 0) samples.push(sample)
    }
    const result = summarizeProfile(profile, samples)
    results.push(result)
    console.log(
      `${result.description}: navigation → plaintext median ${result.medianMs} ms ` +
        `(min ${result.minMs}, max ${result.maxMs}; target ≤ ${result.targetMs}); reveal button at ` +
        `${result.medianRevealButtonMs} ms; ${result.requestsBeforePlaintext} requests, ` +
        `${result.kBBeforePlaintext} kB as sent; dependent depth before the button ` +
        `${result.depthBeforeButton} (max ${result.maxDepthBeforeButton})`,
    )
  }
  const name = `time-to-plaintext${flags.label ? `-${flags.label}` : ''}`
  const loadAtEnd = `load average ${loadavg()[0].toFixed(1)} at the end`
  writeFileSync(
    join(ROOT, `bench/results/${name}.json`),
    JSON.stringify({ machine: machine(), runs, loadAtEnd, results }, null, 2) + '\n',
  )
  writeFileSync(
    join(ROOT, `bench/results/${name}.md`),
    markdown(results, `${header}; ${loadAtEnd}.`),
  )
  console.log(`wrote bench/results/${name}.json and .md`)
} finally {
  await browser.close()
  await server.stop()
  rmSync(dir, { recursive: true, force: true })
}
