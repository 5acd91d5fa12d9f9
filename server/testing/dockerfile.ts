// Reads a Dockerfile and .dockerignore the way `docker build` does, for the deploy tests: enough
// for our own recipe (no heredocs, no `# escape=`, no `[…]` or `\` in ignore patterns).
import { posix } from 'node:path'

export interface Instruction {
  /** Upper-case, e.g. 'RUN'. */
  keyword: string
  args: string
}

export interface Stage {
  image: string
  /** The `AS` name, if any. */
  name: string | null
  instructions: Instruction[]
}

/** Exec form runs the array as is; shell form runs the script with `/bin/sh -c`. */
export type Command = { form: 'exec'; argv: string[] } | { form: 'shell'; script: string }

/** The instructions of each stage, continuation lines joined and comment lines dropped. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  let pending = ''
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue
    const continued = /\\\s*$/.test(line)
    pending += continued ? line.replace(/\\\s*$/, '') : line
    if (continued) continue
    const [, keyword, args] = /^\s*(\S+)\s*(.*?)\s*$/s.exec(pending)!
    pending = ''
    if (keyword.toUpperCase() === 'FROM') {
      const [image, as, name] = withFlags(args).rest.split(/\s+/)
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : null, instructions: [] })
    } else if (stages.length)
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args })
    else if (keyword.toUpperCase() !== 'ARG') throw new Error(`${keyword} before the first FROM`)
  }
  return stages
}

/** Leading `--name=value` (or bare `--name`) options, and the rest. */
export function withFlags(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>()
  let rest = args.trim()
  for (let m; (m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)); rest = rest.slice(m[0].length)) {
    flags.set(m[1], m[2] ?? '')
  }
  return { flags, rest }
}

function jsonArray(text: string): string[] | null {
  if (!text.startsWith('[')) return null
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null
  } catch {
    return null // not JSON: Docker takes it as shell form
  }
}

export function commandOf(args: string): Command {
  const argv = jsonArray(args.trim())
  return argv ? { form: 'exec', argv } : { form: 'shell', script: args.trim() }
}

/** The simple commands a RUN/CMD runs, as words: shell scripts split at `&&`, `||`, `;`, `|`. */
export function simpleCommands(command: Command): string[][] {
  if (command.form === 'exec') return [command.argv]
  const commands: string[][] = [[]]
  let word: string | null = null
  let quote: string | null = null
  const script = command.script
  for (let i = 0; i < script.length; i++) {
    const c = script[i]
    if (quote) {
      if (c === quote) quote = null
      else if (c === '\\' && quote === '"') word += script[++i]
      else word += c
    } else if (c === '"' || c === "'") [quote, word] = [c, word ?? '']
    else if (c === '\\') word = (word ?? '') + script[++i]
    else if (/\s|[;&|]/.test(c)) {
      if (word !== null) commands.at(-1)!.push(word)
      word = null
      if (/[;&|]/.test(c)) commands.push([])
    } else word = (word ?? '') + c
  }
  if (word !== null) commands.at(-1)!.push(word)
  return commands.filter((words) => words.length > 0)
}

/** A COPY or ADD: its options, what it copies and where to. */
export function copyArgs(args: string): {
  flags: Map<string, string>
  sources: string[]
  destination: string
} {
  const { flags, rest } = withFlags(args)
  const paths = jsonArray(rest) ?? rest.split(/\s+/)
  return { flags, sources: paths.slice(0, -1), destination: paths.at(-1)! }
}

/** `ENV a=1 b="x y"` (or the old `ENV a 1`) as pairs. */
export function envPairs(args: string): [string, string][] {
  const [words] = simpleCommands({ form: 'shell', script: args })
  if (!words[0].includes('=')) return [[words[0], words.slice(1).join(' ')]]
  return words.map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)])
}

/** What a stage sets up for its container (later instructions win). */
export function imageSettings(stage: Stage) {
  const env: Record<string, string> = {}
  const settings = {
    env,
    ports: [] as number[],
    volumes: [] as string[],
    user: null as string | null,
  }
  let cmd: Command | null = null
  let healthcheck: Command | null = null
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'ENV') Object.assign(env, Object.fromEntries(envPairs(args)))
    if (keyword === 'EXPOSE')
      settings.ports.push(...args.split(/\s+/).map((p) => Number(p.split('/')[0])))
    if (keyword === 'VOLUME') settings.volumes.push(...(jsonArray(args) ?? args.split(/\s+/)))
    if (keyword === 'USER') settings.user = args.split(':')[0]
    if (keyword === 'CMD') cmd = commandOf(args)
    if (keyword === 'HEALTHCHECK') {
      const { rest } = withFlags(args)
      healthcheck = /^CMD\s/i.test(rest) ? commandOf(rest.slice(4)) : null
    }
  }
  return { ...settings, cmd, healthcheck }
}

/**
 * Whether `docker build` leaves `path` out of its context: the last pattern matching the path or
 * one of its parent directories wins, and a `!` pattern puts it back.
 */
export function isIgnored(dockerignore: string, path: string): boolean {
  const parts = path.split('/')
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'))
  let ignored = false
  for (const line of dockerignore.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue
    const negated = line.startsWith('!')
    const pattern = globRegExp(posix.normalize(line.slice(negated ? 1 : 0)).replace(/^\/+/, ''))
    if (candidates.some((candidate) => pattern.test(candidate))) ignored = !negated
  }
  return ignored
}

function globRegExp(glob: string): RegExp {
  if (/[[\\]/.test(glob)) throw new Error(`unsupported .dockerignore pattern: ${glob}`)
  const source = glob
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?'
      if (part === '**') return '.*'
      if (part === '*') return '[^/]*'
      if (part === '?') return '[^/]'
      return part.replace(/[.+^${}()|]/g, '\\$&')
    })
    .join('')
  return new RegExp(`^${source}$`)
}
