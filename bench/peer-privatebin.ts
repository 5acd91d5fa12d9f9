// Hushlink against PrivateBin (issue 17), on this machine in one run: time to plaintext under the
// three network profiles, then API latency under load, each of Hushlink's numbers beside
// PrivateBin's and their ratio. PrivateBin runs beforehand (bench/privatebin/setup.sh installs and
// starts it); Hushlink is started here as `bench:time-to-plaintext` starts it.
//
// Time to plaintext: the method of bench/ttp-shared.ts for both, runs of the two products
// alternating (who goes first swaps every run), a fresh link each run. Hushlink's is a one-view
// push, opened and revealed with a click; PrivateBin's a paste made through its JSON API in its
// own v2 format (bench/privatebin/paste.ts), without burn after reading: its page decrypts on load,
// and the clock stops when the text is shown. --privatebin-burn makes them burn after reading, as
// Hushlink's one view: the page then asks first, and "Yes, see it" is clicked as reveal is.
//
// Load: autocannon at --connections for --seconds per run, after a 2 s warm-up: Hushlink's
// metadata read and reveal (of 100-view pushes) against PrivateBin's paste read (the JSON API),
// and the creates, PrivateBin's each with a ciphertext of its own (it names a paste by a hash of
// it). PrivateBin answers its errors with 200 and `status` 1, so its answers are read and counted.
// CPU per request from /proc: Hushlink's process, PrivateBin's nginx and php-fpm trees (their pid
// files in --privatebin-dir).
//   bench/privatebin/setup.sh /tmp/privatebin 8080 && npm run build
//   npm run bench:peer -- --privatebin http://127.0.0.1:8080 [--privatebin-dir /tmp/privatebin]
//     [--runs 15] [--profiles loopback,40ms,150ms] [--seconds 10] [--connections 50]
//     [--rounds 1] [--only ttp|load] [--privatebin-burn]
// Writes bench/results/peer-privatebin.json and .md.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type autocannon from 'autocannon'
import { createApiClient } from '../src/lib/api/client'
import { createPushes, interleavedRounds, measure, processTreeCpuSeconds, scenarios } from './load'
import { describeMachine, machine } from './machine'
import { createPaste, JSON_API, sealer } from './privatebin/paste'
import { loadPairs, markdown, ttpPair, type TtpPair } from './privatebin/peer-report'
import { ROOT } from './server-process'
import {
  ALL_PROFILES,
  HUSHLINK_TARGET,
  hushlinkLink,
  launchBrowser,
  requireBuild,
  startHushlink,
  openCold,
  PLAINTEXT,
  sampleRuns,
  selectProfiles,
  type Sample,
} from './ttp-shared'

const { values: flags } = parseArgs({
  options: {
    privatebin: { type: 'string' },
    'privatebin-dir': { type: 'string', default: '/tmp/privatebin' },
    runs: { type: 'string', default: '15' },
    profiles: { type: 'string', default: ALL_PROFILES },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
    only: { type: 'string' },
    'privatebin-burn': { type: 'boolean', default: false },
    dir: { type: 'string', default: 'build' },
  },
})
if (!flags.privatebin) {
  console.error("Pass PrivateBin's URL: --privatebin http://127.0.0.1:8080 (see the header).")
  process.exit(1)
}
const peer = flags.privatebin.replace(/\/$/, '')
const runs = Number(flags.runs)
const seconds = Number(flags.seconds)
const connections = Number(flags.connections)
const rounds = Number(flags.rounds)
const staticDir = resolve(ROOT, flags.dir)
requireBuild(staticDir)
const WARMUP_SECONDS = 2
/** Highest reveal rate planned for (as `npm run bench`): the pool holds enough views for it. */
const MAX_RPS = 12_000

/** The version PrivateBin's page names in its assets' query strings. */
async function peerVersion(): Promise<string> {
  const res = await fetch(`${peer}/`).catch(() => null)
  const page = res?.ok ? await res.text() : ''
  const version = /privatebin\.css\?([^"&]+)"/.exec(page)?.[1]
  if (!version) throw new Error(`no PrivateBin at ${peer}: start it (bench/privatebin/setup.sh)`)
  return decodeURIComponent(version)
}

/** CPU seconds of PrivateBin's nginx and php-fpm, from the pid files setup.sh's start.sh writes. */
function peerCpu(): (() => number | null) | undefined {
  const pids = ['nginx', 'php-fpm'].map((name) => {
    const file = join(flags['privatebin-dir'], 'run', `${name}.pid`)
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN
  })
  if (pids.some(Number.isNaN)) return undefined
  return () => processTreeCpuSeconds(pids)
}

const burn = flags['privatebin-burn']
/** A paste link of PLAINTEXT, of a key of its own. */
async function peerLink(): Promise<string> {
  const paste = sealer(PLAINTEXT, { burn })
  return paste.link(peer, await createPaste(peer, paste.body()))
}
/** PrivateBin decrypts a paste on load, or after a click on "Yes, see it" if it burns. */
const PEER_TARGET = {
  button: burn ? '#loadconfirm-open-now' : null,
  output: '#prettyprint',
  text: PLAINTEXT,
}

async function timeToPlaintext(origin: string): Promise<TtpPair[]> {
  const browser = await launchBrowser()
  const api = createApiClient(origin)
  const pairs: TtpPair[] = []
  try {
    for (const profile of selectProfiles(flags.profiles)) {
      let turn = 0
      const samples = await sampleRuns(runs, async () => {
        const ours = () =>
          hushlinkLink(api, origin).then((url) => openCold(browser, url, profile, HUSHLINK_TARGET))
        const theirs = () => peerLink().then((url) => openCold(browser, url, profile, PEER_TARGET))
        const first = turn++ % 2 === 0
        const a: Sample = await (first ? ours() : theirs())
        const b: Sample = await (first ? theirs() : ours())
        return first ? { hushlink: a, privatebin: b } : { hushlink: b, privatebin: a }
      })
      const pair = ttpPair(profile, samples)
      pairs.push(pair)
      console.log(pair.line)
    }
  } finally {
    await browser.close()
  }
  return pairs
}

/** Counts PrivateBin's answers that are errors in a 200 (`status` other than 0). */
function peerStatus() {
  const counter = { failed: 0 }
  const onResponse = (_status: number, body: string) => {
    if (!body.startsWith('{"status":0')) counter.failed++
  }
  return { counter, onResponse }
}

async function underLoad(origin: string, pid: number | undefined) {
  const metaPool = await createPushes(origin, 1000, 100)
  const reveals = (rounds * seconds + WARMUP_SECONDS * 2) * MAX_RPS
  const revealPool = await createPushes(origin, Math.ceil(reveals / 100), 100)
  // About 1 KiB of ciphertext, as Hushlink's pushes here (load.ts): 1280 random characters.
  const paste = sealer(randomBytes(960).toString('base64'))
  const pasteIds = await Promise.all(
    Array.from({ length: 200 }, () => createPaste(peer, paste.body())),
  )
  let next = 0
  const read = () => ({
    setupRequest: (req: autocannon.Request) => ({
      ...req,
      method: 'GET',
      path: `/?pasteid=${pasteIds[next++ % pasteIds.length]}`,
      headers: JSON_API,
    }),
  })
  const create = () => ({
    setupRequest: (req: autocannon.Request) => ({
      ...req,
      method: 'POST',
      path: '/',
      headers: { ...JSON_API, 'content-type': 'application/json' },
      body: paste.body(),
    }),
  })
  const ours = { origin, cpu: undefined, pid }
  const theirs = { origin: peer, cpu: peerCpu(), pid: undefined }
  const plan = [
    { name: 'hushlink metadata', server: ours, request: () => scenarios.metadata(metaPool) },
    { name: 'hushlink reveal', server: ours, request: () => scenarios.reveal(revealPool) },
    { name: 'privatebin read', server: theirs, request: read },
    { name: 'hushlink create', server: ours, request: () => scenarios.create() },
    { name: 'privatebin create', server: theirs, request: create },
  ]
  const load = async (step: (typeof plan)[number], runSeconds: number) => {
    const status = step.server === theirs ? peerStatus() : null
    const request: autocannon.Request = step.request()
    if (status) request.onResponse = status.onResponse
    const result = await measure(step.name, step.server.origin, {
      connections,
      seconds: runSeconds,
      requests: [request],
      pid: step.server.pid,
      cpu: step.server.cpu,
    })
    return { ...result, errors: result.errors + (status?.counter.failed ?? 0) }
  }
  const results = await interleavedRounds(plan, load, {
    rounds,
    seconds,
    warmupSeconds: WARMUP_SECONDS,
  })
  const pairs = loadPairs(results)
  for (const pair of pairs) console.log(pair.line)
  const bodies =
    `create bodies: Hushlink ${scenarios.create().body.length} bytes, ` +
    `PrivateBin ${paste.body().length} bytes`
  console.log(bodies)
  return { pairs, bodies }
}

const version = await peerVersion()
const server = await startHushlink(staticDir)
try {
  const info = machine()
  const header =
    `Hushlink against PrivateBin ${version} (${peer}) — ${describeMachine(info)}; ` +
    `load average ${loadavg()[0].toFixed(1)} at the start`
  console.log(header)
  const ttp = flags.only === 'load' ? [] : await timeToPlaintext(server.origin)
  const { pairs: load, bodies } =
    flags.only === 'ttp'
      ? { pairs: [], bodies: '' }
      : await underLoad(server.origin, server.child.pid)
  const loadAtEnd = `load average ${loadavg()[0].toFixed(1)} at the end`
  const settings = { runs, connections, seconds, rounds }
  const privatebin = { version, url: peer, burnAfterReading: burn }
  const out = { machine: info, privatebin, settings, loadAtEnd, ttp, load, bodies }
  writeFileSync(
    join(ROOT, 'bench/results/peer-privatebin.json'),
    JSON.stringify(out, null, 2) + '\n',
  )
  writeFileSync(
    join(ROOT, 'bench/results/peer-privatebin.md'),
    markdown({ header: `${header}; ${loadAtEnd}.`, settings, burn, ttp, load, bodies }),
  )
  console.log('wrote bench/results/peer-privatebin.json and .md')
} finally {
  await server.stop()
}
