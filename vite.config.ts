import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vitest/config'
import { buildDir, kitDir } from './build-plugins/build-dirs.js'
import { quietPreviewHint } from './build-plugins/quiet-preview-hint.ts'
import { recipientPreload } from './build-plugins/recipient-preload.ts'
import { precompress } from './build-plugins/vite-precompress.ts'
import { slimLibsodium } from './build-plugins/vite-slim-libsodium.ts'
import { splitDeployEnv } from './build-plugins/split-deploy-env.ts'
import { SODIUM_API, SODIUM_SUMO_API } from './src/lib/crypto/sodium-api.ts'

export default defineConfig({
  plugins: [
    // PUBLIC_API_ORIGIN and PUBLIC_CONNECT_SRC from the environment only: the CSP is made from it.
    splitDeployEnv(),
    // The browser gets only the libsodium it uses, its wasm as a binary file (docs/performance.md).
    slimLibsodium([
      {
        wrappers: 'libsodium-wrappers',
        core: 'libsodium',
        wasmName: 'libsodium.wasm',
        api: SODIUM_API,
      },
      {
        wrappers: 'libsodium-wrappers-sumo',
        core: 'libsodium-sumo',
        wasmName: 'libsodium-sumo.wasm',
        api: SODIUM_SUMO_API,
      },
    ]),
    sveltekit(),
    // `npm run serve` serves the build; SvelteKit's "Run npm run preview" hint does not apply.
    quietPreviewHint(),
    // After the adapter: the recipient's chunks and wasm preloaded from index.html (issue 17).
    recipientPreload({ buildDir, kitDir }),
    // Last, so index.html's twins carry the preloads: .br and .gz of the built files (docs/deploy.md).
    precompress(buildDir),
  ],
  build: {
    rolldownOptions: {
      // Every module two pages share goes into one chunk: the recipient page loaded ~35 small files
      // before (issue 17 wants at most 25 requests); now about a dozen, and fewer bytes as sent.
      output: { codeSplitting: { groups: [{ name: 'shared', test: /./, minShareCount: 2 }] } },
      // Rolldown's note on slow plugins is for whoever tunes the build, not for `npm start`; on a
      // busy machine it fires on every build (`npm run bench:size` measures what the build makes).
      checks: { bundlerTimings: false },
    },
  },
  // PUBLIC_API_ORIGIN (split deploy) reaches the app as import.meta.env.PUBLIC_API_ORIGIN.
  envPrefix: ['VITE_', 'PUBLIC_'],
  server: {
    port: 5173,
    fs: { allow: ['locales'] },
    proxy: { '/api': 'http://localhost:5100' },
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'server/**/*.test.ts',
      'cli/**/*.test.ts',
      'locales/**/*.test.ts',
      'build-plugins/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // Many files wait on sockets, fsync and child servers rather than on the CPU: on the 2-core CI
    // machine three workers finish the suite in ~2.5 min where the default (one) took ~4.5.
    maxWorkers: '150%',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
