// `npm run bench:size`: builds the SPA into a directory of its own (build/ is left alone), then
// reports what the create page and the recipient page load before they run — index.html's entry
// and preloads plus the static imports of their nodes, and every asset that JS fetches by URL
// (libsodium's wasm), libsodium included — raw and gzipped per file (zlib's default level, as a
// server compresses on the fly). Checks the recipient page against its budget and that the Argon2
// (libsodium sumo) build stays out of every page, loaded lazily; exits 1 when either fails, or when
// a wasm file of the build is charged to no page and no lazy chunk.
// Writes bench/results/size.json.   npx tsx bench/size.ts [--dir build]  (an existing build)
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import {
  assetUrls,
  dynamicImports,
  readBundle,
  routeFiles,
  staticClosure,
  withAssets,
} from './bundle'
import { ROOT } from './server-process'

const RECIPIENT_BUDGET_KB = 170
const PAGES = { create: '/', recipient: '/p/[id]', 'recipient (locale)': '/[locale=locale]/p/[id]' }
/** Only libsodium-wrappers (standard or sumo, slim or not) carries this message. */
const SODIUM_MARK = 'libsodium was not correctly initialized'

const { values: flags } = parseArgs({ options: { dir: { type: 'string' } } })
const dir = flags.dir ? resolve(ROOT, flags.dir) : '/tmp/hushlink-size-build'
if (!flags.dir) {
  console.log(`building into ${dir}…`)
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HUSHLINK_BUILD_DIR: dir },
  })
}

const bundle = readBundle(dir)
const sizes = new Map<string, { raw: number; gz: number }>()
const sizeOf = (file: string) => {
  let size = sizes.get(file)
  if (!size) {
    const bytes = readFileSync(join(dir, file))
    size = { raw: bytes.length, gz: gzipSync(bytes).length }
    sizes.set(file, size)
  }
  return size
}
// libsodium: the JS chunks holding it, and the wasm files those fetch.
const isSodiumChunk = (file: string) =>
  file.endsWith('.js') && readFileSync(join(dir, file), 'utf8').includes(SODIUM_MARK)
const isSodium = (file: string, among: Iterable<string>) =>
  isSodiumChunk(file) ||
  [...among].some((f) => isSodiumChunk(f) && assetUrls(dir, f).includes(file))
const sum = (files: Iterable<string>) =>
  [...files].reduce((t, f) => ({ raw: t.raw + sizeOf(f).raw, gz: t.gz + sizeOf(f).gz }), {
    raw: 0,
    gz: 0,
  })
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10

// The recipient's early script (build-plugins/recipient-early.ts), which index.html runs on
// recipient paths beside the route's files: in no manifest, so found by name.
const chunksDir = '_app/immutable/chunks'
const early = readdirSync(join(dir, chunksDir))
  .filter((f) => /^recipient-early\.[\w-]+\.js$/.test(f))
  .map((f) => `${chunksDir}/${f}`)
const pages = Object.entries(PAGES).map(([name, route]) => {
  const files = [...routeFiles(bundle, route), ...(route.endsWith('/p/[id]') ? early : [])]
  const total = sum(files)
  const sodium = files.filter((f) => isSodium(f, files))
  return {
    name,
    route,
    files: files.length,
    rawKB: kb(total.raw),
    gzKB: kb(total.gz),
    sodiumGzKB: kb(sum(sodium).gz),
    sodium: sodium.map((f) => ({ file: f, gzKB: kb(sizeOf(f).gz) })),
    largest: files
      .map((f) => ({ file: f, gzKB: kb(sizeOf(f).gz) }))
      .sort((a, b) => b.gzKB - a.gzKB)
      .slice(0, 5),
  }
})

// Lazy chunks: libsodium builds no page loads up front, each with the file that imports it and
// counted with what it brings that no page had loaded already (its wasm, shared chunks).
const upFront = new Set(pages.flatMap((p) => [...routeFiles(bundle, p.route)]))
const everything = staticClosure(dir, [...bundle.entry, ...bundle.nodes.values()])
const lazy: { file: string; files: string[]; gzKB: number; rawKB: number; importedBy: string[] }[] =
  []
const importers = new Map<string, string[]>()
for (const file of everything) {
  for (const target of dynamicImports(dir, file))
    importers.set(target, [...(importers.get(target) ?? []), file])
}
for (const [file, by] of importers) {
  if (upFront.has(file) || !isSodiumChunk(file)) continue
  const files = [...withAssets(dir, staticClosure(dir, [file]))].filter((f) => !upFront.has(f))
  const size = sum(files)
  lazy.push({ file, files, rawKB: kb(size.raw), gzKB: kb(size.gz), importedBy: by })
}

// Every wasm file of the build must be charged to a page or a lazy chunk: one that no JS names the
// way assetUrls reads would be fetched without being counted.
const assetsDir = '_app/immutable/assets'
const counted = new Set([...upFront, ...lazy.flatMap((l) => l.files)])
const uncounted = (existsSync(join(dir, assetsDir)) ? readdirSync(join(dir, assetsDir)) : [])
  .map((f) => `${assetsDir}/${f}`)
  .filter((f) => f.endsWith('.wasm') && !counted.has(f))

const recipient = pages.find((p) => p.name === 'recipient')!
const ratio = recipient.gzKB / RECIPIENT_BUDGET_KB
console.log(`\nJS and wasm loaded before a page runs (gzip per file):`)
console.log(
  'page'.padEnd(20) +
    'files'.padStart(6) +
    'raw KiB'.padStart(9) +
    'gz KiB'.padStart(8) +
    '  libsodium gz KiB',
)
for (const p of pages) {
  const sodium =
    p.sodium.length === 0
      ? 'none'
      : `${p.sodiumGzKB} = ` +
        p.sodium.map((s) => `${s.gzKB} (${s.file.split('/').pop()})`).join(' + ')
  console.log(
    p.name.padEnd(20) +
      String(p.files).padStart(6) +
      String(p.rawKB).padStart(9) +
      String(p.gzKB).padStart(8) +
      `  ${sodium}`,
  )
}
const name = (file: string) => file.split('/').pop()
console.log(
  `largest on the recipient page: ${recipient.largest.map((l) => `${name(l.file)} ${l.gzKB}`).join(', ')} (KiB gz)`,
)
console.log(
  `\nrecipient page: ${recipient.gzKB} KiB gz of a ${RECIPIENT_BUDGET_KB} KiB budget = ${Math.round(ratio * 100)}%` +
    (ratio <= 1
      ? ' — within budget'
      : ` — OVER by ${Math.round((recipient.gzKB - RECIPIENT_BUDGET_KB) * 10) / 10} KiB`),
)
for (const l of lazy) {
  console.log(
    `lazy libsodium (sumo, Argon2) chunk ${l.file.split('/').pop()}: ${l.gzKB} KiB gz with ` +
      `${l.files.map(name).join(', ')}, in no page's static imports; ` +
      `loaded by import() from ${l.importedBy.map((f) => f.split('/').pop()).join(', ')} when a passphrase needs it`,
  )
}
if (lazy.length === 0)
  console.log('NO lazy libsodium chunk found: the Argon2 build is loaded up front or not at all')
if (uncounted.length > 0)
  console.log(`UNCOUNTED wasm, fetched by code this bench cannot follow: ${uncounted.join(', ')}`)

const out = {
  date: new Date().toISOString(),
  dir,
  budgetKB: RECIPIENT_BUDGET_KB,
  ratio,
  pages,
  lazy,
  uncounted,
}
writeFileSync(join(ROOT, 'bench/results/size.json'), JSON.stringify(out, null, 2) + '\n')
console.log('wrote bench/results/size.json')
if (ratio > 1 || lazy.length === 0 || uncounted.length > 0) process.exitCode = 1
