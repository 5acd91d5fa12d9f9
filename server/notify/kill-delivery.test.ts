// kill -9 in the middle of a webhook delivery, on the real server process: after a restart on the
// same database file, the notification arrives anyway, with the same idempotency key (its lease
// runs out and the new process takes it again: at-least-once, docs/api.md, Webhooks).
import { mkdtempSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type ServerProcess } from '../../bench/server-process'
import { WEBHOOK_HEADERS } from '../../src/lib/protocol'
import { hang, startReceiver, type Receiver } from '../testing/webhook-receiver'

let dir: string
let server: ServerProcess | undefined
let receiver: Receiver

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-kill-delivery-'))
  receiver = await startReceiver()
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  await receiver.close()
  rmSync(dir, { recursive: true, force: true })
})

const start = () =>
  startServer({
    env: {
      DATABASE_URL: `file:${join(dir, 'hushlink.db')}`,
      HUSHLINK_SERVE_FRONTEND: 'false',
      HUSHLINK_WEBHOOK_ALLOW_PRIVATE: 'true',
      HUSHLINK_WEBHOOK_TIMEOUT_SECONDS: '1',
      HUSHLINK_WEBHOOK_POLL_MS: '100',
    },
  })

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

it(
  'a delivery cut off by kill -9 is delivered after the restart',
  { timeout: 60_000 },
  async () => {
    server = await start()
    const linkToken = randomBytes(32).toString('base64url')
    const created = await fetch(`${server.origin}/api/pushes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'text',
        ciphertext: Buffer.concat([Buffer.of(1), randomBytes(63)]).toString('base64url'),
        linkToken,
        webhook: { url: receiver.url, format: 'json' },
      }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    receiver.answers.push(hang) // the first delivery is held open…
    const reveal = await fetch(`${server.origin}/api/pushes/${id}/reveal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ linkToken }),
    })
    expect(reveal.status).toBe(200)
    await until(() => receiver.received.length === 1, 10_000)
    await server.stop('SIGKILL') // …and the server dies in the middle of it.

    server = await start()
    await until(() => receiver.received.length === 2, 30_000)
    const [cut, again] = receiver.received
    const key = WEBHOOK_HEADERS.delivery.toLowerCase()
    expect(again.headers[key]).toBe(cut.headers[key])
    expect(JSON.parse(again.body)).toMatchObject({ event: 'viewed', push: { id } })
    // Delivered: nothing more is sent.
    await new Promise((r) => setTimeout(r, 1000))
    expect(receiver.received).toHaveLength(2)
  },
)
