// One webhook delivery over node's http/https: connected to the address the target check
// approved (pinned, whatever DNS says by then), no redirects followed, an overall deadline, and at
// most 64 KiB of the answer read. Never throws; the URL and the body are never logged.
import { request as httpRequest, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import type { ResolvedAddress } from './target'

export const MAX_RESPONSE_BYTES = 64 * 1024

export type DeliveryResult = { ok: true; status: number } | { ok: false; error: string }

export interface Delivery {
  url: string
  address: ResolvedAddress
  headers: Record<string, string>
  body: string
  timeoutMs: number
}

/** A lookup that answers every name with the one checked address. */
function pinned({ address, family }: ResolvedAddress): LookupFunction {
  return (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      ;(callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, [
        { address, family },
      ])
    } else callback(null, address, family)
  }
}

export function deliver({
  url,
  address,
  headers,
  body,
  timeoutMs,
}: Delivery): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    const target = new URL(url)
    const options: RequestOptions = {
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: target.port || undefined,
      path: target.pathname + target.search,
      auth:
        target.username || target.password
          ? `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`
          : undefined,
      headers: {
        ...headers,
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Hushlink-Webhook/1',
      },
      lookup: pinned(address),
      // A fresh connection each time, so the pinned lookup is the one used.
      agent: false,
    }
    let settled = false
    const finish = (result: DeliveryResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      resolve(result)
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest
    const req = send(options, (res) => {
      const status = res.statusCode ?? 0
      let read = 0
      res.on('data', (piece: Buffer) => {
        read += piece.length
        if (read >= MAX_RESPONSE_BYTES) done()
      })
      const done = () =>
        finish(
          status >= 200 && status < 300
            ? { ok: true, status }
            : {
                ok: false,
                error:
                  status >= 300 && status < 400
                    ? `redirect ${status} not followed`
                    : `status ${status}`,
              },
        )
      res.on('end', done)
      res.on('error', done)
    })
    const timer = setTimeout(() => finish({ ok: false, error: 'timed out' }), timeoutMs)
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: error.code ?? 'connection failed' }),
    )
    req.end(body)
  })
}
