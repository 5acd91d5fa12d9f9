// Every error code the server can answer with has its message in en.json (errors.<code>), so the
// app never falls back to the server's English text for a code it could have known.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { flattenMessages } from '../src/lib/i18n/catalog'
import { API_ERROR_CODES } from '../src/lib/protocol'

const SERVER_DIR = new URL('../server/', import.meta.url).pathname
const english = flattenMessages(
  JSON.parse(readFileSync(new URL('en.json', import.meta.url), 'utf8')),
)

function serverFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return serverFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

// `new HttpError(429, 'rate_limited', …)` (over several lines too) and `{ error: 'internal', … }`.
const CODE_PATTERNS = [
  /HttpError\(\s*\d{3}\s*,\s*['"`]([a-z0-9_]+)['"`]/g,
  /\berror:\s*['"`]([a-z0-9_]+)['"`]/g,
]

const serverCodes = new Set(
  serverFiles(SERVER_DIR).flatMap((path) => {
    const source = readFileSync(path, 'utf8')
    return CODE_PATTERNS.flatMap((pattern) => [...source.matchAll(pattern)].map(([, code]) => code))
  }),
)

it('finds the codes of HttpError and of literal error bodies (the scan itself works)', () => {
  expect(serverCodes).toContain('bad_passphrase')
  expect(serverCodes).toContain('internal')
  expect(serverCodes).toContain('too_large')
})

it('has a message for every code the server sends', () => {
  expect([...serverCodes].filter((code) => !Object.hasOwn(english, `errors.${code}`))).toEqual([])
})

it('lists every code the server sends in API_ERROR_CODES, and no other', () => {
  expect([...serverCodes].sort()).toEqual([...API_ERROR_CODES].sort())
})
