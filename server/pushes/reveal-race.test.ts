// Exactly N reveals ever succeed for a push of N views, however many arrive at once, over a
// real socket (the acceptance test of issue 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src/lib/api/client'
import { openSealed, deriveLinkKeys, fromBase64Url } from '../../src/lib/crypto'
import {
  hasCiphertext,
  listen,
  pushText,
  startTestApp,
  trailOf,
  type TestServer,
} from '../testing/test-support'

const REQUESTS = 200

let t: TestServer
let server: Awaited<ReturnType<typeof listen>>
let api: ApiClient
/** Recipient number `n`, behind the trusted proxy with an address of its own. */
const recipient = (n: number): ApiClient =>
  createApiClient(server.origin, (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as object), 'X-Forwarded-For': `10.1.${n >> 8}.${n & 255}` },
    }),
  )

// The per-address rate limits stay on: 200 recipients behind a proxy, not one client flooding.
beforeAll(async () => {
  t = await startTestApp({ HUSHLINK_TRUST_PROXY: 'true' })
  server = await listen(t.app)
  api = createApiClient(server.origin)
})
afterAll(async () => {
  await server.close()
  await t.close()
})

describe.each([1, 3])('%i-view push', (views) => {
  it(`${REQUESTS} concurrent reveals → exactly ${views} × 200, the rest 410`, async () => {
    const push = await pushText(api, `only ${views}`, { expireAfterViews: views })
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: REQUESTS }, (_, n) => recipient(n).reveal(push.id, push.link.linkToken)),
    )
    const elapsed = performance.now() - started
    console.info(
      `race: ${REQUESTS} reveals of a ${views}-view push over a socket in ${elapsed.toFixed(0)} ms`,
    )

    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(views)
    expect(statuses.filter((s) => s === 410)).toHaveLength(REQUESTS - views)
    for (const r of results)
      if (!r.ok) expect([r.error.error, r.error.reason]).toEqual(['ended', 'views'])

    // Each winner got a distinct count and the real ciphertext.
    const winners = results.flatMap((r) => (r.ok ? [r.data] : []))
    expect(winners.map((w) => w.viewsRemaining).sort()).toEqual(
      Array.from({ length: views }, (_, i) => i),
    )
    const { encKey } = await deriveLinkKeys(push.link.secret)
    for (const w of winners) {
      expect(await openSealed(fromBase64Url(w.ciphertext), encKey, 'text')).toEqual({
        v: 1,
        kind: 'text',
        text: `only ${views}`,
      })
    }

    const trail = await trailOf(t.store, push.id)
    expect(trail.filter((e) => e === 'viewed')).toHaveLength(views)
    expect(trail.filter((e) => e.startsWith('expired'))).toEqual(['expired:views'])
    expect(await hasCiphertext(t.database, push.id)).toBe(false)
  })
})
