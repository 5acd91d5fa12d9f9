// Over a real socket: a 60 MiB upload is refused with 413 while it streams in (with or without a
// declared length), nothing is stored, and the server keeps answering. A full-size push works.
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { createFileApi } from '../../src/lib/api/file-client'
import { toBase64Url } from '../../src/lib/crypto'
import {
  fileOf,
  fileRowCounts,
  joined,
  pushTestFiles,
  revealTestFiles,
  streamUpload,
} from '../testing/file-test-support'
import { listen, startTestApp, type TestServer } from '../testing/test-support'

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

describe('after a 413, the connection lingers', () => {
  it('takes what the client still sends, without a reset, and closes after its FIN', async () => {
    const { hostname, port } = new URL(origin)
    // Half-open, as a client still sending its body is: the FIN does not end our side.
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true })
    const options = toBase64Url(
      new TextEncoder().encode(JSON.stringify({ linkToken: toBase64Url(randomBytes(32)) })),
    )
    const errors: Error[] = []
    socket.on('error', (error) => errors.push(error))
    let answer = ''
    const answered = new Promise<void>((resolve) =>
      socket.on('data', (chunk) => {
        answer += chunk
        if (answer.includes('too_large')) resolve()
      }),
    )
    const serverClosed = new Promise<void>((resolve) => socket.on('end', resolve))
    socket.write(
      `POST /api/pushes/files HTTP/1.1\r\nHost: ${hostname}\r\n` +
        `Content-Type: application/octet-stream\r\nX-Push-Options: ${options}\r\n` +
        `Content-Length: ${60 * MiB}\r\n\r\n`,
    )
    socket.write(Buffer.alloc(256 * 1024, 2))
    await answered
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    await serverClosed // the FIN after the answer
    // Still sending, as a client that has not read its answer yet would: no reset comes back.
    for (let i = 0; i < 8; i++) socket.write(Buffer.alloc(128 * 1024, 3))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(errors).toEqual([])
    socket.end()
    await new Promise((resolve) => socket.on('close', resolve))
    expect(errors).toEqual([])
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
