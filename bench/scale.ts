// Scale (not part of npm test): seeds a database with --pushes (10^6) pushes — --expired (10^5) of
// them about to run out of time, the rest live or ended pushes with their audit trails — then
//  1. starts the server on it and keeps reveals coming: once the expiring ones are out of time the
//     sweeper ends them, and the p99 of the reveals meanwhile shows whether it stalls requests;
//  2. compares reveal and create throughput on that database with an empty one, in interleaved
//     rounds (target: within 20%). Writes bench/results/scale.json.
//   npx tsx bench/scale.ts [--pushes 1000000] [--expired 100000] [--rounds 3] [--seconds 5]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'libsql'
import { loadSodium } from '../src/lib/crypto'
import { createPushes, measure, scenarios, type LoadResult } from './load'
import { describeMachine, machine } from './machine'
import { median } from './report'
import { seed } from './seed'
import { ROOT, startServer, type ServerProcess } from './server-process'

const { values: flags } = parseArgs({
  options: {
    pushes: { type: 'string', default: '1000000' },
    expired: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
  },
})
const pushes = Number(flags.pushes)
const expired = Math.min(Number(flags.expired), Math.floor(pushes / 2))
const rounds = Number(flags.rounds)
const seconds = Number(flags.seconds)
const POOL = 2000
const POOL_VIEWS = 100
const SWEEP_LIMIT_SECONDS = 170
/** Time for the server to start and warm up before the expiring pushes run out. */
const GRACE_MS = 12_000
/** Where the seed parks the expiring pushes until we set their real expiry. */
const PARKED = Date.now() + 365 * 86_400_000

await loadSodium()
const dir = mkdtempSync(join(tmpdir(), 'hushlink-scale-'))
const seededPath = join(dir, 'seeded.db')
const servers: ServerProcess[] = []
const env = (path: string) => ({
  DATABASE_URL: `file:${path}`,
  HUSHLINK_RATE_LIMIT: 'off',
  HUSHLINK_SERVE_FRONTEND: 'false',
  // The sweeper looks every second, so it starts within a second of the pushes running out.
  HUSHLINK_SWEEP_INTERVAL_SECONDS: '1',
})

/** Sets when the parked pushes run out, before a server opens the file. */
function expireParkedAt(path: string, at: number): void {
  const db = new Database(path)
  db.prepare('UPDATE pushes SET expires_at = ? WHERE ended_at IS NULL AND expires_at = ?').run([
    at,
    PARKED,
  ])
  db.close()
}

/**
 * Resolves with the seconds from `at` until no push that runs out by then is active any more
 * (polled on a connection of our own; reads never block the server's writes in WAL mode).
 */
function sweepDone(path: string, at: number): { done: Promise<number>; remaining: () => number } {
  const db = new Database(path)
  db.exec('PRAGMA busy_timeout = 5000')
  const count = db.prepare(
    'SELECT count(*) AS n FROM pushes WHERE ended_at IS NULL AND expires_at <= ?',
  )
  const remaining = () => (count.get([at]) as { n: number }).n
  const done = new Promise<number>((resolve) => {
    const poll = setInterval(() => {
      const late = Date.now() - at > SWEEP_LIMIT_SECONDS * 1000
      if (Date.now() < at || (remaining() > 0 && !late)) return
      clearInterval(poll)
      db.close()
      resolve((Date.now() - at) / 1000)
    }, 200)
  })
  return { done, remaining }
}

try {
  const info = machine()
  console.log(`Hushlink scale — ${describeMachine(info)}; load average ${loadavg()[0].toFixed(1)}`)
  console.log(
    `seeding ${pushes.toLocaleString('en')} pushes (${expired.toLocaleString('en')} expired, still active)…`,
  )
  const population = { pushes, expired, expiresAt: PARKED, pool: POOL, poolViews: POOL_VIEWS }
  const seeded = await seed(seededPath, population, (done) => {
    if (done % Math.max(10_000, Math.round(pushes / 10 / 10_000) * 10_000) === 0)
      process.stdout.write(`  ${done}\n`)
  })
  console.log(`  ${JSON.stringify(seeded.rows)}, ${seeded.megabytes} MiB, ${seeded.seconds} s`)

  // 1. The sweeper at work under load: start, warm up, then load until it has ended them all.
  const expiresAt = Date.now() + GRACE_MS
  expireParkedAt(seededPath, expiresAt)
  const watch = sweepDone(seededPath, expiresAt)
  const big = await startServer({ env: env(seededPath) })
  servers.push(big)
  await measure('warm-up', big.origin, { seconds: 2, requests: [scenarios.reveal(seeded.pool)] })
  // The same load just before, for comparison: nothing has run out of time yet.
  const before = await measure('reveal before sweep', big.origin, {
    seconds: Math.max(1, Math.floor((expiresAt - Date.now() - 300) / 1000)),
    requests: [scenarios.reveal(seeded.pool)],
    pid: big.child.pid,
  })
  const leftAtStart = watch.remaining()
  const during = await measure('reveal during sweep', big.origin, {
    seconds: SWEEP_LIMIT_SECONDS,
    requests: [scenarios.reveal(seeded.pool)],
    pid: big.child.pid,
    until: watch.done,
  })
  const sweepSeconds = await watch.done
  const stats = (r: LoadResult) =>
    `${r.rps} reveals/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, failed ${r.non2xx + r.errors}`
  console.log(
    `sweep: ${expired - leftAtStart} of ${expired} ended before the measured load began; all ended ` +
      `${sweepSeconds.toFixed(1)} s after running out.\n  before the sweep: ${stats(before)}` +
      `\n  during the sweep: ${stats(during)}`,
  )

  // 2. Throughput against an empty database, interleaved so machine noise hits both alike.
  const small = await startServer({ env: env(join(dir, 'empty.db')) })
  servers.push(small)
  const smallPool = await createPushes(small.origin, POOL, POOL_VIEWS)
  const plan: [string, ServerProcess, () => Parameters<typeof measure>[2]['requests'][0]][] = [
    ['reveal empty', small, () => scenarios.reveal(smallPool)],
    ['reveal seeded', big, () => scenarios.reveal(seeded.pool)],
    ['create empty', small, () => scenarios.create()],
    ['create seeded', big, () => scenarios.create()],
  ]
  for (const [name, server, request] of plan) {
    await measure(name, server.origin, { seconds: 2, requests: [request()] })
  }
  const runs: LoadResult[][] = []
  for (let round = 1; round <= rounds; round++) {
    const results: LoadResult[] = []
    for (const [name, server, request] of plan) {
      results.push(
        await measure(name, server.origin, {
          seconds,
          requests: [request()],
          pid: server.child.pid,
        }),
      )
    }
    console.log(`  round ${round}: ` + results.map((r) => `${r.name} ${r.rps}/s`).join(', '))
    runs.push(results)
  }
  const compare = (empty: number, full: number) => ({
    empty: median(runs.map((r) => r[empty].rps)),
    seeded: median(runs.map((r) => r[full].rps)),
    ratio: median(runs.map((r) => r[full].rps / r[empty].rps)),
    p99: {
      empty: median(runs.map((r) => r[empty].p99)),
      seeded: median(runs.map((r) => r[full].p99)),
    },
    cpuMicros: {
      empty: median(runs.map((r) => r[empty].cpuMicrosPerRequest ?? NaN)),
      seeded: median(runs.map((r) => r[full].cpuMicrosPerRequest ?? NaN)),
    },
  })
  const reveal = compare(0, 1)
  const create = compare(2, 3)
  const pct = (x: number) => `${Math.round(x * 100)}%`
  for (const [name, c] of [
    ['reveal', reveal],
    ['create', create],
  ] as const) {
    console.log(
      `${name}: empty ${c.empty}/s, ${pushes.toLocaleString('en')} pushes ${c.seeded}/s = ${pct(c.ratio)} ` +
        `(target ≥ 80%), p99 ${c.p99.empty} → ${c.p99.seeded} ms, cpu ${c.cpuMicros.empty} → ${c.cpuMicros.seeded} µs/req`,
    )
  }
  const out = {
    machine: info,
    loadAverageAfter: loadavg(),
    seed: { pushes, expired, ...seeded, pool: seeded.pool.length },
    sweep: {
      expired,
      endedBeforeLoad: expired - leftAtStart,
      seconds: sweepSeconds,
      before,
      during,
    },
    reveal,
    create,
    runs,
  }
  writeFileSync(join(ROOT, 'bench/results/scale.json'), JSON.stringify(out, null, 2) + '\n')
  console.log('wrote bench/results/scale.json')
} finally {
  for (const server of servers) await server.stop()
  rmSync(dir, { recursive: true, force: true })
}
