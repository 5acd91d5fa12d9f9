// Split deploy e2e (npm run test:split): the SPA built for an API on another origin and served by
// a plain static host (e2e/split-deploy/), the API in API-only mode answering CORS for it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { defineConfig } from '@playwright/test'
import base from '../../playwright.config'

const ROOT = resolve(import.meta.dirname, '../..')

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const origin = (p: number) => `http://127.0.0.1:${p}`
const spa = origin(port('SPLIT_SPA_PORT', 5441))
const runtimeSpa = origin(port('SPLIT_RUNTIME_SPA_PORT', 5442))
const api = origin(port('SPLIT_API_PORT', 5443))
const runtimeApi = origin(port('SPLIT_RUNTIME_API_PORT', 5444))
const dataDir = process.env.SPLIT_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'hushlink-split-'))
// Workers re-read this config and the spec reads the origins: keep them in the environment.
Object.assign(process.env, {
  HUSHLINK_SPLIT_E2E: '1',
  SPLIT_DATA_DIR: dataDir,
  SPLIT_SPA_ORIGIN: spa,
  SPLIT_RUNTIME_SPA_ORIGIN: runtimeSpa,
  SPLIT_API_ORIGIN: api,
  SPLIT_RUNTIME_API_ORIGIN: runtimeApi,
})

/** One API-only process, as `HUSHLINK_SERVE_FRONTEND=false npm run serve` runs it. */
function apiServer(apiOrigin: string, frontendOrigin: string, name: string) {
  return {
    command: 'node --import tsx server/index.ts',
    cwd: ROOT,
    url: `${apiOrigin}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    env: {
      PORT: new URL(apiOrigin).port,
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dataDir, `${name}.db`)}`,
      HUSHLINK_SERVE_FRONTEND: 'false',
      HUSHLINK_CORS_ORIGINS: frontendOrigin,
      HUSHLINK_RATE_LIMIT: 'off',
    },
  }
}

export default defineConfig({
  ...base,
  testDir: '.',
  projects: [{ name: 'split-deploy', testMatch: 'split-deploy.spec.ts' }],
  use: { ...base.use, baseURL: spa },
  webServer: [
    apiServer(api, spa, 'api'),
    apiServer(runtimeApi, runtimeSpa, 'runtime-api'),
    {
      command: 'node --import tsx e2e/split-deploy/serve-spa.ts',
      cwd: ROOT,
      url: spa,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      env: {
        SPLIT_BUILD_DIR: 'node_modules/.cache/hushlink-split-e2e',
        SPLIT_SPA_PORT: new URL(spa).port,
        SPLIT_RUNTIME_SPA_PORT: new URL(runtimeSpa).port,
        SPLIT_API_ORIGIN: api,
        SPLIT_RUNTIME_API_ORIGIN: runtimeApi,
      },
    },
  ],
})
