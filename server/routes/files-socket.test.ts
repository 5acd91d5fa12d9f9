// Over a real socket: a 60 MiB upload is refused with 413 while it streams in (with or without a
// declared length), nothing is stored, and the server keeps answering. A full-size push works.
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { createFileApi } from '../../src/lib/api/file-client'
import { toBase64Url } from '../../src/lib/crypto'
import { fileOf, fileRowCounts, joined, pushTestFiles, revealTestFiles } from '../file-test-support'
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

interface Answer {
  status: number
  body: string
  /** Bytes the client managed to write before the server answered or closed. */
  written: number
}

/** Streams `total` bytes (0x02 then zeros) in 64 KiB writes, as a browser would, and reads the answer. */
function uploadOf(total: number, declareLength: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = toBase64Url(
      new TextEncoder().encode(JSON.stringify({ linkToken: toBase64Url(randomBytes(32)) })),
    )
    const req = request(`${origin}/api/pushes/files`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/octet-stream',
        'X-Push-Options': options,
        ...(declareLength ? { 'Content-Length': String(total) } : {}),
      },
    })
    let written = 0
    let answered = false
    const piece = Buffer.alloc(64 * 1024)
    piece[0] = 0x02
    const pump = () => {
      while (!answered && written < total) {
        const chunk = piece.subarray(0, Math.min(piece.length, total - written))
        written += chunk.length
        if (!req.write(chunk)) return req.once('drain', pump)
        piece[0] = 0
      }
      if (written >= total) req.end()
    }
    req.on('response', (res) => {
      answered = true
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode!, body, written }))
    })
    // The server may close while we still write; the answer has been read by then.
    req.on('error', (error) => (answered ? undefined : reject(error)))
    pump()
  })
}

describe('a 60 MiB upload', () => {
  it.each([
    ['with Content-Length', true],
    ['streamed without a length', false],
  ])('%s gets 413 before it is all sent, and nothing is stored', async (_, declare) => {
    const answer = await uploadOf(60 * MiB, declare)
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
