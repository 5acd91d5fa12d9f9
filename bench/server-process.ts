// Runs a real server as its own process on a loopback port in 5300-5399, for the benches and
// the kill -9 test. `node --import tsx` keeps it one process, so a signal reaches the server itself.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export interface ServerProcess {
  origin: string
  child: ChildProcess
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** Everything the process wrote to stderr so far. */
  stderr(): string
}

export interface ServerOptions {
  /** The entry file, relative to the repository root. */
  script?: string
  env?: Record<string, string>
  /** A path that answers 200 once the server is ready. */
  readyPath?: string
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer()
    probe.once('error', () => done(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)))
  })
}

/** A free loopback port of ours, tried from a random start so parallel runs rarely collide. */
export async function freePort(from = 5300, to = 5399): Promise<number> {
  const span = to - from + 1
  const start = Math.floor(Math.random() * span)
  for (let i = 0; i < span; i++) {
    const port = from + ((start + i) % span)
    if (await portIsFree(port)) return port
  }
  throw new Error(`no free port in ${from}-${to}`)
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((done) => child.once('exit', (code) => done(code)))
}

async function waitReady(origin: string, path: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false
    const ok = await fetch(origin + path).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

/** Starts the server and waits until `readyPath` answers; retries once if the port was taken. */
export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const { script = 'server/index.ts', env = {}, readyPath = '/api/health' } = options
  for (let attempt = 0; ; attempt++) {
    const port = await freePort()
    let stderr = ''
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const origin = `http://127.0.0.1:${port}`
    if (await waitReady(origin, readyPath, child)) {
      return {
        origin,
        child,
        stderr: () => stderr,
        async stop(signal = 'SIGTERM') {
          const done = exited(child)
          child.kill(signal)
          return done
        },
      }
    }
    child.kill('SIGKILL')
    await exited(child)
    if (attempt === 2) throw new Error(`${script} did not start:\n${stderr}`)
  }
}
