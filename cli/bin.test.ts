// The installed entry point, as a shell runs it: a real process through cli/bin.js and tsx.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runBin } from './bin-process'
import { startCliServer, type CliServer } from './test-harness'

let server: CliServer
beforeAll(async () => {
  server = await startCliServer()
})
afterAll(() => server.close())

const hushlink = (args: string[], input = '') =>
  runBin(args, { HUSHLINK_SERVER: server.origin, HUSHLINK_HOME: server.home }, input)

it('pushes from piped stdin and reveals, with exit codes 0, 1 and 2', async () => {
  const push = await hushlink(['push', '--views', '1'], 'piped secret')
  expect(push.status, push.stderr).toBe(0)
  const link = push.stdout.trim()
  expect(await hushlink(['reveal', link])).toMatchObject({ status: 0, stdout: 'piped secret\n' })
  expect((await hushlink(['reveal', link])).status).toBe(1)
  expect((await hushlink(['reveal'])).status).toBe(2)
  expect((await hushlink(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
})
