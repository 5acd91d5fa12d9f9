import adapter from '@sveltejs/adapter-static'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'

// The origins the app may fetch from. A separately hosted API adds its origin here, and the
// server's CSP header follows, since it is read from the built page (server/security-headers.ts).
const connectSrc = ['self']

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: every route falls back to index.html, served by the API process or a CDN.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    alias: { $locales: 'locales' },
    // Hashes of SvelteKit's inline boot script land in a CSP <meta> of build/index.html; the server
    // repeats that policy as a header and adds frame-ancestors, which a <meta> cannot carry.
    // 'wasm-unsafe-eval' lets libsodium compile its WebAssembly; it allows no JavaScript eval.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval'],
        // No inline styles, except by hash the one style attribute SvelteKit itself renders (its
        // route announcer, sveltejs/kit#11993); e2e/security.spec.ts fails on any other violation.
        'style-src': [
          'self',
          'unsafe-hashes',
          'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=',
        ],
        'img-src': ['self'],
        'font-src': ['self'],
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
