// The split deploy's frontend half for the e2e: builds the SPA for an API on another origin, then
// serves the build from two static-host origins, one as built and one re-pointed at runtime.
import { spawnSync } from 'node:child_process'
import { startStaticHost } from './static-host'

const env = (name: string) => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set (see e2e/split-deploy/playwright.config.ts)`)
  return value
}
const dir = env('SPLIT_BUILD_DIR')
const apiOrigin = env('SPLIT_API_ORIGIN')
const runtimeApiOrigin = env('SPLIT_RUNTIME_API_ORIGIN')

const build = spawnSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
  {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: {
      ...process.env,
      PUBLIC_API_ORIGIN: apiOrigin,
      // The build may also reach the runtime API; that host's CSP header narrows it to that one.
      PUBLIC_CONNECT_SRC: runtimeApiOrigin,
      HUSHLINK_BUILD_DIR: dir,
    },
  },
)
// Its warnings (e.g. about the tsconfig of the separate .svelte-kit/out-* dir) only matter on failure.
if (build.status !== 0) {
  console.error(build.stderr)
  process.exit(build.status ?? 1)
}

// The runtime host first: Playwright waits for the other one's URL only.
await startStaticHost({
  dir,
  port: Number(env('SPLIT_RUNTIME_SPA_PORT')),
  runtimeConfig: { apiOrigin: runtimeApiOrigin },
  connectSrcHeader: runtimeApiOrigin,
})
await startStaticHost({ dir, port: Number(env('SPLIT_SPA_PORT')) })
