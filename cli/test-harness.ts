// Runs the CLI in-process against a real listening test server, with fake stdin, stdout and env.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { listen, startTestApp, type TestServer } from '../server/testing/test-support'
import type { CliIo } from './io'
import { run } from './main'

export interface CliServer extends TestServer {
  origin: string
  /** A fresh HUSHLINK_HOME, removed on close. */
  home: string
}

/** Rate limits are off: one test file makes more pushes from 127.0.0.1 than a person would. */
export async function startCliServer(env: Record<string, string> = {}): Promise<CliServer> {
  const server = await startTestApp({ HUSHLINK_RATE_LIMIT: 'off', ...env })
  const socket = await listen(server.app)
  const home = mkdtempSync(join(tmpdir(), 'hushlink-cli-home-'))
  return {
    ...server,
    origin: socket.origin,
    home,
    async close() {
      await socket.close()
      await server.close()
      rmSync(home, { recursive: true, force: true })
    },
  }
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  /** The prompts the CLI showed, in order. */
  prompts: string[]
}

export interface RunOptions {
  env?: Record<string, string | undefined>
  /** Piped stdin; without it stdin is a terminal. */
  stdin?: string | Uint8Array
  /** Answers to no-echo prompts, in order; a prompt with none left gets null (no terminal). */
  typed?: string[]
  stdoutIsTTY?: boolean
}

/** Where a run goes: the server and the HUSHLINK_HOME it uses, and its clock if it has one. */
export type CliTarget = Pick<CliServer, 'origin' | 'home'> & Partial<Pick<CliServer, 'now'>>

export async function runCli(
  server: CliTarget,
  argv: string[],
  options: RunOptions = {},
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const prompts: string[] = []
  const typed = [...(options.typed ?? [])]
  const piped = options.stdin !== undefined
  const stdin = Object.assign(Readable.from(piped ? [Buffer.from(options.stdin!)] : []), {
    isTTY: !piped,
  })
  const io: CliIo = {
    stdin,
    stdout: { write: (chunk) => (stdout += String(chunk)), isTTY: options.stdoutIsTTY ?? false },
    stderr: { write: (chunk) => (stderr += String(chunk)) },
    env: { HUSHLINK_SERVER: server.origin, HUSHLINK_HOME: server.home, ...options.env },
    readSecret: async (prompt) => {
      prompts.push(prompt)
      return typed.shift() ?? null
    },
    now: () => server.now?.() ?? Date.now(),
  }
  const code = await run(argv, io)
  return { code, stdout, stderr, prompts }
}

/** Pushes and returns the link, failing loudly if the push did not work. */
export async function pushLink(
  server: CliTarget,
  argv: string[],
  options: RunOptions = {},
): Promise<string> {
  const result = await runCli(server, ['push', ...argv], options)
  if (result.code !== 0) throw new Error(`push failed (${result.code}): ${result.stderr}`)
  return result.stdout.trim()
}
