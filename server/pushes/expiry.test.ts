// Expiry by views or time, whichever comes first, checked lazily on every request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  hasCiphertext,
  pushText,
  revealText,
  startTestApp,
  trailOf,
  type TestServer,
} from '../testing/test-support'

let t: TestServer
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const HOUR = 3600_000
const DAY = 24 * HOUR
const endedWith = (result: {
  ok: boolean
  status: number
  error?: { error: string; reason?: string }
}) =>
  result.ok
    ? 'still active'
    : `${result.status} ${result.error!.error} ${result.error!.reason ?? ''}`.trim()

describe('expiry by views', () => {
  it('a 2-view, 1-day push viewed twice is gone, and the audit says expired: views', async () => {
    const push = await pushText(t.api, 'two views', {
      expireAfterViews: 2,
      expireAfterSeconds: 86400,
    })
    const first = await revealText(t.api, push.link)
    const second = await revealText(t.api, push.link)
    expect(first.ok && first.reveal.viewsRemaining).toBe(1)
    expect(second.ok && second.reveal.viewsRemaining).toBe(0)
    expect(second.ok && second.content).toEqual({ v: 1, kind: 'text', text: 'two views' })

    expect(endedWith(await t.api.reveal(push.id, push.link.linkToken))).toBe('410 ended views')
    expect(endedWith(await t.api.getPush(push.id, push.link.linkToken))).toBe('410 ended views')
    expect(await hasCiphertext(t.database, push.id)).toBe(false)

    const audit = await t.api.audit(push.id, push.ownerToken)
    if (!audit.ok) throw new Error('audit failed')
    expect(audit.data.push).toMatchObject({
      status: 'ended',
      reason: 'views',
      endedAt: new Date(t.now()).toISOString(),
      expireAfterViews: 2,
      viewsRemaining: 0,
    })
    expect(await trailOf(t.store, push.id)).toEqual([
      'created',
      'viewed',
      'viewed',
      'expired:views',
      'failed_view:ended',
      'failed_view:ended',
    ])
  })
})

describe('expiry by time', () => {
  it('a 100-view push past its time is gone, and the audit says expired: time', async () => {
    const push = await pushText(t.api, 'a hundred views', {
      expireAfterViews: 100,
      expireAfterSeconds: 3600,
    })
    expect((await revealText(t.api, push.link)).ok).toBe(true)
    t.advance(HOUR)
    expect(endedWith(await t.api.getPush(push.id, push.link.linkToken))).toBe('410 ended time')
    expect(await hasCiphertext(t.database, push.id)).toBe(false)
    const audit = await t.api.audit(push.id, push.ownerToken)
    expect(audit.ok && audit.data.push).toMatchObject({
      status: 'ended',
      reason: 'time',
      viewsRemaining: 99,
    })
    expect(await trailOf(t.store, push.id)).toEqual(['created', 'viewed', 'expired:time'])
  })

  it('ends exactly at expiresAt, not before', async () => {
    const push = await pushText(t.api, 'x', { expireAfterSeconds: 60 })
    t.advance(60_000 - 1)
    expect((await t.api.getPush(push.id, push.link.linkToken)).status).toBe(200)
    t.advance(1)
    expect(endedWith(await t.api.getPush(push.id, push.link.linkToken))).toBe('410 ended time')
  })

  it('is finalized by whichever request comes first, and logged once', async () => {
    const calls = {
      metadata: (p: Push) => t.api.getPush(p.id, p.link.linkToken),
      reveal: (p: Push) => t.api.reveal(p.id, p.link.linkToken),
      burn: (p: Push) => t.api.burn(p.id, p.link.linkToken),
      delete: (p: Push) => t.api.deletePush(p.id, p.ownerToken),
    }
    for (const [name, call] of Object.entries(calls)) {
      const push = await pushText(t.api, name, { expireAfterSeconds: 60 })
      t.advance(DAY)
      expect(endedWith(await call(push)), name).toBe('410 ended time')
      expect(endedWith(await call(push)), name).toBe('410 ended time')
      expect(await hasCiphertext(t.database, push.id), name).toBe(false)
      const expired = (await trailOf(t.store, push.id)).filter((e) => e.startsWith('expired'))
      expect(expired, name).toEqual(['expired:time'])
    }
  })

  it('is finalized by the owner reading the audit', async () => {
    const push = await pushText(t.api, 'audit', { expireAfterSeconds: 60 })
    t.advance(DAY)
    const audit = await t.api.audit(push.id, push.ownerToken)
    expect(audit.ok && audit.data.push).toMatchObject({ status: 'ended', reason: 'time' })
    expect(audit.ok && audit.data.events.map((e) => e.kind)).toEqual(['created', 'expired'])
    expect(await hasCiphertext(t.database, push.id)).toBe(false)
  })

  it('a view never outlives the time, even with views left', async () => {
    const push = await pushText(t.api, 'x', { expireAfterViews: 5, expireAfterSeconds: 60 })
    t.advance(60_000)
    const late = await revealText(t.api, push.link)
    expect(late.ok ? 'revealed' : late.status).toBe(410)
    expect(await trailOf(t.store, push.id)).not.toContain('viewed')
  })
})

describe('reading does not consume', () => {
  it('fifty metadata reads leave every view, one reveal uses one', async () => {
    const push = await pushText(t.api, 'x', { expireAfterViews: 1 })
    for (let i = 0; i < 50; i++)
      expect((await t.api.getPush(push.id, push.link.linkToken)).status).toBe(200)
    const meta = await t.api.getPush(push.id, push.link.linkToken)
    expect(meta.ok && meta.data.viewsRemaining).toBe(1)
    expect((await revealText(t.api, push.link)).ok).toBe(true)
    expect(await trailOf(t.store, push.id)).toEqual(['created', 'viewed', 'expired:views'])
  })
})

type Push = Awaited<ReturnType<typeof pushText>>
