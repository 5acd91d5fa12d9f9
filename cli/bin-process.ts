// Runs cli/bin.js as a real process, as a shell would: for the bin test and the browser e2e.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('./bin.js', import.meta.url))

export interface ProcessResult {
  status: number | null
  stdout: string
  stderr: string
}

/** Async on purpose: spawnSync would block the event loop of an in-process test server. */
export function runBin(
  args: string[],
  env: Record<string, string>,
  input = '',
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (status) => resolve({ status, stdout, stderr }))
    child.stdin.end(input)
  })
}
