// Where the build goes, for svelte.config.js and vite.config.ts (build-dirs.d.ts types it).
// HUSHLINK_BUILD_DIR builds elsewhere than build/ (e.g. the split-deploy e2e), with SvelteKit's
// working files apart too, so that build never disturbs the normal one.
import { basename } from 'node:path'

export const buildDir = process.env.HUSHLINK_BUILD_DIR || 'build'
export const kitDir = buildDir === 'build' ? '.svelte-kit' : `.svelte-kit/out-${basename(buildDir)}`
