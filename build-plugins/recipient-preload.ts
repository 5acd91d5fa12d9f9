// The recipient's waterfall, flattened at build time (docs/performance.md, issue 17). The SPA has
// one index.html for every route, whose preloads SvelteKit limits to the entry and the root
// layout; the recipient page's code, SvelteKit's error page (which its client loads on every start)
// and the libsodium wasm would each wait for the JS before them. After the adapter has written
// index.html, this adds:
// - a modulepreload for every chunk the error page imports, as every page fetches them anyway;
// - an inline script that, on a recipient path (/p/{id}, /{locale}/p/{id}) only, preloads that
//   route's chunks, its CSS and the wasm (as the fetch of slim-core.ts asks for it: CORS mode,
//   same-origin credentials, the same integrity, so the preload is used and not fetched twice);
//   on those paths it also runs the early metadata request first (recipient-early.ts), in builds
//   whose API is the page's own origin;
// - that script's hash in the page's CSP, which SvelteKit wrote with its own script's hash only.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { EARLY_SCRIPT } from '../src/lib/views/recipient-early-handoff.ts'
import { bundleEarly, buildsEarlyRequest, localeChunks } from './recipient-early.ts'

/** Vite's build manifest: source id → its output file and what it imports. */
export type ViteManifest = Record<
  string,
  { file: string; imports?: string[]; css?: string[]; assets?: string[] }
>

/** The route ids of the recipient page. */
export const RECIPIENT_ROUTES = ['/p/[id]', '/[locale=locale]/p/[id]']
/** Recipient paths: /p/{id} and /{locale}/p/{id}. */
export const RECIPIENT_PATH = /^\/(?:[^/]+\/)?p\/[^/]+\/?$/

/** Route id → its page's node index, from SvelteKit's generated client app.js. */
export function routeNodes(appJs: string): Map<string, number> {
  const dictionary = /export const dictionary = (\{[\s\S]*?\});/.exec(appJs)
  if (!dictionary) throw new Error('recipient-preload: no route dictionary in app.js')
  const routes = JSON.parse(dictionary[1].replace(/,\s*\}/, '}')) as Record<string, number[]>
  return new Map(Object.entries(routes).map(([id, [leaf]]) => [id, Math.abs(leaf)]))
}

/** Every file a manifest entry loads eagerly: its chunk, static imports, CSS and assets. */
function eagerFiles(manifest: ViteManifest, key: string, into = new Set<string>()): Set<string> {
  const entry = manifest[key]
  if (!entry) throw new Error(`recipient-preload: ${key} is not in the build manifest`)
  if (into.has(entry.file)) return into
  into.add(entry.file)
  for (const file of [...(entry.css ?? []), ...(entry.assets ?? [])]) into.add(file)
  for (const imported of entry.imports ?? []) eagerFiles(manifest, imported, into)
  return into
}

export interface PreloadPlan {
  /** Chunks every page loads at start that index.html does not preload yet. */
  everyPage: string[]
  /** What only the recipient page loads: JS, CSS and wasm. */
  recipient: string[]
}

export function planPreloads(
  manifest: ViteManifest,
  nodes: Map<string, number>,
  indexHtml: string,
  nodeKey: (index: number) => string,
): PreloadPlan {
  const present = new Set([...indexHtml.matchAll(/href="\/([^"]+)"/g)].map((m) => m[1]))
  const isJs = (file: string) => file.endsWith('.js')
  const everyPage = [...eagerFiles(manifest, nodeKey(1))].filter((f) => isJs(f) && !present.has(f))
  const recipient = new Set<string>()
  for (const route of RECIPIENT_ROUTES) {
    const node = nodes.get(route)
    if (node === undefined) throw new Error(`recipient-preload: no route ${route}`)
    eagerFiles(manifest, nodeKey(node), recipient)
  }
  const known = new Set([...present, ...everyPage])
  return { everyPage, recipient: [...recipient].filter((f) => !known.has(f)) }
}

/** sha384 Subresource Integrity of a file's bytes, as slim-core.ts computes the wasm's. */
export const integrityOf = (bytes: Uint8Array) =>
  `sha384-${createHash('sha384').update(bytes).digest('base64')}`

/**
 * The inline script that preloads the recipient's files on a recipient path only, and runs the
 * early metadata request (`early`, recipient-early.ts) there when the build has one.
 */
export function recipientPreloadScript(
  files: string[],
  integrity: (file: string) => string,
  early: string | null = null,
) {
  const links = files.map((file) => {
    const href = `/${file}`
    if (file.endsWith('.js')) return ['modulepreload', href]
    if (file.endsWith('.css')) return ['preload', href, 'style']
    if (file.endsWith('.wasm')) return ['preload', href, 'fetch', integrity(file)]
    throw new Error(`recipient-preload: no preload for ${file}`)
  })
  const runEarly = early
    ? `const s=document.createElement('script');s.type='module';s.fetchPriority='high';` +
      `s.src='/${early}';window.${EARLY_SCRIPT}=new Promise(r=>{s.onload=s.onerror=r});` +
      `document.head.appendChild(s);`
    : ''
  return (
    `if(${RECIPIENT_PATH}.test(location.pathname)){${runEarly}` +
    `for(const[r,h,a,i]of${JSON.stringify(links)})` +
    `{const l=document.createElement('link');l.rel=r;l.href=h;if(a)l.as=a;` +
    `if(i){l.crossOrigin='anonymous';l.integrity=i}document.head.appendChild(l)}}`
  )
}

export const sha256Source = (script: string) =>
  `'sha256-${createHash('sha256').update(script).digest('base64')}'`

/** index.html with the preloads after SvelteKit's own, and the script's hash in its CSP. */
export function withPreloads(indexHtml: string, plan: PreloadPlan, script: string): string {
  const csp = /(<meta http-equiv="content-security-policy" content="[^"]*script-src [^;"]*)/
  if (!csp.test(indexHtml)) throw new Error('recipient-preload: no script-src in the page CSP')
  // After SvelteKit's modulepreloads and before its stylesheet, which an inline script would wait for.
  const lastPreload = indexHtml.lastIndexOf('rel="modulepreload">')
  if (lastPreload < 0) throw new Error('recipient-preload: no SvelteKit preloads in index.html')
  const at = lastPreload + 'rel="modulepreload">'.length
  const tags = [
    ...plan.everyPage.map((file) => `<link href="/${file}" rel="modulepreload">`),
    `<script>${script}</script>`,
  ]
  const placed = `${indexHtml.slice(0, at)}${tags.map((tag) => `\n\t\t${tag}`).join('')}${indexHtml.slice(at)}`
  return placed.replace(csp, `$1 ${sha256Source(script)}`)
}

export interface RecipientPreloadOptions {
  /** Where the adapter writes the app (index.html and _app/). */
  buildDir: string
  /** SvelteKit's outDir (.svelte-kit). */
  kitDir: string
}

export function recipientPreload({ buildDir, kitDir }: RecipientPreloadOptions): Plugin {
  let ssrBuild = false
  return {
    name: 'hushlink:recipient-preload',
    apply: 'build',
    configResolved(config) {
      ssrBuild = Boolean(config.build.ssr)
    },
    // SvelteKit runs the adapter in the server build's closeBundle; this runs after it.
    closeBundle: {
      sequential: true,
      order: 'post',
      async handler() {
        if (!ssrBuild) return
        const indexPath = join(buildDir, 'index.html')
        const indexHtml = readFileSync(indexPath, 'utf8')
        const manifest = JSON.parse(
          readFileSync(join(kitDir, 'output/client/.vite/manifest.json'), 'utf8'),
        ) as ViteManifest
        const nodes = routeNodes(
          readFileSync(join(kitDir, 'generated/client-optimized/app.js'), 'utf8'),
        )
        const nodeKey = (index: number) => `${kitDir}/generated/client-optimized/nodes/${index}.js`
        const plan = planPreloads(manifest, nodes, indexHtml, nodeKey)
        const early = buildsEarlyRequest(process.env)
          ? await bundleEarly(buildDir, localeChunks(manifest))
          : null
        const script = recipientPreloadScript(
          plan.recipient,
          (file) => integrityOf(readFileSync(join(buildDir, file))),
          early,
        )
        writeFileSync(indexPath, withPreloads(indexHtml, plan, script))
      },
    },
  }
}
