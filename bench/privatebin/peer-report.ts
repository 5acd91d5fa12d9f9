// The numbers of `bench:peer` side by side: each of Hushlink's beside PrivateBin's, with the ratio
// Hushlink ÷ PrivateBin (below 1: Hushlink takes less time or CPU; for req/s, above 1 is better).
import { SETTLED_AFTER_MS, type LoadResult } from '../load'
import { median } from '../report'
import { summarizeProfile, type Profile, type ProfileResult, type Sample } from '../ttp-shared'

const ratio = (ours: number | null, theirs: number | null) =>
  ours === null || theirs === null || theirs === 0 ? null : Math.round((ours / theirs) * 100) / 100
const shown = (x: number | null) => (x === null ? '–' : String(x))

export interface TtpPair {
  profile: string
  description: string
  hushlink: ProfileResult
  privatebin: ProfileResult
  /** Median time to plaintext, Hushlink ÷ PrivateBin. */
  ratio: number | null
  line: string
}

export function ttpPair(
  profile: Profile,
  samples: { hushlink: Sample; privatebin: Sample }[],
): TtpPair {
  const hushlink = summarizeProfile(
    profile,
    samples.map((s) => s.hushlink),
  )
  const privatebin = summarizeProfile(
    profile,
    samples.map((s) => s.privatebin),
  )
  const r = ratio(hushlink.medianMs, privatebin.medianMs)
  const line =
    `${profile.description}: navigation → plaintext, Hushlink ${hushlink.medianMs} ms ` +
    `(${hushlink.requestsBeforePlaintext} requests, ${hushlink.kBBeforePlaintext} kB), ` +
    `PrivateBin ${privatebin.medianMs} ms (${privatebin.requestsBeforePlaintext} requests, ` +
    `${privatebin.kBBeforePlaintext} kB): ratio ${shown(r)}`
  return {
    profile: profile.name,
    description: profile.description,
    hushlink,
    privatebin,
    ratio: r,
    line,
  }
}

export interface LoadSummary {
  name: string
  rps: number
  p50: number
  p99: number
  max: number
  p99Settled: number
  maxSettled: number
  cpuMicros: number | null
  failures: number
}

export interface LoadPair {
  scenario: string
  hushlink: LoadSummary
  privatebin: LoadSummary
  ratios: {
    rps: number | null
    p50: number | null
    p99: number | null
    max: number | null
    cpu: number | null
  }
  line: string
}

/** Medians over rounds (the worst max) of the runs named `name`. */
function loadSummary(rounds: LoadResult[][], name: string): LoadSummary {
  const mine = rounds.flatMap((round) => round.filter((r) => r.name === name))
  const cpu = mine.map((r) => r.cpuMicrosPerRequest)
  return {
    name,
    rps: Math.round(median(mine.map((r) => r.rps))),
    p50: median(mine.map((r) => r.p50)),
    p99: median(mine.map((r) => r.p99)),
    max: Math.max(...mine.map((r) => r.max)),
    p99Settled: median(mine.map((r) => r.p99Settled)),
    maxSettled: Math.max(...mine.map((r) => r.maxSettled)),
    cpuMicros: cpu.every((x) => x !== null) ? Math.round(median(cpu as number[])) : null,
    failures: mine.reduce((n, r) => n + r.non2xx + r.errors, 0),
  }
}

/** The three comparisons: both reads of Hushlink against PrivateBin's read, and the creates. */
export function loadPairs(rounds: LoadResult[][]): LoadPair[] {
  const pairs: [string, string, string][] = [
    ['metadata read vs paste read', 'hushlink metadata', 'privatebin read'],
    ['reveal vs paste read', 'hushlink reveal', 'privatebin read'],
    ['create vs create', 'hushlink create', 'privatebin create'],
  ]
  return pairs.map(([scenario, ours, theirs]) => {
    const hushlink = loadSummary(rounds, ours)
    const privatebin = loadSummary(rounds, theirs)
    const ratios = {
      rps: ratio(hushlink.rps, privatebin.rps),
      p50: ratio(hushlink.p50, privatebin.p50),
      p99: ratio(hushlink.p99, privatebin.p99),
      max: ratio(hushlink.max, privatebin.max),
      cpu: ratio(hushlink.cpuMicros, privatebin.cpuMicros),
    }
    const line =
      `${scenario}: req/s ${hushlink.rps} vs ${privatebin.rps} (${shown(ratios.rps)}), ` +
      `p50 ${hushlink.p50} vs ${privatebin.p50} ms, p99 ${hushlink.p99} vs ${privatebin.p99} ms ` +
      `(${shown(ratios.p99)}), max ${hushlink.max} vs ${privatebin.max} ms; once connected p99 ` +
      `${hushlink.p99Settled} vs ${privatebin.p99Settled}, max ${hushlink.maxSettled} vs ` +
      `${privatebin.maxSettled} ms; CPU ` +
      `${shown(hushlink.cpuMicros)} vs ${shown(privatebin.cpuMicros)} µs/request ` +
      `(${shown(ratios.cpu)}), failed ${hushlink.failures} vs ${privatebin.failures}`
    return { scenario, hushlink, privatebin, ratios, line }
  })
}

interface Report {
  header: string
  settings: { runs: number; connections: number; seconds: number; rounds: number }
  /** Whether PrivateBin's pastes in time to plaintext burn after reading. */
  burn: boolean
  ttp: TtpPair[]
  load: LoadPair[]
  /** The sizes of the create bodies. */
  bodies: string
}

const cell = (ours: number | string | null, theirs: number | string | null, r?: number | null) =>
  `${shown(ours as number)} / ${shown(theirs as number)}` +
  (r === undefined ? '' : ` (${shown(r)})`)

export function markdown({ header, settings, burn, ttp, load, bodies }: Report): string {
  const lines = [
    '# Hushlink and PrivateBin, side by side',
    '',
    header,
    '',
    'Each cell: Hushlink / PrivateBin (Hushlink ÷ PrivateBin). Times and CPU: below 1 is Hushlink ahead; req/s: above 1.',
  ]
  if (ttp.length) {
    lines.push(
      '',
      `## Time to plaintext (${settings.runs} cold runs per network, median)`,
      '',
      '| network | navigation → plaintext, ms | min–max, ms | button ready, ms | requests | kB as sent | dependent depth |',
      '|---|---|---|---|---|---|---|',
      ...ttp.map(
        ({ description, hushlink: h, privatebin: p, ratio: r }) =>
          `| ${description} | ${cell(h.medianMs, p.medianMs, r)} | ` +
          `${h.minMs}–${h.maxMs} / ${p.minMs}–${p.maxMs} | ` +
          `${cell(h.medianRevealButtonMs, p.medianRevealButtonMs)} | ` +
          `${cell(h.requestsBeforePlaintext, p.requestsBeforePlaintext)} | ` +
          `${cell(h.kBBeforePlaintext, p.kBBeforePlaintext)} | ` +
          `${cell(h.depthBeforePlaintext, p.depthBeforePlaintext)} |`,
      ),
      '',
      'Hushlink: a one-view push, its reveal button clicked as soon as it is ready; PrivateBin: ' +
        (burn
          ? 'a paste that burns after reading, its "Yes, see it" clicked as soon as it is shown.'
          : 'a paste without burn after reading, which its page decrypts on load (burn after reading would add a click).'),
    )
  }
  if (load.length) {
    const { connections, seconds, rounds } = settings
    lines.push(
      '',
      `## API under load (${connections} connections, ${seconds} s per run, ${rounds} round${rounds > 1 ? 's' : ''}, median)`,
      '',
      '| scenario | req/s | p50 ms | p99 ms | max ms | once connected: p99 / max, ms | CPU µs per request | failed |',
      '|---|---|---|---|---|---|---|---|',
      ...load.map(
        ({ scenario, hushlink: h, privatebin: p, ratios: r }) =>
          `| ${scenario} | ${cell(h.rps, p.rps, r.rps)} | ${cell(h.p50, p.p50, r.p50)} | ` +
          `${cell(h.p99, p.p99, r.p99)} | ${cell(h.max, p.max, r.max)} | ` +
          `${h.p99Settled} / ${h.maxSettled} vs ${p.p99Settled} / ${p.maxSettled} | ` +
          `${cell(h.cpuMicros, p.cpuMicros, r.cpu)} | ${cell(h.failures, p.failures)} |`,
      ),
      '',
      "CPU: the server's user + system time per request (/proc): Hushlink's process; PrivateBin's nginx and php-fpm processes together. " +
        `Once connected: the requests sent ${SETTLED_AFTER_MS} ms or more into a run, after the connections were set up. ` +
        `Both products hold about 1 KiB of ciphertext per secret; ${bodies}.`,
    )
  }
  return lines.join('\n') + '\n'
}
