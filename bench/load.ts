// Load helpers of the benches: autocannon runs reduced to req/s and latency, and pushes to aim at.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

export interface LoadResult {
  name: string
  connections: number
  seconds: number
  rps: number
  p50: number
  p99: number
  max: number
  /** p99 and max of the requests sent once the connections were set up (SETTLED_AFTER_MS into
   *  the run). */
  p99Settled: number
  maxSettled: number
  non2xx: number
  errors: number
  /** CPU time the server process spent per request (user + system), or null off Linux. */
  cpuMicrosPerRequest: number | null
  /** Share of one core the load generator (this process) used: near 100 % it, not the server, sets the pace. */
  clientCpuShare: number
}

export interface LoadOptions {
  connections?: number
  seconds?: number
  requests: autocannon.Request[]
  /** The server's pid, to read its CPU time: unlike req/s, it hardly moves when others load the machine. */
  pid?: number
  /** Reads the server's CPU seconds instead of `pid` (a server of many processes). */
  cpu?: () => number | null
  /** Ends the run early when it settles (`seconds` is then the longest it may take). */
  until?: Promise<unknown>
  /** Ends the run after this many requests instead (for pools that each request uses up). */
  amount?: number
}

/** User + system CPU seconds of process `pid` so far (Linux /proc), or null. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/** User + system CPU seconds of the processes `roots` and all their descendants, or null. */
export function processTreeCpuSeconds(roots: number[]): number | null {
  let total = 0
  const pending = [...roots]
  while (pending.length) {
    const pid = pending.pop()!
    const own = cpuSeconds(pid)
    if (own === null) return null
    total += own
    try {
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
      if (children) pending.push(...children.split(' ').map(Number))
    } catch {
      return null
    }
  }
  return total
}

/**
 * From this far into a run, requests go over connections already open. Before it, the server may
 * still be accepting the run's new connections, one per event-loop turn (libuv since 1.45, in
 * Node 20), which makes the first requests of a burst wait (docs/performance.md).
 */
export const SETTLED_AFTER_MS = 400

/** p99 and max of `ms`, rounded to whole milliseconds as autocannon's are; 0 for none. */
function settledLatency(ms: number[]): { p99Settled: number; maxSettled: number } {
  if (ms.length === 0) return { p99Settled: 0, maxSettled: 0 }
  const sorted = Float64Array.from(ms).sort()
  return {
    p99Settled: Math.round(sorted[Math.ceil(sorted.length * 0.99) - 1]),
    maxSettled: Math.round(sorted[sorted.length - 1]),
  }
}

/** One bounded autocannon run against `origin`. */
export async function measure(
  name: string,
  origin: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const { connections = 50, seconds = 10, requests, pid, until, amount } = options
  const readCpu = options.cpu ?? (() => cpuSeconds(pid))
  const cpuBefore = readCpu()
  const clientBefore = process.cpuUsage()
  const started = performance.now()
  const job = autocannon({
    url: origin,
    connections,
    duration: seconds,
    amount,
    timeout: 10,
    requests,
  })
  until?.then(() => job.stop())
  // A run that ends by `amount` only stops at autocannon's next one-second tick: time it to the
  // last answer instead.
  let lastAnswer = started
  const settled: number[] = []
  job.on('response', (_client, _status, _bytes, ms: number) => {
    lastAnswer = performance.now()
    if (lastAnswer - ms - started >= SETTLED_AFTER_MS) settled.push(ms)
  })
  const r = await job
  const elapsed = ((amount ? lastAnswer : performance.now()) - started) / 1000
  const cpuAfter = readCpu()
  const client = process.cpuUsage(clientBefore)
  const total = r.requests.total
  return {
    name,
    connections,
    seconds: Math.round(elapsed * 100) / 100,
    rps: Math.round(total / elapsed),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    ...settledLatency(settled),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    cpuMicrosPerRequest:
      cpuBefore === null || cpuAfter === null || total === 0
        ? null
        : Math.round(((cpuAfter - cpuBefore) * 1e6) / total),
    clientCpuShare: Math.round((client.user + client.system) / 1e4 / elapsed) / 100,
  }
}

/**
 * Every step of `plan` once for `warmupSeconds` (left out), then `rounds` rounds of every step
 * in turn for `seconds` each: interleaved, so the load of other processes falls on all alike.
 */
export async function interleavedRounds<Step>(
  plan: Step[],
  run: (step: Step, seconds: number) => Promise<LoadResult>,
  { rounds, seconds, warmupSeconds }: { rounds: number; seconds: number; warmupSeconds: number },
): Promise<LoadResult[][]> {
  for (const step of plan) await run(step, warmupSeconds)
  const results: LoadResult[][] = []
  for (let round = 1; round <= rounds; round++) {
    const row: LoadResult[] = []
    for (const step of plan) row.push(await run(step, seconds))
    console.log(`  round ${round}: ` + row.map((r) => `${r.name} ${r.rps}/s`).join(', '))
    results.push(row)
  }
  return results
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')

/** A create body with a `bytes`-long ciphertext (version byte 0x01, then random bytes). */
export function pushBody(
  views: number,
  bytes = 1024,
): { body: string; linkToken: string; ciphertext: string } {
  const raw = randomBytes(bytes)
  raw[0] = 0x01
  const ciphertext = b64url(raw)
  const linkToken = b64url(randomBytes(32))
  const body = JSON.stringify({
    kind: 'text',
    ciphertext,
    linkToken,
    expireAfterViews: views,
    expireAfterSeconds: 3600,
  })
  return { body, linkToken, ciphertext }
}

export interface PushRef {
  id: string
  linkToken: string
}

/** Creates `count` pushes over HTTP, `parallel` at a time. */
export async function createPushes(
  origin: string,
  count: number,
  views: number,
  parallel = 32,
): Promise<PushRef[]> {
  const out: PushRef[] = []
  let next = 0
  const worker = async () => {
    while (next < count) {
      next++
      const { body, linkToken } = pushBody(views)
      const res = await fetch(`${origin}/api/pushes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`)
      const { id } = (await res.json()) as { id: string }
      out.push({ id, linkToken })
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return out
}

/** A request that walks round-robin over `pushes`, built by `build` for each one. */
export function rotating(
  pushes: PushRef[],
  build: (p: PushRef) => autocannon.Request,
): autocannon.Request {
  let i = 0
  return { setupRequest: (req) => ({ ...req, ...build(pushes[i++ % pushes.length]) }) }
}

export const JSON_HEADERS = { 'content-type': 'application/json' }

/** The three product scenarios of `npm run bench`, aimed at pools of pushes made beforehand. */
export const scenarios = {
  metadata: (pool: PushRef[]) =>
    rotating(pool, (p) => ({
      method: 'GET',
      path: `/api/pushes/${p.id}`,
      headers: { 'x-link-token': p.linkToken },
    })),
  reveal: (pool: PushRef[]) =>
    rotating(pool, (p) => ({
      method: 'POST',
      path: `/api/pushes/${p.id}/reveal`,
      headers: JSON_HEADERS,
      body: JSON.stringify({ linkToken: p.linkToken }),
    })),
  create: () => ({
    method: 'POST',
    path: '/api/pushes',
    headers: JSON_HEADERS,
    body: pushBody(5).body,
  }),
}
