// The rate limits as an attacker meets them, over a real socket (in-process calls have no client
// address and skip the limits): bursts sent at once, and push and request routes side by side.
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../../src/lib/crypto'
import { listen, pushText, startTestApp, type TestServer } from '../testing/test-support'
import { newPushId } from '../pushes/tokens'

let t: TestServer
let server: Awaited<ReturnType<typeof listen>>
beforeAll(() => loadSodium())
afterEach(async () => {
  await server?.close()
  await t?.close()
})

/** Requests the server has begun to handle (their headers are in). */
let started = 0

async function start(env: Record<string, string>) {
  t = await startTestApp(env)
  const app = t.app
  started = 0
  server = await listen({
    fetch: (request: Request, env: unknown) => {
      started++
      return app.fetch(request, env)
    },
  } as typeof app)
}

const wrongToken = () => randomBytes(32).toString('base64url')
const readPush = (id: string) =>
  fetch(`${server.origin}/api/pushes/${id}`, { headers: { 'x-link-token': wrongToken() } })
const readRequest = (id: string) => fetch(`${server.origin}/api/requests/${id}`)
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Sends `count` POST requests at once, as a flood would: every connection opens, every request's
 * headers go out, and only once the server has started on all of them, their bodies. Resolves to each answer's status and Retry-After.
 */
async function burst(count: number, path: string, body: () => string) {
  const { port } = new URL(server.origin)
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => resolve(socket))
          socket.on('error', reject)
        }),
    ),
  )
  const answers = sockets.map(
    (socket) =>
      new Promise<{ status: number; retryAfter: number }>((resolve) => {
        let text = ''
        socket.on('data', (chunk) => (text += chunk))
        socket.on('error', () => undefined) // refused before its body: the server may hang up
        socket.on('close', () =>
          resolve({
            status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]),
            retryAfter: Number(/^retry-after: (\d+)/im.exec(text)?.[1] ?? 0),
          }),
        )
      }),
  )
  const bodies = sockets.map(() => body())
  sockets.forEach((socket, i) =>
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${bodies[i].length}\r\nConnection: close\r\n\r\n`,
    ),
  )
  while (started < count) await turn()
  sockets.forEach((socket, i) => socket.end(bodies[i]))
  return Promise.all(answers)
}

const failedViews = async (id: string) =>
  (await t.store.listEvents(id)).filter((e) => e.kind === 'failed_view').length

describe('the failure limit', () => {
  it('lets at most the limit of 200 wrong tokens sent at once reach the database', async () => {
    await start({ HUSHLINK_RATE_FAILURES: '20' })
    const push = await pushText(t.api, 'x')
    const body = () => JSON.stringify({ linkToken: wrongToken() })
    const answers = await burst(200, `/api/pushes/${push.id}/reveal`, body)
    const statuses = answers.map((a) => a.status)
    // The test clock stands still, so no token comes back during the burst.
    expect(statuses.filter((s) => s === 404)).toHaveLength(20)
    expect(statuses.filter((s) => s === 429)).toHaveLength(180)
    for (const answer of answers.filter((a) => a.status === 429))
      expect(answer.retryAfter).toBeGreaterThan(0)
    expect(await failedViews(push.id)).toBe(20)
  })

  it('is one bucket for push and request routes, however the failures are mixed', async () => {
    await start({ HUSHLINK_RATE_FAILURES: '4' })
    const push = await pushText(t.api, 'x')
    expect((await readPush(push.id)).status).toBe(404)
    expect((await readRequest(newPushId())).status).toBe(404)
    expect((await readPush(push.id)).status).toBe(404)
    expect((await readRequest(newPushId())).status).toBe(404)
    expect((await readRequest(newPushId())).status).toBe(429)
    expect((await readPush(push.id)).status).toBe(429)
    expect(await failedViews(push.id)).toBe(2)
  })

  it('gives the token back when the answer is not a failure', async () => {
    await start({ HUSHLINK_RATE_FAILURES: '2' })
    const push = await pushText(t.api, 'x')
    const read = () =>
      fetch(`${server.origin}/api/pushes/${push.id}`, {
        headers: { 'x-link-token': push.link.linkToken },
      })
    for (let i = 0; i < 10; i++) expect((await read()).status).toBe(200)
    expect((await readPush(push.id)).status).toBe(404)
    expect((await read()).status).toBe(200)
  })
})

describe('the create limit', () => {
  it('is one bucket for pushes and requests', async () => {
    await start({ HUSHLINK_RATE_CREATE: '2' })
    const post = (path: string, body: object) =>
      fetch(server.origin + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const request = { publicKey: randomBytes(32).toString('base64url'), label: 'VPN password' }
    const ciphertext = Buffer.concat([Buffer.from([1]), randomBytes(60)]).toString('base64url')
    const textPush = { kind: 'text', ciphertext, linkToken: wrongToken() }
    expect((await post('/api/requests', request)).status).toBe(201)
    expect((await post('/api/pushes', textPush)).status).toBe(201)
    expect((await post('/api/requests', request)).status).toBe(429)
  })
})
