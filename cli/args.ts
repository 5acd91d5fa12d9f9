// Command-line parsing: one option table, the options each command accepts, and value checks.
import { parseArgs } from 'node:util'
import { usageError } from './io'

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  server: { type: 'string' },
  token: { type: 'string' },
  file: { type: 'string', short: 'f', multiple: true },
  'text-file': { type: 'string' },
  views: { type: 'string' },
  expires: { type: 'string' },
  passphrase: { type: 'boolean' },
  'passphrase-file': { type: 'string' },
  'no-retrieval-step': { type: 'boolean' },
  'no-viewer-delete': { type: 'boolean' },
  locale: { type: 'string' },
  kind: { type: 'string' },
  label: { type: 'string' },
  remember: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  burn: { type: 'boolean' },
  'no-newline': { type: 'boolean', short: 'n' },
  json: { type: 'boolean' },
  answers: { type: 'string' },
  'open-for': { type: 'string' },
  webhook: { type: 'string' },
  'webhook-format': { type: 'string' },
} as const

export type OptionName = keyof typeof OPTIONS
export type Options = {
  [K in OptionName]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'string'
      ? string
      : boolean
}

export const COMMANDS = {
  push: [
    'file',
    'text-file',
    'views',
    'expires',
    'passphrase',
    'passphrase-file',
    'no-retrieval-step',
    'no-viewer-delete',
    'locale',
    'kind',
    'label',
    'remember',
    'webhook',
    'webhook-format',
  ],
  reveal: ['out', 'passphrase-file', 'burn', 'no-newline'],
  delete: [],
  audit: [],
  list: [],
  request: ['answers', 'open-for', 'views', 'expires'],
  answer: ['text-file'],
  login: [],
} satisfies Record<string, OptionName[]>

export type Command = keyof typeof COMMANDS
/** Every command takes these; --json prints one JSON document on stdout instead of text. */
const GLOBAL: OptionName[] = ['help', 'server', 'json', 'token']

export interface ParsedArgs {
  command: Command | null
  positionals: string[]
  options: Options
}

function isCommand(name: string): name is Command {
  return Object.hasOwn(COMMANDS, name)
}

/** Options may stand before or after the command; each command accepts only its own. */
/** A push or request id: base64url, so one in 64 starts with '-' and would read as an option. */
const BARE_ID = /^-[A-Za-z0-9_-]{21}$/

export function parseCommandLine(argv: string[]): ParsedArgs {
  // Ids go after '--', where nothing is an option; they are the last positionals any command takes.
  const end = argv.indexOf('--')
  const head = end === -1 ? argv : argv.slice(0, end)
  const tail = end === -1 ? [] : argv.slice(end + 1)
  const ids = head.filter((arg) => BARE_ID.test(arg))
  const args =
    ids.length === 0 ? argv : [...head.filter((a) => !BARE_ID.test(a)), '--', ...ids, ...tail]
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
      tokens: true,
    })
  } catch (error) {
    throw usageError((error as Error).message)
  }
  const [name, ...positionals] = parsed.positionals
  if (name === undefined) return { command: null, positionals: [], options: parsed.values }
  if (!isCommand(name)) throw usageError(`unknown command "${name}"`)
  const allowed = new Set<OptionName>([...GLOBAL, ...COMMANDS[name]])
  const tokens = parsed.tokens
  tokens.forEach((token, i) => {
    if (token.kind !== 'option') return
    if (!allowed.has(token.name as OptionName)) {
      throw usageError(`${name} does not take ${token.rawName}`)
    }
    // `--passphrase hunter2` would push "hunter2" as the secret: refuse the look-alike.
    if (token.name === 'passphrase' && tokens[i + 1]?.kind === 'positional') {
      throw usageError(
        '--passphrase takes no value: it asks for one, or reads --passphrase-file or ' +
          'HUSHLINK_PASSPHRASE. Put the text before --passphrase, or after --.',
      )
    }
  })
  return { command: name, positionals, options: parsed.values }
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }

/** "7d", "24h", "90m", "3600s" or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,10})([smhdw]?)$/.exec(text.trim())
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's'] : NaN
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw usageError(`--expires wants a duration like 7d, 24h, 30m or 3600s, not "${text}"`)
  }
  return seconds
}

export function parseViews(text: string): number {
  const views = /^\d{1,6}$/.test(text.trim()) ? Number(text) : NaN
  if (!Number.isInteger(views) || views < 1) {
    throw usageError(`--views wants a whole number of at least 1, not "${text}"`)
  }
  return views
}

/** The API origin, from --server, HUSHLINK_SERVER or the default. */
export function serverOrigin(option: string | undefined, env: Record<string, string | undefined>) {
  const raw = option ?? (env.HUSHLINK_SERVER || 'http://localhost:5100')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw usageError(`--server wants a URL like https://hushlink.example, not "${raw}"`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError('--server must be an http or https URL')
  }
  return url.origin
}
