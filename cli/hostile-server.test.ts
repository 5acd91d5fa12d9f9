// A server that breaks the protocol cannot hang the CLI, drive the terminal or get a passphrase tried.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCli } from './test-harness'

const LINK_PATH = '/p/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(43)
let http: Server
let origin: string
const seen: string[] = []
let metadata: object = {}

beforeAll(async () => {
  http = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`)
    response.setHeader('Content-Type', 'application/json')
    if (request.method === 'GET') return response.end(JSON.stringify(metadata))
    response.statusCode = 500
    response.end(JSON.stringify({ error: 'x\u001b[2J', message: 'boom\u001b]0;owned\u0007' }))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())))

const fake = () => ({ origin, home: '/nonexistent' })
const meta = (passphrase: object | null) => ({
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  kind: 'text',
  status: 'active',
  viewsRemaining: 1,
  expiresAt: '2030-01-01T00:00:00.000Z',
  retrievalStep: true,
  deletableByViewer: true,
  locale: null,
  size: 300,
  passphrase,
})

it('refuses Argon2 costs beyond the protocol bounds before sending anything', async () => {
  metadata = meta({ salt: 'A'.repeat(22), opslimit: 1000, memlimit: 2 ** 40 })
  seen.length = 0
  const result = await runCli(fake(), ['reveal', origin + LINK_PATH], { typed: ['pw'] })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain("the server's answer breaks the protocol")
  expect(seen).toEqual(['GET /api/pushes/AAAAAAAAAAAAAAAAAAAAAA'])
})

it('shows a hostile error message escaped', async () => {
  metadata = meta(null)
  const result = await runCli(fake(), ['reveal', origin + LINK_PATH])
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('boom\\u001b]0;owned\\u0007 (500 x\\u001b[2J)')
  expect(result.stderr).not.toContain('\u001b')
})
