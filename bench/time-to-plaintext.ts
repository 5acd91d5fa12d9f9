// Time to plaintext, what a recipient feels: Chromium opens a no-passphrase push's link in a fresh
// context (cold cache), clicks reveal as soon as it can (in the page, with no automation round
// trip: bench/ttp-shared.ts), and the page's own clock (ms since navigation start) is read the
// frame the decrypted secret is in the DOM. For each network profile (Chromium's emulation through
// CDP Network.emulateNetworkConditions: per-request latency and throughput caps), the median of
// --runs (15) after one warm-up run that is left out.
//
// Besides the time, each run records through CDP: the requests the page made before the reveal
// button was ready and before the secret showed, their bytes as sent (encodedDataLength: headers
// and compressed body) and the dependent-request depth, the longest chain of requests each started
// only after the previous one had finished (bench/waterfall.ts explains the method and its limit).
//   npm run build && npm run bench:time-to-plaintext -- [--runs 15] [--dir build] [--label after]
//     [--profiles loopback,40ms,150ms]
// Writes bench/results/time-to-plaintext[-label].json and .md.
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from '@playwright/test'
import { createApiClient, type ApiClient } from '../src/lib/api/client'
import { describeMachine, machine } from './machine'
import { ROOT } from './server-process'
import {
  ALL_PROFILES,
  HUSHLINK_TARGET,
  hushlinkLink,
  launchBrowser,
  requireBuild,
  startHushlink,
  openCold,
  sampleRuns,
  selectProfiles,
  summarizeProfile,
  type Profile,
  type ProfileResult,
} from './ttp-shared'

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    dir: { type: 'string', default: 'build' },
    label: { type: 'string', default: '' },
    profiles: { type: 'string', default: ALL_PROFILES },
  },
})
const runs = Number(flags.runs)
const staticDir = resolve(ROOT, flags.dir)
const profiles = selectProfiles(flags.profiles)
requireBuild(staticDir)

async function oneRun(browser: Browser, api: ApiClient, origin: string, profile: Profile) {
  return openCold(browser, await hushlinkLink(api, origin), profile, HUSHLINK_TARGET)
}

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

const server = await startHushlink(staticDir)
const browser = await launchBrowser()

try {
  const header =
    `Hushlink time to plaintext — ${describeMachine(machine())}; ` +
    `load average ${loadavg()[0].toFixed(1)} at the start; ${runs} cold runs per network, median`
  console.log(header)
  const api = createApiClient(server.origin)
  const results: ProfileResult[] = []
  for (const profile of profiles) {
    const samples = await sampleRuns(runs, () => oneRun(browser, api, server.origin, profile))
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
}
