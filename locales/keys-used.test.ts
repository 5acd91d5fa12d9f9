// Every translation key the app names is in en.json, and every key of en.json is named somewhere.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FILE_PROGRESS_PHASES } from '../src/lib/api/file-flow'
import { BINARY_UNITS } from '../src/lib/byte-size'
import { flattenMessages } from '../src/lib/i18n/catalog'
import {
  ADMIN_ACTIONS,
  API_ERROR_CODES,
  END_REASONS,
  EVENT_KINDS,
  PUSH_KINDS,
} from '../src/lib/protocol'
import { AUDIT_REASONS } from '../src/lib/views/audit-labels'
import { FILES_PROBLEMS } from '../src/lib/views/file-draft'
import { CREATE_PROBLEMS } from '../src/lib/views/push-draft'

// A key built at run time, as written in the source, with the values its placeholder takes:
// each from the constant the code checks against, so a new enum member needs its message.
const BUILT_KEYS: Record<string, readonly string[]> = {
  'files.${problem}': FILES_PROBLEMS,
  'files.${progress.phase}': FILE_PROGRESS_PHASES,
  'files.size${unit}': BINARY_UNITS,
  'create.${problem}': CREATE_PROBLEMS,
  'kinds.${entry.kind}': PUSH_KINDS,
  'kinds.${push.kind}': PUSH_KINDS,
  'audit.events.${event.kind}': EVENT_KINDS,
  'audit.reasons.${reason}': AUDIT_REASONS,
  'errors.${code}': API_ERROR_CODES,
  'kinds.${row.kind}': PUSH_KINDS,
  'kinds.${notice.pushKind}': PUSH_KINDS,
  'admin.reasons.${row.reason}': END_REASONS,
  'admin.reasons.${reason}': END_REASONS,
  'admin.actions.${entry.action}': ADMIN_ACTIONS,
}

// The app, and the server's notification e-mails (server/notify/mail-message.ts), which use the
// same files.
const SOURCE_DIRS = ['../src/', '../server/notify/'].map(
  (dir) => new URL(dir, import.meta.url).pathname,
)
const english = flattenMessages(
  JSON.parse(readFileSync(new URL('en.json', import.meta.url), 'utf8')),
)
const namespaces = new Set(Object.keys(english).map((key) => key.split('.')[0]))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    const isSource = /\.(ts|svelte)$/.test(entry.name) && !entry.name.includes('.test.')
    return isSource ? [path] : []
  })
}

// A key in quotes wherever it stands: a $_() argument, or a value in a table of keys
// ({ views: 'problem.reasonViews' }) handed to $_ later. Keys never contain spaces.
const QUOTED_KEY = /(['"])([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+)\1/g
const BUILT_KEY = /`([a-z][A-Za-z0-9]*\.[^`]*\$\{[^`]*)`/g

/** Key-shaped literals under a namespace of en.json, and template literals building such keys. */
function keyReferences(sources: readonly string[]) {
  const quoted = new Set<string>()
  const built = new Set<string>()
  for (const source of sources) {
    for (const [, , key] of source.matchAll(QUOTED_KEY)) {
      if (namespaces.has(key.split('.')[0])) quoted.add(key)
    }
    for (const [, template] of source.matchAll(BUILT_KEY)) {
      if (namespaces.has(template.split('.')[0])) built.add(template)
    }
  }
  return { quoted, built }
}

const expand = (template: string, values: readonly string[]) =>
  values.map((value) => template.replace(/\$\{[^}]*\}/, value))

const sources = SOURCE_DIRS.flatMap(sourceFiles).map((path) => readFileSync(path, 'utf8'))
const { quoted, built } = keyReferences(sources)
const builtKeys = Object.entries(BUILT_KEYS).flatMap(([template, values]) =>
  expand(template, values),
)

describe('keys of en.json', () => {
  it('finds the keys the app names (the scan itself works)', () => {
    expect(quoted).toContain('create.title')
    expect(built).toContain('audit.events.${event.kind}')
    expect(quoted).toContain('mail.why') // server/notify
  })

  it('has every key the code names in quotes', () => {
    expect([...quoted].filter((key) => !Object.hasOwn(english, key))).toEqual([])
  })

  it('knows the values of every key the code builds, and has all the keys they make', () => {
    expect([...built].filter((template) => !Object.hasOwn(BUILT_KEYS, template))).toEqual([])
    expect(Object.keys(BUILT_KEYS).filter((template) => !built.has(template))).toEqual([])
    expect(builtKeys.filter((key) => !Object.hasOwn(english, key))).toEqual([])
  })

  it('has no key that the code never names', () => {
    const named = new Set([...quoted, ...builtKeys])
    expect(Object.keys(english).filter((key) => !named.has(key))).toEqual([])
  })
})
