// Hostile input, fast-check driven: every malformed request gets a 4xx JSON error and never a 5xx,
// the server stays healthy, and no push changes beyond the failed_view trail the protocol asks for.
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSodium } from '../src/lib/crypto'
import {
  createRequests,
  headerRequests,
  rawBodyRequests,
  routingRequests,
  tokenBodyRequests,
  type RawRequest,
} from './testing/malformed-requests'
import { expectApiError } from './testing/test-expect'
import { listen, startTestApp, tableRows, type TestServer } from './testing/test-support'

const token = () => randomBytes(32).toString('base64url')
const ciphertext = () => Buffer.concat([Buffer.from([1]), randomBytes(80)]).toString('base64url')

let t: TestServer
let knownIds: string[]
let before: Snapshot

type Snapshot = Awaited<ReturnType<typeof snapshot>>

/** Every row of the three tables, blobs as hex, so two snapshots compare with toEqual. */
async function snapshot() {
  const plain = (row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof ArrayBuffer ? Buffer.from(v).toString('hex') : v,
      ]),
    )
  const rows = async (table: 'pushes' | 'ciphertexts' | 'events') =>
    (await tableRows(t.database, table)).map((r) => plain(r as unknown as Record<string, unknown>))
  return {
    pushes: await rows('pushes'),
    ciphertexts: await rows('ciphertexts'),
    events: await rows('events'),
  }
}

/** Creates a push with tokens the generators never see; returns its id and tokens. */
async function seed(options: { views: number; passphrase?: boolean }) {
  const linkToken = token()
  const created = await t.api.createPush({
    kind: 'text',
    ciphertext: ciphertext(),
    linkToken,
    passphrase: options.passphrase
      ? {
          salt: randomBytes(16).toString('base64url'),
          token: token(),
          opslimit: 2,
          memlimit: 64 * 1024 * 1024,
        }
      : null,
    expireAfterViews: options.views,
  })
  if (!created.ok) throw new Error('seeding failed: ' + created.error.message)
  return {
    id: created.data.id,
    linkToken,
    ownerToken: created.data.ownerToken,
  }
}

const describeRequest = (r: RawRequest) => {
  const body =
    typeof r.body === 'string' ? r.body.slice(0, 300) : r.body ? `<${r.body.length} bytes>` : ''
  return `${r.method} ${r.path.slice(0, 300)} ${JSON.stringify(r.headers).slice(0, 300)} ${body}`
}

/** Sends one hostile request in process and checks the answer is a proper refusal. */
async function expectRefused(r: RawRequest) {
  const response = await t.app.request(r.path, {
    method: r.method,
    headers: r.headers,
    body: r.body,
  })
  const what = describeRequest(r)
  expect(response.status, what).toBeGreaterThanOrEqual(400)
  expect(response.status, what).toBeLessThan(500)
  // The URL parser resolves dot segments, so judge by the path the app actually saw.
  const path = new URL(r.path, 'http://test.local').pathname
  if (path.startsWith('/api/') && r.method !== 'HEAD') await expectApiError(response, CLIENT_ERRORS)
}

const CLIENT_ERRORS = Array.from({ length: 100 }, (_, i) => 400 + i)

const runs = (numRuns: number) => ({ numRuns, endOnFailure: true })

beforeAll(async () => {
  await loadSodium()
  t = await startTestApp({ HUSHLINK_RATE_LIMIT: 'off' })
  const active = await seed({ views: 3 })
  const guarded = await seed({ views: 3, passphrase: true })
  const used = await seed({ views: 1 })
  expect((await t.api.reveal(used.id, used.linkToken)).ok).toBe(true)
  const deleted = await seed({ views: 2 })
  expect((await t.api.deletePush(deleted.id, deleted.ownerToken)).ok).toBe(true)
  knownIds = [active.id, guarded.id, used.id, deleted.id]
  before = await snapshot()
})

afterAll(async () => {
  await t?.close()
})

describe('malformed requests are refused with a 4xx JSON error', () => {
  it('create bodies with a broken field', async () => {
    await fc.assert(fc.asyncProperty(createRequests, expectRefused), runs(500))
  })

  it('bodies that are not JSON, not UTF-8 or the wrong shape', async () => {
    await fc.assert(fc.asyncProperty(rawBodyRequests(knownIds), expectRefused), runs(400))
  })

  it('reveal and burn with tokens that are nobody’s', async () => {
    await fc.assert(fc.asyncProperty(tokenBodyRequests(knownIds), expectRefused), runs(500))
  })

  it('absurd X-Link-Token and Authorization headers', async () => {
    await fc.assert(fc.asyncProperty(headerRequests(knownIds), expectRefused), runs(400))
  })

  it('odd ids, wrong methods, unknown routes and wrong content types', async () => {
    await fc.assert(fc.asyncProperty(routingRequests(knownIds), expectRefused), runs(300))
  })
})

/** Sends raw bytes over a socket, for what fetch refuses to send; resolves with the status. */
function rawRequest(
  origin: string,
  text: string | Buffer,
): Promise<{ status: number; response: string }> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname)
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => {
      chunks.push(chunk)
      // One response is enough; do not wait for keep-alive to time out.
      const response = Buffer.concat(chunks).toString('latin1')
      const head = response.indexOf('\r\n\r\n')
      const length = /content-length:\s*(\d+)/i.exec(response)?.[1]
      if (head >= 0 && (length === undefined || response.length >= head + 4 + Number(length)))
        socket.destroy()
    })
    socket.on('close', () => {
      const response = Buffer.concat(chunks).toString('latin1')
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0),
        response,
      })
    })
    socket.on('error', reject)
    socket.setTimeout(5000, () => socket.destroy())
    socket.write(text)
  })
}

describe('on a real socket', () => {
  it('bodies on GET and DELETE, lying lengths, oversized chunks and huge headers are refused', async () => {
    const server = await listen(t.app)
    try {
      const id = knownIds[0]
      const cases: (string | Buffer)[] = [
        `GET /api/pushes/${id} HTTP/1.1\r\nHost: x\r\nX-Link-Token: ${token()}\r\nContent-Length: 5\r\n\r\nhello`,
        `GET /api/pushes/${id}/audit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token()}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
        `DELETE /api/pushes/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token()}\r\nContent-Type: application/json\r\nContent-Length: 18\r\n\r\n{"linkToken":"xx"}`,
        `POST /api/pushes/${id}/reveal HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"linkToken":`,
        `POST /api/pushes/${id}/reveal HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5000\r\n${'a'.repeat(0x5000)}\r\n0\r\n\r\n`,
        `POST /api/pushes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n`,
        `POST /api/pushes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        `GET /api/pushes/${id} HTTP/1.1\r\nHost: x\r\nX-Link-Token: ${'A'.repeat(64 * 1024)}\r\n\r\n`,
        Buffer.concat([
          Buffer.from('GET /api/pushes/'),
          Buffer.from([0xff, 0xfe, 0x00]),
          Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
        ]),
        `GET /api/pushes/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n`,
        `GET /api/pushes/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n`,
        `BREW /api/pushes HTTP/1.1\r\nHost: x\r\n\r\n`,
      ]
      for (const request of cases) {
        const { status, response } = await rawRequest(server.origin, request)
        const what = String(request).slice(0, 120) + ' → ' + response.slice(0, 200)
        expect(status, what).toBeGreaterThanOrEqual(400)
        expect(status, what).toBeLessThan(500)
      }
    } finally {
      await server.close()
    }
  })
})

describe('afterwards', () => {
  it('the server is healthy', async () => {
    const response = await t.app.request('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
  })

  it('no push changed beyond failed_view events, and no prototype was polluted', async () => {
    const after = await snapshot()
    expect(after.ciphertexts).toEqual(before.ciphertexts)
    expect(after.pushes.map((p) => p.id)).toEqual(before.pushes.map((p) => p.id))
    after.pushes.forEach((push, i) => {
      const { bad_link_failures: failed, ...rest } = push
      const { bad_link_failures: failedBefore, ...restBefore } = before.pushes[i]
      expect(rest).toEqual(restBefore)
      expect(Number(failed)).toBeGreaterThanOrEqual(Number(failedBefore))
    })
    // Wrong tokens against real ids are recorded, as the protocol asks; nothing else is.
    expect(after.events.slice(0, before.events.length)).toEqual(before.events)
    const added = after.events.slice(before.events.length)
    expect(added.length).toBeGreaterThan(0)
    for (const event of added) {
      expect(event).toMatchObject({ kind: 'failed_view', reason: 'bad_link' })
      expect(knownIds).toContain(event.push_id)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
