// Over real sockets: downloads stream from the database, so readers that stall or take a byte a
// second hold no memory budget, are dropped below the minimum rate, and cannot stop another
// recipient's download; a client over its cap of downloads at once gets 429; and the bytes of a
// push whose last view was such a download are deleted once it is dropped.
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { createFileApi } from '../../src/lib/api/file-client'
import {
  fileOf,
  fileRowCounts,
  inProcessFileApi,
  joined,
  pushTestFiles,
  revealTestFiles,
} from '../testing/file-test-support'
import {
  filesContaining,
  listen,
  startTestApp,
  type TestPush,
  type TestServer,
} from '../testing/test-support'

const MiB = 1024 * 1024
let t: TestServer
let origin: string
let closeSocket: () => Promise<void>
const sockets: Socket[] = []

async function start(env: Record<string, string> = {}) {
  t = await startTestApp({
    HUSHLINK_RATE_LIMIT: 'off',
    HUSHLINK_MAX_FILE_BYTES: String(21 * MiB),
    // Room for two whole 20 MiB downloads: what held a whole push in memory refused a third.
    HUSHLINK_FILE_MEMORY_BYTES: String(41 * MiB),
    HUSHLINK_DOWNLOAD_MIN_RATE: String(16 * 1024),
    HUSHLINK_DOWNLOAD_GRACE_MS: '1000',
    ...env,
  })
  const socket = await listen(t.app)
  origin = socket.origin
  closeSocket = socket.close
}
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await closeSocket()
  await t.close()
})

/** A recipient that reveals over a raw socket and then reads `bytesPerSecond` (0: nothing). */
function slowReveal(push: TestPush, bytesPerSecond: number) {
  const socket = connect(Number(new URL(origin).port), '127.0.0.1')
  sockets.push(socket)
  const body = JSON.stringify({ linkToken: push.link.linkToken })
  socket.write(
    `POST /api/pushes/${push.id}/reveal HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n\r\n${body}`,
  )
  let received = 0
  const trickle = setInterval(() => {
    const piece = bytesPerSecond > 0 ? (socket.read(bytesPerSecond) as Buffer | null) : null
    received += piece?.length ?? 0
  }, 1000)
  return {
    /** Resolves once the answer has begun to arrive (the view is used by then). */
    answered: () => until(async () => socket.readableLength > 0 || received > 0),
    /** Reads what is left at full speed; resolves with all bytes received once it is closed. */
    drain: () =>
      new Promise<number>((resolve) => {
        clearInterval(trickle)
        socket.on('data', (piece: Buffer) => (received += piece.length))
        socket.on('error', () => undefined)
        socket.on('close', () => resolve(received))
      }),
  }
}

const downloadsRunning = async () =>
  Number((await t.database.client.execute('SELECT count(*) AS n FROM file_downloads')).rows[0].n)

/** Polls until `check` holds; the test's own timeout bounds the wait. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** 32-byte slices of each stored row of a push, to look for in the database files. */
async function storedSlices(id: string): Promise<Uint8Array[]> {
  const rs = await t.database.client.execute({
    sql: 'SELECT data FROM file_chunks WHERE push_id = ? ORDER BY seq',
    args: [id],
  })
  return rs.rows.map((row) => new Uint8Array(row.data as ArrayBuffer).subarray(1000, 1032))
}
const foundIn = (slices: Uint8Array[]) => slices.flatMap((slice) => filesContaining(t.dir, slice))

describe('readers that stall or take a byte a second', () => {
  it(
    'do not stop another recipient downloading a 20 MiB push, and are dropped',
    { timeout: 60_000 },
    async () => {
      await start()
      const bytes = randomBytes(20 * MiB)
      const push = await pushTestFiles(inProcessFileApi(t.app), [fileOf('big', bytes)], {
        expireAfterViews: 3,
      })
      const slices = await storedSlices(push.id)
      const stalled = slowReveal(push, 0)
      const slow = slowReveal(push, 1)
      await stalled.answered()
      await slow.answered()

      // The last view: the push ends, but the two slow downloads still hold its bytes.
      const outcome = await revealTestFiles(createApiClient(origin), createFileApi(origin), push)
      if (!outcome.ok) throw new Error(`${outcome.status} ${outcome.error.error}`)
      expect(joined(outcome.files[0].parts).equals(bytes)).toBe(true)
      expect(outcome.reveal.viewsRemaining).toBe(0)

      // Dropped below the minimum rate, each with less than the whole body.
      await until(async () => (await downloadsRunning()) === 0)
      for (const reader of [stalled, slow]) expect(await reader.drain()).toBeLessThan(20 * MiB)
      // The last of them to end deleted the ended push's bytes from every database file.
      expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 0, uploads: 0 })
      expect(foundIn(slices)).toEqual([])
    },
  )
})

describe('a client over its cap of downloads at once', () => {
  it(
    'gets 429 too_many_downloads with Retry-After, and keeps its view',
    { timeout: 30_000 },
    async () => {
      await start({ HUSHLINK_DOWNLOADS_PER_CLIENT: '1' })
      const push = await pushTestFiles(inProcessFileApi(t.app), [
        fileOf('a', randomBytes(20 * MiB)),
      ])
      const stalled = slowReveal(push, 0)
      await stalled.answered()

      const refused = await createFileApi(origin).revealFile(push.id, push.link.linkToken)
      expect(!refused.ok && [refused.status, refused.error.error]).toEqual([
        429,
        'too_many_downloads',
      ])
      const raw = await fetch(`${origin}/api/pushes/${push.id}/reveal`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ linkToken: push.link.linkToken }),
      })
      expect([raw.status, raw.headers.get('retry-after')]).toEqual([429, '5'])
      const meta = await t.api.getPush(push.id, push.link.linkToken)
      expect(meta.ok && meta.data.viewsRemaining).toBe(4)

      await stalled.drain()
      await until(async () => (await downloadsRunning()) === 0)
      const next = await revealTestFiles(createApiClient(origin), createFileApi(origin), push)
      expect(next.ok).toBe(true)
    },
  )
})

describe('a last view whose reader stalls', () => {
  it(
    'keeps the bytes for that download alone, and deletes them when it is dropped',
    { timeout: 30_000 },
    async () => {
      await start()
      const push = await pushTestFiles(
        inProcessFileApi(t.app),
        [fileOf('a', randomBytes(20 * MiB))],
        {
          expireAfterViews: 1,
        },
      )
      const slices = await storedSlices(push.id)
      const stalled = slowReveal(push, 0)
      await until(async () => (await downloadsRunning()) === 1)
      expect((await t.api.getPush(push.id, push.link.linkToken)).status).toBe(410)
      expect(foundIn(slices).length).toBeGreaterThan(0)

      await until(async () => (await downloadsRunning()) === 0)
      expect(await stalled.drain()).toBeLessThan(20 * MiB)
      expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 0, uploads: 0 })
      expect(foundIn(slices)).toEqual([])
    },
  )
})
