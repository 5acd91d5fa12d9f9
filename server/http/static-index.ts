// The built app in memory: every file under the build directory with its precompressed twins
// (build-plugins/precompress.ts), each variant with its bytes and the complete headers it is sent
// with, made once at start. Serving one is a map lookup and one writeHead (static.ts).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { getMimeType } from 'hono/utils/mime'
import { pageCsp } from './security-headers'

export interface Variant {
  body: Buffer
  /** Strong ETag: a hash of these bytes, so every encoding has its own. */
  etag: string
  /** Everything a 200 carries besides the security headers, Content-Length included. */
  headers: Record<string, string>
  /** What a 304 carries instead. */
  notModified: Record<string, string>
}

export interface StaticFile {
  identity: Variant
  br?: Variant
  gzip?: Variant
}

export interface StaticIndex {
  /** URL path ('/favicon.svg', '/_app/immutable/…') → file. */
  files: Map<string, StaticFile>
  /** index.html, the answer to every client-side route; null when the app is not built. */
  page: StaticFile | null
  /** The page's own CSP plus what only a header can say (security-headers.ts). */
  pageCsp: string
}

export const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Everything else may change with a build: revalidate each time (a 304 when it did not). */
export const REVALIDATE = 'no-cache'

/** Cache-Control by URL path: hashed build output forever, the rest revalidated. */
export const cacheControlOf = (path: string) =>
  path.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE

const TWINS = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const

/**
 * Whether a URL path names a hidden file or folder (a segment starting with a dot). None is served:
 * not the build's own stamp (scripts/build-if-changed.ts), nor anything an operator's copy left.
 */
export const isHiddenPath = (path: string) => path.includes('/.')

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else if (entry.isFile()) yield path
  }
}

const etagOf = (body: Buffer) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`

function variant(body: Buffer, common: Record<string, string>, encoding?: string): Variant {
  const etag = etagOf(body)
  const notModified = { ...common, etag }
  const headers: Record<string, string> = { ...notModified, 'content-length': String(body.length) }
  if (encoding) headers['content-encoding'] = encoding
  return { body, etag, headers, notModified }
}

function loadFile(path: string, urlPath: string, twins: Set<string>): StaticFile {
  const body = readFileSync(path)
  const found = TWINS.filter(([, suffix]) => twins.has(path + suffix))
  const common: Record<string, string> = {
    'content-type': getMimeType(path) ?? 'application/octet-stream',
    'cache-control': cacheControlOf(urlPath),
  }
  if (found.length > 0) common.vary = 'accept-encoding'
  const file: StaticFile = { identity: variant(body, common) }
  for (const [encoding, suffix] of found) {
    const packed = readFileSync(path + suffix)
    if (packed.length < body.length) file[encoding] = variant(packed, common, encoding)
  }
  return file
}

/** Reads every file under `dir` into memory; an empty index when `dir` holds no built app. */
export function loadStaticIndex(dir: string): StaticIndex {
  const root = resolve(dir)
  const files = new Map<string, StaticFile>()
  let paths: string[] = []
  try {
    if (statSync(root).isDirectory()) paths = [...filesUnder(root)]
  } catch {
    paths = []
  }
  const all = new Set(paths)
  // A .br/.gz beside its original is a twin, not a file of its own.
  const twins = new Set(
    paths.filter((p) => TWINS.some(([, s]) => p.endsWith(s) && all.has(p.slice(0, -s.length)))),
  )
  for (const path of paths) {
    if (twins.has(path)) continue
    const urlPath = '/' + relative(root, path).split(sep).join('/')
    files.set(urlPath, loadFile(path, urlPath, twins))
  }
  const page = files.get('/index.html') ?? null
  return {
    files,
    page,
    pageCsp: pageCsp(page ? page.identity.body.toString('utf8') : ''),
  }
}
