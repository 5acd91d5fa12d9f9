// Over a real socket, with deadlines of a fraction of a second: headers or a JSON body trickled in
// are cut off, an upload slower than the body deadline but steady still lands, and a connection
// whose request is complete is not cut.
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import type { ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { apiResult, networkFailure } from '../../src/lib/api/client'
import { createFileApi, type Uploader } from '../../src/lib/api/file-client'
import {
  fileOf,
  inProcessFileApi,
  joined,
  pushTestFiles,
  revealTestFiles,
} from '../testing/file-test-support'
import { toBase64Url } from '../../src/lib/crypto'
import { serveApp } from './http-server'
import { startTestApp, type TestServer } from '../testing/test-support'

const BODY_TIMEOUT_MS = 300
let t: TestServer
let server: ServerType
let origin: string
let port: number

beforeAll(async () => {
  t = await startTestApp({ HUSHLINK_RATE_LIMIT: 'off' })
  const deadlines = {
    headersTimeoutMs: 600,
    bodyTimeoutMs: BODY_TIMEOUT_MS,
    uploadTimeoutMs: 60_000,
  }
  const info = await new Promise<AddressInfo>((resolve) => {
    server = serveApp(t.app, { ...deadlines, host: '127.0.0.1', port: 0 }, resolve)
  })
  port = info.port
  origin = `http://127.0.0.1:${port}`
})
afterAll(async () => {
  await new Promise((done) => server.close(done))
  await t.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Sends `head` at once, then `rest` a byte every 50 ms, until all of it is sent or the server
 * closes the connection. What the server answered, and whether it let the client finish.
 */
async function trickle(head: string, rest: string): Promise<{ answer: string; sentAll: boolean }> {
  const socket = connect(port, '127.0.0.1')
  let answer = ''
  let closed = false
  socket.on('data', (chunk) => (answer += chunk))
  socket.on('error', () => undefined) // a reset, when the server has closed before our write
  socket.on('close', () => (closed = true))
  socket.write(head)
  let sent = 0
  while (!closed && sent < rest.length) {
    await sleep(50)
    if (!closed) socket.write(rest[sent++])
  }
  const sentAll = sent === rest.length
  await sleep(100) // an answer to a complete request, had the server taken one
  socket.destroy()
  return { answer, sentAll }
}

const CUT_OFF = /^(HTTP\/1\.1 408 |$)/

describe('slow clients', () => {
  it('are cut off when they trickle their headers', async () => {
    const headers = `X-Slow: ${'a'.repeat(40)}\r\n\r\n`
    const { answer, sentAll } = await trickle('GET /api/health HTTP/1.1\r\nHost: x\r\n', headers)
    expect(sentAll).toBe(false)
    expect(answer).toMatch(CUT_OFF)
  })

  it('are cut off when they trickle a JSON body, with a 408', async () => {
    const body = JSON.stringify({ kind: 'text', ciphertext: 'A'.repeat(60) })
    const head =
      'POST /api/pushes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\n\r\n`
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const { answer, sentAll } = await trickle(head, body)
      expect(sentAll).toBe(false)
      expect(answer).toMatch(CUT_OFF)
      if (answer) expect(answer).toContain('"error":"request_timeout"')
      // The route's read of the body broke off: an expected outcome, not a server fault to log.
      expect(errors).not.toHaveBeenCalled()
    } finally {
      errors.mockRestore()
    }
  })

  it('are cut off when they trickle a body a route does not read', async () => {
    const head = 'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n'
    const { answer, sentAll } = await trickle(head, 'x'.repeat(40))
    expect(sentAll).toBe(false)
    // The health answer went out at once; the connection is cut all the same.
    expect(answer).toMatch(/^HTTP\/1\.1 200 /)
  })
})

describe('an upload slower than the body deadline', () => {
  it('still lands while it keeps sending, and reveals whole', async () => {
    const bytes = randomBytes(48 * 1024)
    const fileApi = createFileApi(origin, fetch, slowUploader(12, 3 * BODY_TIMEOUT_MS))
    const push = await pushTestFiles(fileApi, [fileOf('slow.bin', bytes)])
    const outcome = await revealTestFiles(t.api, inProcessFileApi(t.app), push)
    if (!outcome.ok) throw new Error(outcome.error.error)
    expect(joined(outcome.files[0].parts).equals(bytes)).toBe(true)
  })
})

describe('an upload named by an absolute URL', () => {
  it('keeps the upload deadline, not the body deadline', async () => {
    const options = Buffer.from(JSON.stringify({ linkToken: toBase64Url(randomBytes(32)) }))
    const body = '\x02' + 'x'.repeat(9) // sent a byte every 50 ms: past the 300 ms body deadline
    const head =
      `POST http://127.0.0.1:${port}/api/pushes/files HTTP/1.1\r\nHost: x\r\n` +
      `Content-Type: application/octet-stream\r\nX-Push-Options: ${toBase64Url(options)}\r\n` +
      `Content-Length: ${body.length}\r\n\r\n`
    const { answer, sentAll } = await trickle(head, body)
    expect(sentAll).toBe(true)
    // Read to its end and refused for what it is (not a whole file stream), not cut off.
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
  })
})

describe('a connection whose request is complete', () => {
  it('is kept past the body deadline for its next request', async () => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk))
    const body = '{}'
    socket.write(
      'POST /api/pushes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\n\r\n${body}`,
    )
    await sleep(3 * BODY_TIMEOUT_MS)
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n')
    await sleep(100)
    socket.destroy()
    expect(answer.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 400', 'HTTP/1.1 200'])
  })
})

/** An Uploader that sends its body in `pieces` spread evenly over `ms`, over its own socket. */
function slowUploader(pieces: number, ms: number): Uploader {
  return async (url, blob, headers) => {
    const bytes = new Uint8Array(await blob.arrayBuffer())
    return new Promise((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(bytes.length) },
      })
      req.on('response', (res) => {
        let text = ''
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve(apiResult(res.statusCode!, res.statusMessage ?? '', text)))
      })
      req.on('error', () => resolve(networkFailure()))
      void (async () => {
        const size = Math.ceil(bytes.length / pieces)
        for (let at = 0; at < bytes.length; at += size) {
          req.write(bytes.subarray(at, at + size))
          await sleep(ms / pieces)
        }
        req.end()
      })()
    })
  }
}
