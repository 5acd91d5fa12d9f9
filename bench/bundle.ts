// Reads a SvelteKit static build: which files a route loads before it can run (index.html's entry
// and preloads, then the static imports of its layout and page nodes, transitively, and the assets
// those fetch by URL, such as libsodium's wasm).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'

export interface Bundle {
  /** The build directory, e.g. build/. */
  dir: string
  /** Route id → node indices to load: the root layout, any layouts, the page. */
  routes: Record<string, number[]>
  /** Node index → file, relative to `dir`. */
  nodes: Map<number, string>
  /** JS files index.html loads or preloads before any route, relative to `dir`. */
  entry: string[]
}

const STATIC_IMPORT =
  /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g
// How Vite refers to an emitted asset from a chunk: new URL(`../assets/x.wasm`, import.meta.url).
const ASSET_URL = /\bnew URL\(\s*["'`]([^"'`]+)["'`]\s*,\s*import\.meta\.url\s*\)/g

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8')
const resolveFrom = (file: string, spec: string) =>
  spec.startsWith('/') ? spec.slice(1) : normalize(join(dirname(file), spec))

/** The files `file` imports statically (it cannot run before they load). */
export function staticImports(dir: string, file: string): string[] {
  return [...read(dir, file).matchAll(STATIC_IMPORT)].map((m) => resolveFrom(file, m[1]))
}

/** The files `file` may load later, by dynamic import(). */
export function dynamicImports(dir: string, file: string): string[] {
  return [...read(dir, file).matchAll(DYNAMIC_IMPORT)].map((m) => resolveFrom(file, m[1]))
}

/** Files `file` fetches by URL relative to itself (libsodium's wasm), whenever it runs them. */
export function assetUrls(dir: string, file: string): string[] {
  return [...read(dir, file).matchAll(ASSET_URL)].map((m) => resolveFrom(file, m[1]))
}

/** `roots` and everything they import statically, transitively. */
export function staticClosure(dir: string, roots: string[]): Set<string> {
  const seen = new Set<string>()
  const queue = [...roots]
  while (queue.length) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    queue.push(...staticImports(dir, file))
  }
  return seen
}

export function readBundle(dir: string): Bundle {
  const html = read(dir, 'index.html')
  const preloads = [...html.matchAll(/<link[^>]+href="([^"]+\.js)"[^>]*rel="modulepreload"/g)].map(
    (m) => m[1],
  )
  const started = [...html.matchAll(/import\("([^"]+\.js)"\)/g)].map((m) => m[1])
  const entry = [...new Set([...preloads, ...started])].map((href) => href.replace(/^\//, ''))
  const appFile = entry.find((f) => /entry\/app\.[^/]+\.js$/.test(f))
  if (!appFile) throw new Error(`no entry/app.*.js in ${dir}/index.html`)
  const app = read(dir, appFile)
  const dictionaryVar = /([\w$]+) as dictionary\b/.exec(app)?.[1]
  const dictionary =
    dictionaryVar && new RegExp(`[,\\s]\\${dictionaryVar}=(\\{"/"[^}]*\\})`).exec(app)?.[1]
  if (!dictionary) throw new Error(`no route dictionary in ${appFile}`)
  const routes: Record<string, number[]> = {}
  for (const [route, value] of Object.entries(
    JSON.parse(dictionary) as Record<string, unknown[]>,
  )) {
    // [page, layouts?, errors?]; a negative index (~n) marks a node with server data.
    const page = Math.abs(Number(value[0]))
    const layouts = Array.isArray(value[1]) ? value[1].map((n) => Math.abs(Number(n))) : []
    routes[route] = [...new Set([0, ...layouts, page])]
  }
  const nodesDir = '_app/immutable/nodes'
  const nodes = new Map(
    readdirSync(join(dir, nodesDir))
      .filter((f) => /^\d+\.[^.]+\.js$/.test(f))
      .map((f) => [Number(f.split('.')[0]), relative(dir, join(dir, nodesDir, f))] as const),
  )
  return { dir, routes, nodes, entry }
}

/** `files` and the assets they fetch by URL. */
export function withAssets(dir: string, files: Iterable<string>): Set<string> {
  const all = new Set(files)
  for (const file of [...all]) for (const asset of assetUrls(dir, file)) all.add(asset)
  return all
}

/** Every file the route needs before it renders: JS, and the assets that JS fetches (wasm). */
export function routeFiles(bundle: Bundle, route: string): Set<string> {
  const nodeIds = bundle.routes[route]
  if (!nodeIds)
    throw new Error(`no route ${route}; the build has ${Object.keys(bundle.routes).join(', ')}`)
  const nodeFiles = nodeIds.map((n) => bundle.nodes.get(n)!).filter(Boolean)
  return withAssets(bundle.dir, staticClosure(bundle.dir, [...bundle.entry, ...nodeFiles]))
}
