// The per-client storage quota of file uploads, over a real socket (it is keyed by address):
// past it an upload gets 429 quota_exceeded with Retry-After before more is stored, a refused
// upload counts nothing, and the quota comes back with the next window.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { createFileApi, type FileApi } from '../../src/lib/api/file-client'
import { toBase64Url } from '../../src/lib/crypto'
import {
  fileOf,
  fileRowCounts,
  pushTestFiles,
  revealTestFiles,
  streamUpload,
} from '../testing/file-test-support'
import { listen, startTestApp, type TestServer } from '../testing/test-support'

const MiB = 1024 * 1024
let t: TestServer
let origin: string
let files: FileApi
let closeSocket: () => Promise<void>

async function start(env: Record<string, string>) {
  t = await startTestApp({
    HUSHLINK_RATE_LIMIT: 'off',
    HUSHLINK_MAX_FILE_BYTES: String(4 * MiB),
    HUSHLINK_FILE_QUOTA_WINDOW_SECONDS: '3600',
    ...env,
  })
  const socket = await listen(t.app)
  origin = socket.origin
  closeSocket = socket.close
  files = createFileApi(origin)
}
afterEach(async () => {
  await closeSocket()
  await t.close()
})

const options = () =>
  toBase64Url(new TextEncoder().encode(JSON.stringify({ linkToken: toBase64Url(randomBytes(32)) })))

describe('HUSHLINK_FILE_QUOTA_BYTES', () => {
  it('refuses a client past its quota with 429 quota_exceeded, before storing more', async () => {
    await start({ HUSHLINK_FILE_QUOTA_BYTES: String(3 * MiB) })
    const first = await pushTestFiles(files, [fileOf('a', randomBytes(2 * MiB))])
    const stored = await fileRowCounts(t.database)

    // A declared length past what is left: refused before a byte of the body is read.
    const declared = await fetch(`${origin}/api/pushes/files`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Push-Options': options(),
      },
      body: new Uint8Array(2 * MiB).fill(2),
    })
    expect(declared.status).toBe(429)
    expect(Number(declared.headers.get('retry-after'))).toBeGreaterThan(3500)
    expect(await declared.json()).toMatchObject({ error: 'quota_exceeded' })
    // Streamed without a length: refused once it passes the quota, its rows deleted.
    const streamed = await streamUpload(origin, 2 * MiB, false)
    expect([streamed.status, JSON.parse(streamed.body).error]).toEqual([429, 'quota_exceeded'])
    expect(await fileRowCounts(t.database)).toEqual(stored)
    // What was stored is untouched.
    expect((await revealTestFiles(createApiClient(origin), files, first)).ok).toBe(true)

    t.advance(3600_000)
    expect((await pushTestFiles(files, [fileOf('b', randomBytes(2 * MiB))])).id).toBeTruthy()
  })

  it('counts nothing of an upload it refused for another reason', async () => {
    await start({ HUSHLINK_FILE_QUOTA_BYTES: String(6 * MiB) })
    for (let i = 0; i < 3; i++) {
      const tooLarge = await streamUpload(origin, 5 * MiB, false)
      expect(tooLarge.status).toBe(413)
    }
    await pushTestFiles(files, [fileOf('a', randomBytes(3 * MiB))])
  })

  it('is off at 0', async () => {
    await start({ HUSHLINK_FILE_QUOTA_BYTES: '0' })
    for (let i = 0; i < 3; i++) await pushTestFiles(files, [fileOf('a', randomBytes(3 * MiB))])
  })
})
