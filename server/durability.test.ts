// kill -9 in the middle of creates and reveals, twice, on the real server process. After each
// restart on the same file, every push that got its 201 is there with its exact bytes, no push is
// ever served more often than its views allow, and each trail matches its counters (a batch
// landed whole or not at all). See docs/performance.md for why WAL + synchronous=NORMAL is safe.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { pushBody } from '../bench/load'
import { startServer, type ServerProcess } from '../bench/server-process'

interface Sent {
  id: string
  linkToken: string
  ownerToken: string
  ciphertext: string
  views: number
  /** Reveals answered 200. */
  served: number
  /** Reveals whose answer was lost in a crash: each may or may not have used a view. */
  inDoubt: number
}

const WORKERS = 12
const CREATES_BEFORE_KILL = 120
let dir: string
let server: ServerProcess | undefined

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-durability-'))
})
afterAll(async () => {
  await server?.stop('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const start = () =>
  startServer({
    env: {
      DATABASE_URL: `file:${join(dir, 'hushlink.db')}`,
      HUSHLINK_RATE_LIMIT: 'off',
      HUSHLINK_SERVE_FRONTEND: 'false',
    },
  })

async function reveal(origin: string, push: Sent): Promise<Response> {
  return fetch(`${origin}/api/pushes/${push.id}/reveal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ linkToken: push.linkToken }),
  })
}

/**
 * Creates (1–3 views) and reveals from WORKERS loops until SIGKILL lands among them; returns how
 * many requests were on their way when it did. (How many of those the kill cut off is up to the
 * scheduler: a fast server may have sent every answer, still unread in the sockets.)
 */
async function loadThenKill(server: ServerProcess, pushes: Sent[]): Promise<number> {
  let killed = false
  let created = 0
  let outstanding = 0
  const worker = async () => {
    while (!killed) {
      outstanding++
      await step().finally(() => outstanding--)
    }
  }
  const step = async () => {
    const target = pushes[Math.floor(Math.random() * pushes.length)]
    if (target && target.served + target.inDoubt < target.views && Math.random() < 0.4) {
      try {
        const res = await reveal(server.origin, target)
        if (res.status === 200) {
          const { ciphertext } = (await res.json()) as { ciphertext: string }
          expect(ciphertext).toBe(target.ciphertext)
          target.served++
        } else await res.body?.cancel()
      } catch {
        target.inDoubt++
      }
      return
    }
    const views = 1 + Math.floor(Math.random() * 3)
    const { body, linkToken, ciphertext } = pushBody(views)
    try {
      const res = await fetch(`${server.origin}/api/pushes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      if (res.status !== 201) throw new Error(`create answered ${res.status}`)
      const { id, ownerToken } = (await res.json()) as { id: string; ownerToken: string }
      pushes.push({ id, linkToken, ownerToken, ciphertext, views, served: 0, inDoubt: 0 })
      created++
    } catch (err) {
      if (!killed) throw err
    }
  }
  const workers = Array.from({ length: WORKERS }, worker)
  while (created < CREATES_BEFORE_KILL || outstanding < WORKERS / 2) {
    await new Promise((r) => setTimeout(r, 5))
  }
  const onTheirWay = outstanding
  killed = true
  expect(await server.stop('SIGKILL')).toBe(null)
  await Promise.all(workers)
  return onTheirWay
}

it('survives kill -9 during creates and reveals: nothing answered 201 is lost, no view served twice', async () => {
  const pushes: Sent[] = []
  for (let cycle = 0; cycle < 2; cycle++) {
    server = await start()
    // The kill landed mid-run: requests were on their way when it came.
    expect(await loadThenKill(server, pushes)).toBeGreaterThanOrEqual(WORKERS / 2)
  }
  server = await start()
  const origin = server.origin
  expect(pushes.length).toBeGreaterThanOrEqual(2 * CREATES_BEFORE_KILL)

  const check = async (push: Sent) => {
    let after = 0
    for (;;) {
      const res = await reveal(origin, push)
      const body = (await res.json()) as { ciphertext?: string; reason?: string }
      if (res.status !== 200) {
        expect([res.status, body.reason]).toEqual([410, 'views'])
        break
      }
      expect(body.ciphertext).toBe(push.ciphertext)
      after++
    }
    // Never more than its views; and only answers lost in a crash may account for the rest.
    expect(push.served + after).toBeLessThanOrEqual(push.views)
    expect(push.served + after + push.inDoubt).toBeGreaterThanOrEqual(push.views)
    const audit = await fetch(`${origin}/api/pushes/${push.id}/audit`, {
      headers: { authorization: `Bearer ${push.ownerToken}` },
    })
    const { events } = (await audit.json()) as { events: { kind: string; reason: string | null }[] }
    const kinds = events.map((e) => (e.reason ? `${e.kind}:${e.reason}` : e.kind))
    expect(kinds.filter((k) => k === 'created')).toHaveLength(1)
    expect(kinds.filter((k) => k === 'viewed')).toHaveLength(push.views)
    expect(kinds.filter((k) => k === 'expired:views')).toHaveLength(1)
  }
  for (let i = 0; i < pushes.length; i += 16) await Promise.all(pushes.slice(i, i + 16).map(check))
}, 120_000)
