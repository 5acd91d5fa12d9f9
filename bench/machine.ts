// What a number was measured on: the benches print and store this next to every result.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, totalmem } from 'node:os'

export interface Machine {
  date: string
  cpus: number
  cpuModel: string
  memoryGiB: number
  node: string
  commit: string | null
}

export function machine(): Machine {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8')
    } catch {
      return ''
    }
  })()
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    } catch {
      return null
    }
  })()
  return {
    date: new Date().toISOString(),
    cpus: availableParallelism(),
    cpuModel: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit,
  }
}

export const describeMachine = (m: Machine) =>
  `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.date.slice(0, 10)}` +
  (m.commit ? `, commit ${m.commit}` : '')
