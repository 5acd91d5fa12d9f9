// A Hushlink server of its own, beside the one playwright.config.ts starts, for a spec or a
// screenshot script that needs other settings (branding, sign-in): the built app and the API on
// its own port, with a throwaway database and data directory, stopped by `stop()`.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface OwnServer {
  /** http://127.0.0.1:PORT */
  url: string
  stop(): void
}

export interface OwnServerOptions {
  port: number
  /** Settings besides the port, host and database; given the data directory (for files in it). */
  env: (dataDir: string) => Record<string, string>
  /** Files to write into the data directory first (a logo), by name. */
  files?: Record<string, string>
  /** Show the server's stderr (a script's run); a spec keeps its output quiet. */
  stderr?: boolean
}

const HEALTH_TIMEOUT_MS = 60_000

/** Starts the server and waits until /api/health answers; throws if it exits or never does. */
export async function startOwnServer(options: OwnServerOptions): Promise<OwnServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hushlink-own-server-'))
  for (const [name, content] of Object.entries(options.files ?? {}))
    writeFileSync(join(dataDir, name), content)
  const url = `http://127.0.0.1:${options.port}`
  // node --import tsx: one process, so killing it stops the server (npx would leave a child behind).
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    stdio: ['ignore', 'ignore', options.stderr ? 'inherit' : 'ignore'],
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dataDir, 'hushlink.db')}`,
      HUSHLINK_RATE_LIMIT: 'off',
      HUSHLINK_LOG_FILE: '',
      ...options.env(dataDir),
    },
  })
  let exited: number | null | undefined
  server.once('exit', (code) => (exited = code))
  const stop = () => {
    server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return { url, stop }
    if (exited !== undefined || Date.now() > deadline) {
      stop()
      throw new Error(`the server on ${url} did not start (exit code ${exited ?? 'none'})`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
