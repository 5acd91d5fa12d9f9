import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import adapter from '@sveltejs/adapter-static'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'
import { buildDir, kitDir } from './build-plugins/build-dirs.js'

/** An origin from the build's environment, e.g. https://api.example.com; '' when unset. */
function originVar(name) {
  const value = process.env[name]?.trim() ?? ''
  if (value === '') return ''
  let origin = null
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin
  } catch {
    origin = null
  }
  if (origin !== value) {
    throw new Error(
      `${name} must be an origin like https://api.example.com (no path, no trailing slash), got "${value}"`,
    )
  }
  return value
}

/** Extra connect-src sources: origins or schemes (`https:`), separated by spaces or commas. */
function sourcesVar(name) {
  const sources = (process.env[name] ?? '').split(/[\s,]+/).filter(Boolean)
  for (const source of sources) {
    if (!/^(https?|wss?):(\/\/[a-z0-9.*-]+(:\d+)?)?$/.test(source)) {
      throw new Error(
        `${name} takes origins or schemes such as https://api.example.com or https:, got "${source}"`,
      )
    }
  }
  return sources
}

// Split deploy (docs/deploy.md). PUBLIC_API_ORIGIN, the API when it is not on the page's own
// origin, is baked into the app (src/lib/stores/api.ts) and into the page's CSP, which the server's
// header repeats (server/http/security-headers.ts). PUBLIC_CONNECT_SRC allows more origins, for a build
// that learns its API origin at runtime from /hushlink-config.json.
const connectSrc = [
  'self',
  ...[originVar('PUBLIC_API_ORIGIN'), ...sourcesVar('PUBLIC_CONNECT_SRC')].filter(Boolean),
]

/** CSP hashes of the inline scripts of src/app.html (the theme), which SvelteKit does not hash. */
function appHtmlScriptHashes() {
  const html = readFileSync('src/app.html', 'utf8')
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, source]) => `sha256-${createHash('sha256').update(source).digest('base64')}`,
  )
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: every route falls back to index.html, served by the API process or a CDN.
    adapter: adapter({ pages: buildDir, assets: buildDir, fallback: 'index.html', strict: true }),
    outDir: kitDir,
    alias: { $locales: 'locales' },
    // build-plugins/ (Vite plugins, imported by vite.config.ts with their .ts extension, as Vite's
    // native config loader wants) is type-checked with the app.
    typescript: {
      config(tsconfig) {
        tsconfig.compilerOptions.allowImportingTsExtensions = true
        tsconfig.include.push(`${relative(kitDir, 'build-plugins')}/**/*.ts`)
        // scripts/ (tools run with tsx, and the repository's own tests) too.
        tsconfig.include.push(`${relative(kitDir, 'scripts')}/**/*.ts`)
      },
    },
    // Hashes of SvelteKit's inline boot script and of src/app.html's theme script land in a CSP
    // <meta> of build/index.html; the server repeats that policy as a header and adds
    // frame-ancestors, which a <meta> cannot carry.
    // 'wasm-unsafe-eval' lets libsodium compile its WebAssembly; it allows no JavaScript eval.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // build-plugins/recipient-preload.ts adds the hash of the script it puts in index.html.
        'script-src': ['self', 'wasm-unsafe-eval', ...appHtmlScriptHashes()],
        // No inline styles, except by hash the one style attribute SvelteKit itself renders (its
        // route announcer, sveltejs/kit#11993); e2e/security.spec.ts fails on any other violation.
        'style-src': [
          'self',
          'unsafe-hashes',
          'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=',
        ],
        'img-src': ['self'],
        'font-src': ['self'],
        // 'self' also lets libsodium fetch its wasm (build-plugins/), which sits next to the JS.
        'connect-src': connectSrc,
        'worker-src': ['self'],
        'manifest-src': ['self'],
        'frame-src': ['none'],
        'object-src': ['none'],
        'base-uri': ['none'],
        'form-action': ['self'],
      },
    },
  },
}

export default config
