// `npm run bench`: the real server (tsx server/index.ts on a temp database, rate limits off)
// against a hello-world baseline of the same stack, each loaded by autocannon at 50 connections
// on loopback: metadata reads, reveals of 100-view pushes, creates with a 1 KiB ciphertext, and
// (no target, for the record) reveals of one-view pushes, which end them. On a shared machine the
// load of other processes comes and goes, so the scenarios run in interleaved rounds, each ratio
// taken against the baseline of its own round, and the median round is reported, with the
// server's CPU time per request beside it. A static file of about 1 KiB from the build (when there
// is one) is fetched from Hushlink and from nginx serving the same directory, if nginx is
// installed ($NGINX or the PATH), and their CPU per request compared. Writes
// bench/results/latest.json.
//   BENCH_ROUNDS=4  BENCH_SECONDS=5 (per run)  BENCH_CONNECTIONS=50    (about 2 minutes in all)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type autocannon from 'autocannon'
import { storeFloor } from './floor'
import { createPushes, interleavedRounds, measure, scenarios } from './load'
import { describeMachine, machine } from './machine'
import { startNginx } from './nginx'
import { compareStatic, summarize, table, type Scenario } from './report'
import { ROOT, startServer, type ServerProcess } from './server-process'
import { staticFileNear } from './static-file'

const rounds = Number(process.env.BENCH_ROUNDS ?? 4)
const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const WARMUP_SECONDS = 2
/** Highest reveal rate we plan for; the reveal pool holds enough views for it. */
const MAX_RPS = 12_000
/** Requests per run of the last-view scenario: each uses up a one-view push, made beforehand. */
const LAST_VIEWS = 4000

const dir = mkdtempSync(join(tmpdir(), 'hushlink-bench-'))
const buildDir = join(ROOT, 'build')
const staticFile = staticFileNear(buildDir, 1024)
const product = await startServer({
  env: {
    DATABASE_URL: `file:${join(dir, 'bench.db')}`,
    HUSHLINK_RATE_LIMIT: 'off',
    HUSHLINK_SERVE_FRONTEND: staticFile ? 'true' : 'false',
    HUSHLINK_STATIC_DIR: buildDir,
  },
})
const baseline = await startServer({ script: 'bench/baseline-server.ts', readyPath: '/hello' })
const nginx = staticFile ? await startNginx(buildDir) : null
const nginxMissing = nginx ? null : 'no nginx installed (set NGINX=/path/to/nginx)'

try {
  const started = Date.now()
  const info = machine()
  console.log(`Hushlink bench — ${describeMachine(info)}; load average ${loadavg()[0].toFixed(1)}`)
  const metaPool = await createPushes(product.origin, 1000, 100)
  const reveals = (rounds * seconds + WARMUP_SECONDS) * MAX_RPS
  const revealPool = await createPushes(product.origin, Math.ceil(reveals / 100), 100)
  // One request object for all runs: its round-robin goes on where the last run stopped.
  const lastViews = scenarios.reveal(
    await createPushes(product.origin, (rounds + 1) * LAST_VIEWS, 1),
  )

  type Step = {
    name: Scenario
    server: ServerProcess
    request: () => autocannon.Request
    amount?: number
  }
  const plan: Step[] = [
    { name: 'baseline', server: baseline, request: () => ({ method: 'GET', path: '/hello' }) },
    { name: 'metadata', server: product, request: () => scenarios.metadata(metaPool) },
    { name: 'reveal', server: product, request: () => scenarios.reveal(revealPool) },
    { name: 'create', server: product, request: () => scenarios.create() },
    // One-view pushes: each reveal ends its push, deletes the bytes and checkpoints the WAL.
    { name: 'last-view', server: product, request: () => lastViews, amount: LAST_VIEWS },
  ]
  if (staticFile) {
    const get = () => ({ method: 'GET' as const, path: staticFile.path })
    plan.push({ name: 'static', server: product, request: get })
    if (nginx) plan.push({ name: 'nginx', server: nginx, request: get })
    console.log(`static file: ${staticFile.path} (${staticFile.bytes} bytes, sent as is)`)
  } else console.log('static file: no build/ — run `npm run build` to measure it')
  if (staticFile && !nginx) console.log(`static file: not compared with nginx, ${nginxMissing}`)
  const load = (step: Step, seconds: number) =>
    measure(step.name, step.server.origin, {
      connections,
      seconds,
      amount: step.amount && Math.min(step.amount, seconds * MAX_RPS),
      requests: [step.request()],
      pid: step.server.child.pid,
    })
  const runs = await interleavedRounds(plan, load, {
    rounds,
    seconds,
    warmupSeconds: WARMUP_SECONDS,
  })

  const report = summarize(runs)
  console.log('\n' + table(report, connections))
  const staticVsNginx = compareStatic(runs, nginxMissing)
  console.log(staticVsNginx.line)
  // What the database alone costs per request bounds every ratio, whatever the HTTP layer does.
  const floor = await storeFloor()
  const baselineMicros = report[0].cpuMicros
  const cap = (micros: number) =>
    baselineMicros === null ? null : Math.round((100 * baselineMicros) / (baselineMicros + micros))
  const ceiling = { reveal: cap(floor.revealMicros), create: cap(floor.createMicros) }
  console.log(
    `\nstore alone (in-process, 50 calls in flight): reveal ${floor.revealMicros} µs, ` +
      `create ${floor.createMicros} µs per call. With the baseline's ${baselineMicros} µs per ` +
      `request, a free HTTP layer would reach at most reveal ${ceiling.reveal}% and create ` +
      `${ceiling.create}% of the baseline.`,
  )
  const out = {
    machine: info,
    loadAverageAfter: loadavg(),
    connections,
    rounds,
    secondsPerRun: seconds,
    results: report,
    storeFloor: { ...floor, ceilingPercent: ceiling },
    staticFile: staticFile && { ...staticFile, ...staticVsNginx },
    runs,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  }
  writeFileSync(join(ROOT, 'bench/results/latest.json'), JSON.stringify(out, null, 2) + '\n')
  console.log(`\nwrote bench/results/latest.json (${out.totalSeconds} s)`)
  if (!report.every((r) => r.pass !== false) || staticVsNginx.pass === false) process.exitCode = 1
} finally {
  await product.stop()
  await baseline.stop()
  await nginx?.stop()
  rmSync(dir, { recursive: true, force: true })
}
