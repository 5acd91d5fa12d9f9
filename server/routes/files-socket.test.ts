// Over a real socket: a 60 MiB upload is refused with 413 while it streams in (with or without a
// declared length), nothing is stored, and the server keeps answering. A full-size push works.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { createFileApi } from '../../src/lib/api/file-client'
import {
  fileOf,
  fileRowCounts,
  joined,
  pushTestFiles,
  revealTestFiles,
  streamUpload,
} from '../file-test-support'
import { listen, startTestApp, type TestServer } from '../test-support'

const MiB = 1024 * 1024
let t: TestServer
let origin: string
let closeSocket: () => Promise<void>

beforeAll(async () => {
  t = await startTestApp({ HUSHLINK_RATE_LIMIT: 'off' })
  const socket = await listen(t.app)
  origin = socket.origin
  closeSocket = socket.close
})
afterAll(async () => {
  await closeSocket()
  await t.close()
})

describe('a 60 MiB upload', () => {
  it.each([
    ['with Content-Length', true],
    ['streamed without a length', false],
  ])('%s gets 413 before it is all sent, and nothing is stored', async (_, declare) => {
    const answer = await streamUpload(origin, 60 * MiB, declare)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'too_large' })
    expect(answer.written).toBeLessThan(60 * MiB)
    expect(await fileRowCounts(t.database)).toEqual({ chunks: 0, uploads: 0 })
    const health = await fetch(`${origin}/api/health`)
    expect(health.status).toBe(200)
  })
})

describe('a push of 50 MiB of files (the default limit) over the socket', () => {
  it('uploads and comes back identical', { timeout: 120_000 }, async () => {
    const big = randomBytes(45 * MiB)
    const small = randomBytes(5 * MiB - 10)
    const files = createFileApi(origin)
    const push = await pushTestFiles(files, [fileOf('big.bin', big), fileOf('small.bin', small)], {
      expireAfterViews: 1,
    })
    const outcome = await revealTestFiles(createApiClient(origin), files, push)
    if (!outcome.ok) throw new Error(outcome.error.error)
    expect(joined(outcome.files[0].parts).equals(big)).toBe(true)
    expect(joined(outcome.files[1].parts).equals(small)).toBe(true)
    expect(await fileRowCounts(t.database)).toEqual({ chunks: 0, uploads: 0 })
  })
})

describe('rate limits', () => {
  it('count a file upload as a create, in the same bucket as text pushes', async () => {
    const limited = await startTestApp({ HUSHLINK_RATE_CREATE: '2' })
    const socket = await listen(limited.app)
    const files = createFileApi(socket.origin)
    const api = createApiClient(socket.origin)
    await pushTestFiles(files, [fileOf('a', randomBytes(10))])
    expect(
      (await api.createPush({ kind: 'text', ciphertext: 'x', linkToken: 'y', passphrase: null }))
        .status,
    ).toBe(400)
    const third = await files.createFilePush(new Blob([new Uint8Array(50)]), {
      linkToken: 'y',
      passphrase: null,
    })
    expect(third.status).toBe(429)
    await socket.close()
    await limited.close()
  })
})
