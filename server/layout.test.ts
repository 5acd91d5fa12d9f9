// The layout's rules, read from the source with a regex over the import graph: routes import no
// other route and build no store, ending a push (and its checkpoint) goes through the ending
// service, the SQLite machinery is entered by its index only, and production code never loads
// test helpers. docs/architecture.md says why.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SERVER = import.meta.dirname

interface Module {
  /** Path from server/, e.g. 'pushes/routes.ts'. */
  path: string
  source: string
  /** Server modules it imports, as paths from server/. */
  imports: string[]
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : sourceFiles(full)
    return name.endsWith('.ts') ? [full] : []
  })
}

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec)
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not this one
    }
  }
  return null
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g

const modules: Module[] = sourceFiles(SERVER).map((file) => {
  const source = readFileSync(file, 'utf8')
  const imports = [...source.matchAll(IMPORT)]
    .map((m) => resolveImport(file, m[1] ?? m[2]))
    .filter((found): found is string => found !== null && found.startsWith(SERVER + '/'))
    .map((found) => relative(SERVER, found))
  return { path: relative(SERVER, file), source, imports }
})

const isTest = (m: Module) =>
  m.path.endsWith('.test.ts') || m.path.startsWith('testing/') || /test-support\.ts$/.test(m.path)
const production = modules.filter((m) => !isTest(m) && !m.path.startsWith('scale-out/'))
/** A route module: it exports a function building routes (`pushRoutes`, `fileRoutes`…). */
const isRoute = (m: Module) => /export function \w+Routes\(/.test(m.source)
const routes = production.filter(isRoute)
/** Where the database may be checkpointed and pushes ended by hand: the machinery, the one
 *  service, and the jobs (which end pushes through that service too). */
const mayEndPushes = (m: Module) =>
  m.path.startsWith('db/') || m.path.startsWith('jobs/') || m.path === 'pushes/ending.ts'

describe('the server layout', () => {
  it('finds the route modules', () => {
    expect(routes.map((m) => m.path).sort()).toEqual([
      'admin/routes.ts',
      'auth/me-routes.ts',
      'auth/routes.ts',
      'brand/routes.ts',
      'files/routes.ts',
      'meta/routes.ts',
      'metrics/routes.ts',
      'openapi/document.ts',
      'pushes/audit-routes.ts',
      'pushes/routes.ts',
      'requests/routes.ts',
    ])
  })

  it('no route module imports another route module', () => {
    const routePaths = new Set(routes.map((m) => m.path))
    const crossings = routes.flatMap((m) =>
      m.imports.filter((target) => routePaths.has(target)).map((target) => `${m.path} → ${target}`),
    )
    expect(crossings).toEqual([])
  })

  it('no route module builds a store: stores come as services in deps', () => {
    const building = routes.filter((m) => /\bcreate\w*Store\(/.test(m.source)).map((m) => m.path)
    expect(building).toEqual([])
  })

  it('nothing outside db/, jobs/ and the ending service checkpoints the database', () => {
    const calling = modules
      .filter((m) => !mayEndPushes(m) && /\bcheckpoint\(/.test(m.source))
      .map((m) => m.path)
    expect(calling).toEqual([])
  })

  it('the writes that can end a push are called through the ending service only', () => {
    const ENDING_WRITE =
      /\b(\w+)\.(endPush|endPushes|takeDown|consumeView|failPassphrase|finishDownload|abandonUpload)\(/g
    const bypassing = production
      .filter((m) => !mayEndPushes(m))
      .flatMap((m) =>
        [...m.source.matchAll(ENDING_WRITE)]
          .filter((call) => call[1] !== 'ending')
          .map((call) => `${m.path}: ${call[0]}`),
      )
    expect(bypassing).toEqual([])
  })

  it('the SQLite machinery is entered through db/sqlite/index.ts only', () => {
    const reaching = modules
      .filter((m) => !m.path.startsWith('db/sqlite/'))
      .flatMap((m) =>
        m.imports
          .filter((target) => target.startsWith('db/sqlite/') && target !== 'db/sqlite/index.ts')
          .map((target) => `${m.path} → ${target}`),
      )
    expect(reaching).toEqual([])
  })

  it('production modules never import test helpers', () => {
    const leaking = production.flatMap((m) =>
      m.imports.filter((target) => target.startsWith('testing/')).map((t) => `${m.path} → ${t}`),
    )
    expect(leaking).toEqual([])
  })

  it('keeps every source file under 300 lines (fixture data aside)', () => {
    const long = modules
      .filter((m) => m.path !== 'testing/malformed-requests.ts')
      .filter((m) => m.source.split('\n').length > 300)
      .map((m) => m.path)
    expect(long).toEqual([])
  })
})
