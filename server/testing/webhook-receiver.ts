// A real local HTTP server standing in for a webhook receiver: records every request and answers
// as the test scripts it (by default 204), so tests see exactly what the notifier sent.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Receiver {
  url: string
  port: number
  received: Received[]
  /** How the next requests are answered, in order; when empty, 204. */
  answers: ((res: ServerResponse) => void)[]
  close(): Promise<void>
}

export const answerWith =
  (status: number, headers: Record<string, string> = {}) =>
  (res: ServerResponse) => {
    res.writeHead(status, headers)
    res.end()
  }

/** Holds the request without ever answering (a receiver that hangs). */
export const hang = () => undefined

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = []
  const answers: Receiver['answers'] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (piece: string) => (body += piece))
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body })
      ;(answers.shift() ?? answerWith(204))(res)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    answers,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
