// The link token gate: a wrong or missing token is indistinguishable from an unknown id,
// is logged as a failed view, and nobody can flood a trail with such failures or hide others.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import {
  hasCiphertext,
  pushText,
  startTestApp,
  trailOf,
  type TestServer,
} from '../testing/test-support'

let t: TestServer
afterEach(() => t.close())

const token = () => toBase64Url(randomBytes(32))
const json = { 'Content-Type': 'application/json' }

/** Status and exact body text of the same request against `id`. */
async function answer(
  method: 'meta' | 'reveal' | 'burn',
  id: string,
  linkToken: string | undefined,
) {
  const path = '/api/pushes/' + id
  const response =
    method === 'meta'
      ? await t.app.request(path, {
          headers: linkToken === undefined ? {} : { 'X-Link-Token': linkToken },
        })
      : await t.app.request(path + '/' + method, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ linkToken }),
        })
  return `${response.status} ${await response.text()}`
}

describe('wrong or missing link token', () => {
  it('looks exactly like an unknown id, and is recorded as failed_view: bad_link', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'x', { expireAfterViews: 1 })
    const unknownId = toBase64Url(randomBytes(16))
    const badTokens = [
      token(),
      '',
      'short',
      push.link.linkToken.slice(0, 42) + 'B',
      push.ownerToken,
    ]
    let failures = 0
    for (const method of ['meta', 'reveal', 'burn'] as const) {
      const unknown = await answer(method, unknownId, token())
      expect(unknown).toMatch(/^404 /)
      for (const bad of badTokens) {
        expect(await answer(method, push.id, bad), `${method} ${bad}`).toBe(unknown)
        failures++
      }
      if (method === 'meta') {
        expect(await answer(method, push.id, undefined)).toBe(unknown)
        failures++
      }
    }
    expect(await trailOf(t.store, push.id)).toEqual([
      'created',
      ...Array(failures).fill('failed_view:bad_link'),
    ])
    // Nothing was consumed or ended.
    const meta = await t.api.getPush(push.id, push.link.linkToken)
    expect(meta.ok && meta.data.viewsRemaining).toBe(1)
    expect(await hasCiphertext(t.database, push.id)).toBe(true)
  })

  it('is checked before the push state: an ended push with a wrong token is still a plain 404', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'x')
    await t.api.deletePush(push.id, push.ownerToken)
    expect(await answer('meta', push.id, token())).toBe(
      await answer('meta', toBase64Url(randomBytes(16)), token()),
    )
    expect(await answer('meta', push.id, push.link.linkToken)).toMatch(/^410 .*"reason":"owner"/)
  })

  it('a flood of 300 bad links records no more than the cap, and the push still works', async () => {
    t = await startTestApp()
    const cap = t.config.maxFailedViewEvents
    expect(cap).toBe(100)
    const push = await pushText(t.api, 'x')
    for (let round = 0; round < 6; round++) {
      await Promise.all(Array.from({ length: 50 }, () => t.api.getPush(push.id, token())))
    }
    const trail = await trailOf(t.store, push.id)
    expect(trail.filter((e) => e === 'failed_view:bad_link')).toHaveLength(cap)
    expect(trail).toHaveLength(cap + 1)
    expect((await t.api.getPush(push.id, push.link.linkToken)).status).toBe(200)
  })

  it('the cap is configurable and counts each reason on its own', async () => {
    t = await startTestApp({ HUSHLINK_MAX_FAILED_VIEW_EVENTS: '3' })
    const push = await pushText(t.api, 'x', { expireAfterViews: 1 })
    await t.api.reveal(push.id, push.link.linkToken)
    for (let i = 0; i < 10; i++) await t.api.reveal(push.id, push.link.linkToken)
    for (let i = 0; i < 10; i++) await t.api.getPush(push.id, token())
    expect(await trailOf(t.store, push.id)).toEqual([
      'created',
      'viewed',
      'expired:views',
      ...Array(3).fill('failed_view:ended'),
      ...Array(3).fill('failed_view:bad_link'),
    ])
    const audit = await t.api.audit(push.id, push.ownerToken)
    expect(audit.ok && audit.data.failedViewsNotRecorded).toEqual({ bad_link: 7, ended: 7 })
  })

  it('junk sent with only the id cannot hide a later use of the real link', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'x', { expireAfterViews: 1 })
    // The attacker knows the id (from a proxy log, say) and fills the trail with wrong links.
    for (let i = 0; i < 150; i++) await t.api.getPush(push.id, token())
    await t.api.reveal(push.id, push.link.linkToken)
    // Later, someone who got hold of the link tries it: the owner must still see that.
    expect((await t.api.reveal(push.id, push.link.linkToken)).status).toBe(410)
    const trail = await trailOf(t.store, push.id)
    expect(trail.filter((e) => e === 'failed_view:bad_link')).toHaveLength(100)
    expect(trail.slice(-3)).toEqual(['viewed', 'expired:views', 'failed_view:ended'])
    const audit = await t.api.audit(push.id, push.ownerToken)
    expect(audit.ok && audit.data.failedViewsNotRecorded).toEqual({ bad_link: 50, ended: 0 })
  })
})
