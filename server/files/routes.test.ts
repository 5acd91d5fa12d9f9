// File pushes through the API: upload, reveal exactly N times, the lifecycle deleting the bytes,
// and every upload the server must refuse before storing anything (the sweeper's part and
// GET /api/config: sweep-and-config.test.ts).
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FileApi } from '../../src/lib/api/file-client'
import { fileUploadBytes, toBase64Url } from '../../src/lib/crypto'
import { sweepOnce } from '../jobs/sweeper'
import {
  fileOf,
  fileRowCounts,
  inProcessFileApi,
  joined,
  pushTestFiles,
  revealTestFiles,
} from '../testing/file-test-support'
import { startTestApp, trailOf, type TestServer } from '../testing/test-support'

let t: TestServer
let files: FileApi
beforeEach(async () => {
  t = await startTestApp({ HUSHLINK_MAX_FILE_BYTES: String(4 * 1024 * 1024) })
  files = inProcessFileApi(t.app)
})
afterEach(() => t.close())

const statusOf = (o: { ok: boolean; status?: number }) => (o.ok ? 200 : o.status)
const linkToken = () => toBase64Url(randomBytes(32))
const optionsHeader = (options: object) =>
  toBase64Url(new TextEncoder().encode(JSON.stringify(options)))

function upload(body: BodyInit | null, headers: Record<string, string> = {}) {
  return t.app.request('/api/pushes/files', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      'X-Push-Options': optionsHeader({ linkToken: linkToken() }),
      ...headers,
    },
    body,
    // Node's fetch needs this for a stream body.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)
}

const nothingStored = async () => {
  expect(await fileRowCounts(t.database)).toEqual({ chunks: 0, uploads: 0 })
  const pushes = await t.database.client.execute('SELECT count(*) AS n FROM pushes')
  expect(Number(pushes.rows[0].n)).toBe(0)
}

describe('a file push', () => {
  it('uploads in binary and reveals the same files, names and types included', async () => {
    const big = randomBytes(2.5 * 1024 * 1024)
    const small = randomBytes(1000)
    const sources = [
      fileOf('report.pdf', big, 'application/pdf'),
      fileOf('empty', new Uint8Array(0)),
      fileOf('ü.txt', small, 'text/plain'),
    ]
    const push = await pushTestFiles(files, sources, { expireAfterViews: 2 })
    expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 3, uploads: 0 })

    const meta = await t.api.getPush(push.id, push.link.linkToken)
    expect(meta.ok && meta.data).toMatchObject({
      kind: 'file',
      viewsRemaining: 2,
      size: fileUploadBytes(sources),
    })

    const outcome = await revealTestFiles(t.api, files, push)
    if (!outcome.ok) throw new Error(outcome.error.error)
    expect(outcome.reveal).toEqual({ viewsRemaining: 1, deletableByViewer: true })
    expect(outcome.files.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: 'report.pdf', type: 'application/pdf', size: big.length },
      { name: 'empty', type: 'application/octet-stream', size: 0 },
      { name: 'ü.txt', type: 'text/plain', size: 1000 },
    ])
    expect(joined(outcome.files[0].parts).equals(big)).toBe(true)
    expect(joined(outcome.files[2].parts).equals(small)).toBe(true)
  })

  it('answers a reveal in binary with the counters in headers, and text reveals stay JSON', async () => {
    const push = await pushTestFiles(files, [fileOf('a', randomBytes(10))], { expireAfterViews: 3 })
    const response = await t.app.request(`/api/pushes/${push.id}/reveal`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ linkToken: push.link.linkToken }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/octet-stream')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('x-views-remaining')).toBe('2')
    expect(response.headers.get('x-deletable-by-viewer')).toBe('true')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(bytes.length).toBe(Number(response.headers.get('content-length')))
    expect(bytes[0]).toBe(0x02)
  })

  it('is revealed exactly N times however many reveals race, then its bytes are gone', async () => {
    const push = await pushTestFiles(files, [fileOf('a', randomBytes(1.5 * 1024 * 1024))], {
      expireAfterViews: 3,
    })
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => revealTestFiles(t.api, files, push)),
    )
    const statuses = outcomes.map(statusOf).sort()
    expect(statuses).toEqual([200, 200, 200, ...Array(7).fill(410)])
    const left = outcomes.flatMap((o) => (o.ok ? [o.reveal.viewsRemaining] : [])).sort()
    expect(left).toEqual([0, 1, 2])
    expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 0, uploads: 0 })
    expect(await trailOf(t.store, push.id)).toEqual(
      expect.arrayContaining(['created', 'viewed', 'viewed', 'viewed', 'expired:views']),
    )
  })

  it("keeps a last view's bytes for its download alone, and deletes them when it ends", async () => {
    const bytes = randomBytes(2 * 1024 * 1024 + 5)
    const push = await pushTestFiles(files, [fileOf('a', bytes)], { expireAfterViews: 1 })
    const response = await t.app.request(`/api/pushes/${push.id}/reveal`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ linkToken: push.link.linkToken }),
    })
    expect(response.headers.get('x-views-remaining')).toBe('0')
    // The push has ended: nobody else gets its bytes, but they stay for this download.
    expect((await t.api.getPush(push.id, push.link.linkToken)).status).toBe(410)
    expect(statusOf(await revealTestFiles(t.api, files, push))).toBe(410)
    expect((await fileRowCounts(t.database, push.id)).chunks).toBe(3)
    const body = new Uint8Array(await response.arrayBuffer())
    expect(body.length).toBe(Number(response.headers.get('content-length')))
    expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 0, uploads: 0 })
  })

  it.each([
    ['the owner', (p: { id: string; ownerToken: string }) => t.api.deletePush(p.id, p.ownerToken)],
    [
      'the recipient',
      (p: { id: string; link: { linkToken: string } }) => t.api.burn(p.id, p.link.linkToken),
    ],
    [
      'time (the sweeper)',
      async () => {
        t.advance(2 * 3600_000)
        await sweepOnce(t.deps)
      },
    ],
  ])('loses its bytes when %s ends it', async (_, end) => {
    const push = await pushTestFiles(files, [fileOf('a', randomBytes(100_000))], {
      expireAfterSeconds: 3600,
    })
    expect((await fileRowCounts(t.database, push.id)).chunks).toBe(1)
    await end(push as never)
    expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 0, uploads: 0 })
    expect(statusOf(await revealTestFiles(t.api, files, push))).toBe(410)
  })

  it('finishes a download that started before the sender deleted the push', async () => {
    const bytes = randomBytes(3 * 1024 * 1024)
    const push = await pushTestFiles(files, [fileOf('a', bytes)], { expireAfterViews: 2 })
    const download = await files.revealFile(push.id, push.link.linkToken)
    if (!download.ok) throw new Error(download.error.error)
    expect((await t.api.deletePush(push.id, push.ownerToken)).status).toBe(204)
    expect(statusOf(await revealTestFiles(t.api, files, push))).toBe(410)
    const parts: Uint8Array[] = []
    for await (const part of download.data.body) parts.push(part)
    expect(joined(parts).length).toBe(download.data.size)
    expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 0, uploads: 0 })
  })

  it('asks a reveal to wait (503, no view used) while downloads fill the memory budget', async () => {
    // The budget is never below one upload: 4 MiB of files here.
    const tight = await startTestApp({
      HUSHLINK_MAX_FILE_BYTES: String(4 * 1024 * 1024),
      HUSHLINK_FILE_MEMORY_BYTES: String(1024 * 1024),
    })
    const api = inProcessFileApi(tight.app)
    const push = await pushTestFiles(api, [fileOf('a', randomBytes(3 * 1024 * 1024))], {
      expireAfterViews: 3,
    })
    const first = await api.revealFile(push.id, push.link.linkToken)
    const second = await api.revealFile(push.id, push.link.linkToken)
    expect(!second.ok && second.status).toBe(503)
    expect(!second.ok && second.error.error).toBe('busy')
    const meta = await tight.api.getPush(push.id, push.link.linkToken)
    expect(meta.ok && meta.data.viewsRemaining).toBe(2)
    if (!first.ok) throw new Error(first.error.error)
    for await (const _ of first.data.body);
    expect((await api.revealFile(push.id, push.link.linkToken)).ok).toBe(true)
    await tight.close()
  })

  it('with a passphrase: a wrong one uses no view, the right one opens it', async () => {
    const bytes = randomBytes(5000)
    const push = await pushTestFiles(files, [fileOf('a', bytes)], {
      expireAfterViews: 1,
      passphrase: 'open sesame',
    })
    const wrong = await revealTestFiles(t.api, files, push, 'wrong')
    expect(!wrong.ok && wrong.error).toMatchObject({
      error: 'bad_passphrase',
      attemptsRemaining: 4,
    })
    expect(statusOf(await revealTestFiles(t.api, files, push))).toBe(400)
    const right = await revealTestFiles(t.api, files, push, 'open sesame')
    expect(right.ok && joined(right.files[0].parts).equals(bytes)).toBe(true)
  })
})

describe('POST /api/pushes/files refuses, and stores nothing for', () => {
  const valid = async () => {
    const parts: Uint8Array[] = []
    const { sealFiles } = await import('../../src/lib/crypto')
    for await (const p of sealFiles([fileOf('a', randomBytes(100))], new Uint8Array(32)))
      parts.push(p.slice())
    return Buffer.concat(parts)
  }

  it.each([
    ['a missing X-Push-Options', { 'X-Push-Options': '' }, 400, 'invalid_input'],
    ['X-Push-Options that is not base64url', { 'X-Push-Options': 'e30=' }, 400, 'invalid_input'],
    [
      'X-Push-Options that is not JSON',
      { 'X-Push-Options': toBase64Url(new TextEncoder().encode('{')) },
      400,
      'invalid_input',
    ],
    ['options without a link token', { 'X-Push-Options': optionsHeader({}) }, 400, 'invalid_input'],
    [
      'options out of bounds',
      { 'X-Push-Options': optionsHeader({ linkToken: linkToken(), expireAfterViews: 0 }) },
      400,
      'invalid_input',
    ],
    ['a JSON body', { 'Content-Type': 'application/json' }, 415, 'unsupported_media_type'],
  ])('%s', async (_, headers, status, error) => {
    const response = await upload(await valid(), headers)
    expect(response.status).toBe(status)
    expect(await response.json()).toMatchObject({ error })
    await nothingStored()
  })

  it('names the option that is wrong', async () => {
    const response = await upload(await valid(), {
      'X-Push-Options': optionsHeader({ linkToken: linkToken(), expireAfterViews: 0 }),
    })
    expect((await response.json()).message).toMatch(/^expireAfterViews: /)
  })

  it('a body that is not a version 2 file stream, or is cut short', async () => {
    const body = await valid()
    const text = Buffer.from(body)
    text[0] = 0x01
    expect((await upload(text)).status).toBe(400)
    // A length no stream can have; a cut inside the last chunk only decryption can tell.
    expect((await upload(body.subarray(0, 25 + 10))).status).toBe(400)
    expect((await upload(new Uint8Array(0))).status).toBe(400)
    await nothingStored()
  })

  it('a declared Content-Length over the limit, before reading the body', async () => {
    const response = await upload(new Uint8Array(10), {
      'Content-Length': String(50 * 1024 * 1024),
    })
    expect(response.status).toBe(413)
    expect(response.headers.get('connection')).toBe('close')
    await nothingStored()
  })

  it('a streamed body (no length) as soon as it passes the limit, with rows already written', async () => {
    let sent = 0
    const piece = new Uint8Array(256 * 1024).fill(2)
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += piece.length
        controller.enqueue(piece)
      },
    })
    const response = await upload(endless)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: 'too_large' })
    // It stopped reading right after the limit (4 MiB of files, a little more of upload).
    expect(sent).toBeLessThan(6 * 1024 * 1024)
    await nothingStored()
  })

  it('after a file push is created, its upload row is gone and only its chunks stay', async () => {
    const response = await upload(await valid())
    expect(response.status).toBe(201)
    expect(await fileRowCounts(t.database)).toEqual({ chunks: 1, uploads: 0 })
  })
})
