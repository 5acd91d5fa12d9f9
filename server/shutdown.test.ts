// SIGTERM on the real server process: it stops accepting, finishes the request in flight, closes
// the database (the WAL folded back into the file) and exits 0 without waiting on idle clients.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pushBody } from '../bench/load'
import { startServer, type ServerProcess } from '../bench/server-process'

let server: ServerProcess | undefined
let dir: string | undefined

afterEach(async () => {
  await server?.stop('SIGKILL')
  if (dir) rmSync(dir, { recursive: true, force: true })
  server = dir = undefined
})

async function start(): Promise<{ server: ServerProcess; dbPath: string }> {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-shutdown-'))
  const dbPath = join(dir, 'hushlink.db')
  server = await startServer({
    env: {
      DATABASE_URL: `file:${dbPath}`,
      HUSHLINK_RATE_LIMIT: 'off',
      HUSHLINK_SERVE_FRONTEND: 'false',
    },
  })
  return { server, dbPath }
}

function open(origin: string): Promise<Socket> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Everything the server sends on `socket` until it closes it. */
function received(socket: Socket): Promise<string> {
  let text = ''
  socket.on('data', (chunk) => (text += chunk))
  return new Promise((resolve) => socket.once('close', () => resolve(text)))
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, closes the database, exits 0', async () => {
    const { server, dbPath } = await start()
    const { body } = pushBody(1)
    const half = body.length >> 1
    const inFlight = await open(server.origin)
    const answer = received(inFlight)
    inFlight.write(
      `POST /api/pushes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
    )
    // An idle keep-alive client must not hold the shutdown up.
    const idle = await open(server.origin)
    const idleAnswer = received(idle)
    idle.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n')
    await sleep(200)

    const exited = server.stop('SIGTERM')
    await sleep(300)
    await expect(fetch(`${server.origin}/api/health`)).rejects.toThrow()
    inFlight.write(body.slice(half))

    expect(await answer).toMatch(/^HTTP\/1\.1 201 /)
    expect(await idleAnswer).toMatch(/^HTTP\/1\.1 200 /)
    const started = Date.now()
    expect(await exited).toBe(0)
    expect(Date.now() - started).toBeLessThan(3000)
    // The WAL was folded back into the database file before it closed.
    expect(existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0).toBe(0)
    expect(server.stderr()).toBe('')
  })
})
