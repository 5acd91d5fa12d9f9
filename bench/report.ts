// Turns the rounds of `npm run bench` into one line per scenario: medians, ratios, targets.
import { SETTLED_AFTER_MS, type LoadResult } from './load'

export type Scenario =
  'baseline' | 'metadata' | 'reveal' | 'create' | 'last-view' | 'static' | 'nginx'

/** Scenarios with no target of their own (the static file is judged against nginx instead). */
const INFORMATIONAL = new Set<Scenario>(['baseline', 'last-view', 'static', 'nginx'])
/** Most CPU per request the static file may cost, as a multiple of nginx's (issue 17). */
export const STATIC_CPU_TARGET = 3

/** Share of the baseline's req/s each scenario should reach (issue 9); metadata has none. */
export const RATIO_TARGETS: Partial<Record<Scenario, number>> = { reveal: 0.4, create: 0.3 }
export const P99_TARGET_MS = 20

export interface ScenarioSummary {
  name: Scenario
  rps: number
  p50: number
  p99: number
  worstP99: number
  /** Of the requests sent once the connections were set up (load.ts SETTLED_AFTER_MS): the
   *  median p99 and the worst max. */
  p99Settled: number
  maxSettled: number
  /** Median over rounds of this scenario's req/s over the same round's baseline. */
  ratio: number
  /** Server CPU time per request (median), and the baseline's over it: a capacity ratio that
   *  other processes on the machine hardly disturb. */
  cpuMicros: number | null
  cpuRatio: number | null
  target: number | null
  failures: number
  /** Median share of a core the load generator used (it runs on the same machine). */
  clientCpu: number
  /** null for the scenarios the issues set no target for. */
  pass: boolean | null
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function summarize(runs: LoadResult[][]): ScenarioSummary[] {
  const names = runs[0].map((r) => r.name as Scenario)
  return names.map((name, i) => {
    const mine = runs.map((round) => round[i])
    const ratio = median(runs.map((round) => round[i].rps / round[0].rps))
    const p99 = median(mine.map((r) => r.p99))
    const failures = mine.reduce((n, r) => n + r.non2xx + r.errors, 0)
    const cpu = mine.map((r) => r.cpuMicrosPerRequest)
    const cpuMicros = cpu.every((x) => x !== null) ? median(cpu as number[]) : null
    const cpuRatios = runs.map(
      (round) => (round[0].cpuMicrosPerRequest ?? NaN) / (round[i].cpuMicrosPerRequest ?? NaN),
    )
    const cpuRatio = cpuMicros === null ? null : median(cpuRatios)
    const target = RATIO_TARGETS[name] ?? null
    const informational = i === 0 || INFORMATIONAL.has(name)
    return {
      name,
      rps: Math.round(median(mine.map((r) => r.rps))),
      p50: median(mine.map((r) => r.p50)),
      p99,
      worstP99: Math.max(...mine.map((r) => r.p99)),
      p99Settled: median(mine.map((r) => r.p99Settled)),
      maxSettled: Math.max(...mine.map((r) => r.maxSettled)),
      ratio,
      cpuMicros,
      cpuRatio,
      target,
      failures,
      clientCpu: median(mine.map((r) => r.clientCpuShare)),
      pass: informational ? null : ratio >= (target ?? 0) && p99 < P99_TARGET_MS && failures === 0,
    }
  })
}

export function table(report: ScenarioSummary[], connections: number): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`
  const line = (cells: (string | number)[]) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(9) : String(c).padStart(8))).join(' ')
  const lines = [
    line([
      'scenario',
      'req/s',
      'p50 ms',
      'p99 ms',
      'worst99',
      'p99 on',
      'max on',
      'ratio',
      'target',
      'failed',
      'ok',
      'cpu µs',
      'cpu ratio',
      'client',
    ]),
  ]
  for (const r of report) {
    const ok = r.pass === null ? '' : r.pass ? 'yes' : 'NO'
    const target = r.target ? `≥${pct(r.target)}` : ''
    const cpu = [r.cpuMicros ?? '-', r.cpuRatio === null ? '-' : pct(r.cpuRatio), pct(r.clientCpu)]
    lines.push(
      line([
        r.name,
        r.rps,
        r.p50,
        r.p99,
        r.worstP99,
        r.p99Settled,
        r.maxSettled,
        pct(r.ratio),
        target,
        r.failures,
        ok,
        ...cpu,
      ]),
    )
  }
  lines.push(
    `medians over rounds; targets: ratio as shown, p99 < ${P99_TARGET_MS} ms at ${connections} connections, no failed requests.`,
    `p99 on, max on: of the requests sent ${SETTLED_AFTER_MS} ms or more into a run, once its connections are open (median p99, worst max).`,
    "cpu µs: server CPU time per request; cpu ratio: baseline cpu µs over the scenario's (what the ratio would be on an idle machine).",
    'client: share of a core the load generator used; near 100 % it would be the bottleneck, not the server.',
  )
  return lines.join('\n')
}

export interface StaticComparison {
  /** Median over rounds of the static file's CPU µs per request over nginx's in the same round. */
  cpuTimes: number | null
  pass: boolean | null
  line: string
}

/** The static file served by Hushlink against the same file served by nginx. */
export function compareStatic(runs: LoadResult[][], nginxMissing: string | null): StaticComparison {
  const names = runs[0].map((r) => r.name)
  const mine = names.indexOf('static')
  const theirs = names.indexOf('nginx')
  if (mine < 0) return { cpuTimes: null, pass: null, line: 'static file: no build, not measured' }
  if (theirs < 0) {
    return { cpuTimes: null, pass: null, line: `static file: not compared, ${nginxMissing}` }
  }
  const times = runs.map(
    (round) =>
      (round[mine].cpuMicrosPerRequest ?? NaN) / (round[theirs].cpuMicrosPerRequest ?? NaN),
  )
  const cpuTimes = Math.round(median(times) * 100) / 100
  const pass = cpuTimes <= STATIC_CPU_TARGET
  const each = times.map((t) => t.toFixed(2)).join(', ')
  return {
    cpuTimes,
    pass,
    line:
      `static file: Hushlink's CPU per request is ${cpuTimes}× nginx's (median of rounds ${each}; ` +
      `target ≤ ${STATIC_CPU_TARGET}×) — ${pass ? 'met' : 'NOT met'}`,
  }
}
