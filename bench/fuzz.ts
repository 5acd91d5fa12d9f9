// Fires random malformed requests (10,000 by default) at a real listening server and prints how
// many answers were 5xx; the acceptance asks for 0, and a healthy server afterwards.
//   npx tsx bench/fuzz.ts [count]           its own server on a fresh database
//   FUZZ_URL=http://127.0.0.1:5100 npx tsx bench/fuzz.ts
// A server aimed at with FUZZ_URL should run with HUSHLINK_RATE_LIMIT=off, or most answers are 429.
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import fc from 'fast-check'
import { loadSodium } from '../src/lib/crypto'
import { anyMalformedRequest, type RawRequest } from '../server/testing/malformed-requests'
import { listen, startTestApp } from '../server/testing/test-support'

const count = Number(process.argv[2] ?? 10_000)
const CONCURRENCY = 32
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })

type Outcome = { status: number } | { error: string }

function send(origin: string, r: RawRequest): Promise<Outcome> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve) => {
    try {
      const req = request(
        {
          host: hostname,
          port,
          agent,
          method: r.method,
          path: r.path,
          headers: r.headers,
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
          res.on('error', () => resolve({ status: res.statusCode ?? 0 }))
        },
      )
      // A 413 may close the connection before the whole body is written: that is the point.
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? 'error' }))
      req.setTimeout(15_000, () =>
        req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
      )
      req.end(r.body)
    } catch (error) {
      // node:http refuses to put some generated header values or paths on the wire.
      resolve({
        error: 'unsendable:' + ((error as NodeJS.ErrnoException).code ?? 'error'),
      })
    }
  })
}

async function seedIds(origin: string): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < 3; i++) {
    const body = {
      kind: 'text',
      ciphertext: Buffer.concat([Buffer.from([1]), randomBytes(100)]).toString('base64url'),
      linkToken: randomBytes(32).toString('base64url'),
    }
    const response = await fetch(origin + '/api/pushes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (response.status !== 201)
      throw new Error(`seeding failed: ${response.status} ${await response.text()}`)
    ids.push((await response.json()).id)
  }
  return ids
}

async function main() {
  await loadSodium()
  const own = process.env.FUZZ_URL ? null : await startTestApp({ HUSHLINK_RATE_LIMIT: 'off' })
  const server = own ? await listen(own.app) : null
  const origin = process.env.FUZZ_URL ?? server!.origin
  try {
    const requests = fc.sample(anyMalformedRequest(await seedIds(origin)), count)
    const statuses = new Map<string, number>()
    const failures: string[] = []
    const started = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const r = requests[next++]
          const outcome = await send(origin, r)
          const key = 'status' in outcome ? String(outcome.status) : outcome.error
          statuses.set(key, (statuses.get(key) ?? 0) + 1)
          if ('status' in outcome && outcome.status >= 500 && failures.length < 10) {
            failures.push(`${outcome.status} ${r.method} ${r.path.slice(0, 120)}`)
          }
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const health = await fetch(origin + '/api/health').then(
      async (res) => `${res.status} ${await res.text()}`,
      (error) => String(error),
    )
    const fiveHundreds = [...statuses]
      .filter(([k]) => /^5\d\d$/.test(k))
      .reduce((sum, [, n]) => sum + n, 0)
    console.log(`requests: ${requests.length} in ${seconds.toFixed(1)} s`)
    console.log('outcomes:', Object.fromEntries([...statuses].sort()))
    console.log(`responses >= 500: ${fiveHundreds}`)
    for (const failure of failures) console.log('  ' + failure)
    console.log(`health afterwards: ${health}`)
    process.exitCode = fiveHundreds === 0 && health.startsWith('200') ? 0 : 1
  } finally {
    agent.destroy()
    await server?.close()
    await own?.close()
  }
}

await main()
