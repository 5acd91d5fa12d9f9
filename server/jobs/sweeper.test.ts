// The sweeper ends expired pushes nobody asks for, once, and purges trails past retention.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  hasCiphertext,
  pushText,
  startTestApp,
  tableRows,
  trailOf,
  type TestServer,
} from '../testing/test-support'
import { createAccountStore } from '../auth/account-store'
import { createOwnerStore } from '../auth/owner-store'
import { startSweeper, sweepOnce, type SweepResult } from './sweeper'

let t: TestServer
afterEach(() => t.close())

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

describe('sweepOnce', () => {
  it('ends pushes whose time ran out, and only those', async () => {
    t = await startTestApp()
    const short = await pushText(t.api, 'a', { expireAfterSeconds: 60 })
    const shortToo = await pushText(t.api, 'b', { expireAfterSeconds: 120 })
    const long = await pushText(t.api, 'c', { expireAfterSeconds: 3600 })
    expect(await sweepOnce(t.deps)).toEqual({ expired: 0, purged: 0, requestsPurged: 0 })
    t.advance(2 * MINUTE)
    expect(await sweepOnce(t.deps)).toEqual({ expired: 2, purged: 0, requestsPurged: 0 })
    expect(await sweepOnce(t.deps)).toEqual({ expired: 0, purged: 0, requestsPurged: 0 })
    for (const push of [short, shortToo]) {
      expect(await hasCiphertext(t.database, push.id)).toBe(false)
      expect(await trailOf(t.store, push.id)).toEqual(['created', 'expired:time'])
      const audit = await t.api.audit(push.id, push.ownerToken)
      expect(audit.ok && audit.data.push).toMatchObject({ status: 'ended', reason: 'time' })
      // Nobody's request ended it: the event carries no address or user agent.
      expect(audit.ok && audit.data.events[1]).toMatchObject({
        kind: 'expired',
        ip: null,
        userAgent: null,
      })
    }
    expect(await hasCiphertext(t.database, long.id)).toBe(true)
    expect((await t.api.getPush(long.id, long.link.linkToken)).status).toBe(200)
  })

  it('handles more expired pushes than one batch', async () => {
    t = await startTestApp()
    await Promise.all(
      Array.from({ length: 450 }, (_, i) => pushText(t.api, String(i), { expireAfterSeconds: 60 })),
    )
    t.advance(MINUTE)
    expect(await sweepOnce(t.deps)).toEqual({ expired: 450, purged: 0, requestsPurged: 0 })
    expect(await tableRows(t.database, 'ciphertexts')).toHaveLength(0)
  })

  it('lets requests run between its batches, and stops between them when asked', async () => {
    t = await startTestApp()
    await Promise.all(
      Array.from({ length: 250 }, (_, i) => pushText(t.api, String(i), { expireAfterSeconds: 60 })),
    )
    t.advance(MINUTE)
    // An embedded file answers synchronously: without a yield, no timer could fire mid-sweep.
    let ticks = 0
    const timer = setInterval(() => ticks++, 0)
    expect(await sweepOnce(t.deps, () => true)).toEqual({
      expired: 50,
      purged: 0,
      requestsPurged: 0,
    })
    expect(await sweepOnce(t.deps)).toEqual({ expired: 200, purged: 0, requestsPurged: 0 })
    clearInterval(timer)
    expect(ticks).toBeGreaterThan(0)
  })

  it('logs exactly one expired event when lazy reads and other sweepers race it', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'x', { expireAfterSeconds: 60 })
    t.advance(MINUTE)
    const results = await Promise.all([
      sweepOnce(t.deps),
      t.api.getPush(push.id, push.link.linkToken),
      t.api.reveal(push.id, push.link.linkToken),
      sweepOnce(t.deps),
      t.api.audit(push.id, push.ownerToken),
      t.api.getPush(push.id, push.link.linkToken),
      sweepOnce(t.deps),
    ])
    expect(results.filter((r) => 'status' in r && r.status === 410)).toHaveLength(3)
    const sweeps = results.filter((r): r is SweepResult => 'expired' in r)
    expect(sweeps.reduce((n, r) => n + r.expired, 0)).toBeLessThanOrEqual(1)
    const trail = await trailOf(t.store, push.id)
    expect(trail.filter((e) => e.startsWith('expired'))).toEqual(['expired:time'])
    expect(trail.filter((e) => e === 'viewed')).toEqual([])
  })

  it('removes expired sessions and sign-ins under way, and keeps live ones', async () => {
    t = await startTestApp()
    const accounts = createAccountStore(t.database)
    const user = await accounts.upsertUser(
      {
        issuer: 'https://idp.test',
        subject: 'alice',
        email: 'alice@example.com',
        name: null,
        emailVerified: true,
        adminGroup: null,
      },
      t.now(),
    )
    const attempt = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/' }
    await accounts.createSession('short-session', user.id, t.now(), t.now() + MINUTE)
    await accounts.createSession('long-session', user.id, t.now(), t.now() + DAY)
    await accounts.beginLogin('short-login', attempt, t.now() + MINUTE, t.now())
    await accounts.beginLogin('long-login', attempt, t.now() + DAY, t.now())
    const count = async (table: 'sessions' | 'login_attempts') =>
      Number((await t.database.client.execute(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n)
    expect([await count('sessions'), await count('login_attempts')]).toEqual([2, 2])
    t.advance(2 * MINUTE)
    await sweepOnce(t.deps)
    // Gone from the database, not only refused: nobody signed in since to clear them.
    expect([await count('sessions'), await count('login_attempts')]).toEqual([1, 1])
    expect(await accounts.sessionUser('long-session', t.now())).toMatchObject({
      user: { email: 'alice@example.com' },
    })
    expect(await accounts.takeLogin('long-login', t.now())).toMatchObject({ state: 's' })
  })
})

describe('retention', () => {
  it('purges pushes and their events that ended more than the retention ago, keeps the rest', async () => {
    t = await startTestApp({ HUSHLINK_RETENTION_DAYS: '30' })
    const old = await pushText(t.api, 'old')
    await t.api.deletePush(old.id, old.ownerToken)
    t.advance(10 * DAY)
    const recent = await pushText(t.api, 'recent', { expireAfterViews: 1 })
    await t.api.reveal(recent.id, recent.link.linkToken)
    const active = await pushText(t.api, 'active', { expireAfterSeconds: 90 * 24 * 3600 })
    t.advance(20 * DAY) // old ended 30 days ago, recent 20 days ago

    expect(await sweepOnce(t.deps)).toEqual({ expired: 0, purged: 0, requestsPurged: 0 })
    t.advance(1)
    expect(await sweepOnce(t.deps)).toEqual({ expired: 0, purged: 1, requestsPurged: 0 })

    expect(await t.store.findPush(old.id)).toBeUndefined()
    expect(await trailOf(t.store, old.id)).toEqual([])
    expect((await t.api.audit(old.id, old.ownerToken)).status).toBe(404)
    expect((await t.api.getPush(old.id, old.link.linkToken)).status).toBe(404)
    expect(await trailOf(t.store, recent.id)).toEqual(['created', 'viewed', 'expired:views'])
    expect((await t.api.getPush(active.id, active.link.linkToken)).status).toBe(200)
    const pushIds = (await tableRows(t.database, 'pushes')).map((r) => r.id)
    expect(pushIds.sort()).toEqual([recent.id, active.id].sort())
    const eventPushIds = new Set((await tableRows(t.database, 'events')).map((r) => r.push_id))
    expect([...eventPushIds].sort()).toEqual([recent.id, active.id].sort())
  })

  it("takes a purged push's owner row with it, so the dashboard's list only reads", async () => {
    t = await startTestApp({ HUSHLINK_RETENTION_DAYS: '30' })
    const owners = createOwnerStore(t.database)
    const old = await pushText(t.api, 'old')
    const kept = await pushText(t.api, 'kept')
    await owners.recordPush(old.id, 'user-1', t.now(), 0)
    await owners.recordPush(kept.id, 'user-1', t.now(), 0)
    await t.api.deletePush(old.id, old.ownerToken)
    t.advance(31 * DAY)
    const ownerRows = async () =>
      (await t.database.client.execute('SELECT push_id FROM push_owners')).rows.map((r) =>
        String(r.push_id),
      )
    expect(await sweepOnce(t.deps)).toMatchObject({ purged: 1 })
    expect(await ownerRows()).toEqual([kept.id])
    expect((await owners.listPushes('user-1')).map((p) => p.id)).toEqual([kept.id])
  })

  it('purges in rounds when many trails are due', async () => {
    t = await startTestApp({ HUSHLINK_RETENTION_DAYS: '1' })
    const pushes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => pushText(t.api, String(i))),
    )
    await Promise.all(pushes.map((p) => t.api.deletePush(p.id, p.ownerToken)))
    t.advance(2 * DAY)
    expect(await t.store.purgeEndedBefore(t.now() - DAY, 7)).toBe(30)
    expect(await tableRows(t.database, 'pushes')).toHaveLength(0)
    expect(await tableRows(t.database, 'events')).toHaveLength(0)
  })

  it('keeps every trail forever when the retention is 0', async () => {
    t = await startTestApp({ HUSHLINK_RETENTION_DAYS: '0' })
    const push = await pushText(t.api, 'x')
    await t.api.deletePush(push.id, push.ownerToken)
    t.advance(3650 * DAY)
    expect(await sweepOnce(t.deps)).toEqual({ expired: 0, purged: 0, requestsPurged: 0 })
    expect(await trailOf(t.store, push.id)).toEqual(['created', 'deleted:owner'])
  })
})

describe('startSweeper', () => {
  it('sweeps at start and then every interval, and stops cleanly', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      t = await startTestApp({ HUSHLINK_SWEEP_INTERVAL_SECONDS: '60' })
      const first = await pushText(t.api, 'a', { expireAfterSeconds: 60 })
      const second = await pushText(t.api, 'b', { expireAfterSeconds: 120 })
      t.advance(MINUTE)
      const lines: object[] = []
      const sweeper = startSweeper(t.deps, (line) => lines.push(line))
      await vi.advanceTimersByTimeAsync(0)
      await vi.waitFor(() =>
        expect(lines).toEqual([
          { level: 'info', msg: 'sweep', expired: 1, purged: 0, requestsPurged: 0 },
        ]),
      )
      t.advance(MINUTE)
      await vi.advanceTimersByTimeAsync(59_000)
      expect(await hasCiphertext(t.database, second.id)).toBe(true)
      await vi.advanceTimersByTimeAsync(1_000)
      await vi.waitFor(() => expect(lines).toHaveLength(2))
      expect(await hasCiphertext(t.database, first.id)).toBe(false)
      expect(await hasCiphertext(t.database, second.id)).toBe(false)
      await sweeper.stop()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('logs a failed sweep and keeps going', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      t = await startTestApp()
      const lines: { level?: string }[] = []
      let calls = 0
      const store = {
        ...t.store,
        findExpired: async () => {
          calls++
          throw new Error('database is locked')
        },
      }
      const sweeper = startSweeper({ ...t.deps, store }, (line) => lines.push(line))
      await vi.advanceTimersByTimeAsync(0)
      await vi.advanceTimersByTimeAsync(60_000)
      await vi.waitFor(() => expect(calls).toBe(2))
      await sweeper.stop()
      expect(lines.every((l) => l.level === 'error')).toBe(true)
      expect(lines.length).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })
})
