// Passphrase pushes: wrong guesses are counted (403 with attempts left) until the push locks.
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { createPushEnding } from './ending'
import { toBase64Url } from '../../src/lib/crypto'
import {
  hasCiphertext,
  inProcessApi,
  passphraseKeysFor,
  pushText,
  revealText,
  startTestApp,
  trailOf,
  type TestPush,
  type TestServer,
} from '../testing/test-support'

let t: TestServer
afterEach(() => t.close())

const PASSPHRASE = 'correct horse battery staple'

/** The passToken a recipient who typed `guess` would send. */
const passTokenFor = async (push: TestPush, guess: string) =>
  toBase64Url((await passphraseKeysFor(t.api, push, guess)).passToken)

describe('passphrase lockout', () => {
  it('5 wrong passphrases lock the push; the right one afterwards gets 410 locked', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'locked away', { passphrase: PASSPHRASE })
    const wrong = await passTokenFor(push, 'Tr0ub4dor&3')
    const right = await passTokenFor(push, PASSPHRASE)
    const answers = []
    for (let i = 0; i < 5; i++) {
      const r = await t.api.reveal(push.id, push.link.linkToken, wrong)
      answers.push(r.ok ? r.status : [r.status, r.error.error, r.error.attemptsRemaining])
    }
    expect(answers).toEqual([
      [403, 'bad_passphrase', 4],
      [403, 'bad_passphrase', 3],
      [403, 'bad_passphrase', 2],
      [403, 'bad_passphrase', 1],
      [403, 'bad_passphrase', 0],
    ])
    expect(await hasCiphertext(t.database, push.id)).toBe(false)

    const late = await t.api.reveal(push.id, push.link.linkToken, right)
    expect(late.ok ? 'revealed' : [late.status, late.error.error, late.error.reason]).toEqual([
      410,
      'ended',
      'locked',
    ])
    const meta = await t.api.getPush(push.id, push.link.linkToken)
    expect(meta.ok ? 'active' : meta.error.reason).toBe('locked')

    const trail = await trailOf(t.store, push.id)
    expect(trail.slice(0, 7)).toEqual([
      'created',
      ...Array(5).fill('failed_view:bad_passphrase'),
      'locked',
    ])
    // Later requests on the ended push are logged as such, never as passphrase guesses.
    expect(trail.slice(7)).toEqual(['failed_view:ended', 'failed_view:ended'])
    const audit = await t.api.audit(push.id, push.ownerToken)
    expect(audit.ok && audit.data.push).toMatchObject({
      status: 'ended',
      reason: 'locked',
      viewsRemaining: 5,
    })
  })

  it('a reveal without passToken is 400 passphrase_required and not counted', async () => {
    t = await startTestApp({ HUSHLINK_PASSPHRASE_ATTEMPTS: '2' })
    const push = await pushText(t.api, 'x', { passphrase: PASSPHRASE })
    for (let i = 0; i < 3; i++) {
      const r = await t.api.reveal(push.id, push.link.linkToken)
      expect(r.ok ? r.status : [r.status, r.error.error]).toEqual([400, 'passphrase_required'])
    }
    const wrong = await passTokenFor(push, 'nope')
    const first = await t.api.reveal(push.id, push.link.linkToken, wrong)
    expect(first.ok ? 200 : first.error.attemptsRemaining).toBe(1)
    const opened = await revealText(t.api, push.link, PASSPHRASE)
    expect(opened.ok && opened.content).toEqual({ v: 1, kind: 'text', text: 'x' })
    expect(await trailOf(t.store, push.id)).toEqual([
      'created',
      'failed_view:bad_passphrase',
      'viewed',
    ])
  })

  it('the number of attempts is configurable', async () => {
    t = await startTestApp({ HUSHLINK_PASSPHRASE_ATTEMPTS: '1' })
    const push = await pushText(t.api, 'x', { passphrase: PASSPHRASE })
    const r = await t.api.reveal(push.id, push.link.linkToken, await passTokenFor(push, 'guess'))
    expect(r.ok ? 200 : [r.status, r.error.attemptsRemaining]).toEqual([403, 0])
    expect(await trailOf(t.store, push.id)).toEqual([
      'created',
      'failed_view:bad_passphrase',
      'locked',
    ])
  })

  it('a passToken made for another link does not open the push', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'x', { passphrase: PASSPHRASE })
    const other = await pushText(t.api, 'y', { passphrase: PASSPHRASE })
    // Same passphrase, but the token is bound to the other link's secret (and salt).
    const r = await t.api.reveal(
      push.id,
      push.link.linkToken,
      await passTokenFor(other, PASSPHRASE),
    )
    expect(r.ok ? 200 : [r.status, r.error.error]).toEqual([403, 'bad_passphrase'])
  })

  it('concurrent guesses never test more passphrases than attempts remain, even on a slow database', async () => {
    t = await startTestApp()
    // Writes that land late (a remote libSQL server, a busy disk): the lock of the 5th wrong guess
    // commits well after a 6th guess could have been compared and revealed.
    const slowStore = {
      ...t.store,
      failPassphrase: async (...args: Parameters<TestServer['store']['failPassphrase']>) => {
        await new Promise((resolve) => setTimeout(resolve, 50))
        return t.store.failPassphrase(...args)
      },
    }
    const slow = { ...t.deps, store: slowStore }
    const api = inProcessApi(createApp({ ...slow, ending: createPushEnding(slow) }))
    const push = await pushText(api, 'x', { passphrase: PASSPHRASE })
    const [wrong, right] = [await passTokenFor(push, 'wrong'), await passTokenFor(push, PASSPHRASE)]
    const guesses = [...Array(5).fill(wrong), right, ...Array(10).fill(wrong), right]
    const answers = await Promise.all(
      guesses.map((g) => api.reveal(push.id, push.link.linkToken, g)),
    )
    const statuses = answers.map((r) => r.status)
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403])
    // No sixth guess was tested: the right one came too late and is refused, not revealed.
    expect(statuses.slice(5).every((s) => s === 429 || s === 410)).toBe(true)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0)
    expect(await trailOf(t.store, push.id)).toEqual([
      'created',
      ...Array(5).fill('failed_view:bad_passphrase'),
      'locked',
    ])
    const late = await api.reveal(push.id, push.link.linkToken, right)
    expect(late.ok ? 200 : late.error.reason).toBe('locked')
  })

  it('a right guess racing wrong ones is tested while attempts remain, and gives its check back', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'x', { passphrase: PASSPHRASE, expireAfterViews: 3 })
    const [wrong, right] = [await passTokenFor(push, 'wrong'), await passTokenFor(push, PASSPHRASE)]
    const answers = await Promise.all(
      [wrong, right, wrong, right].map((g) => t.api.reveal(push.id, push.link.linkToken, g)),
    )
    expect(answers.map((r) => r.status)).toEqual([403, 200, 403, 200])
    const row = await t.store.findPush(push.id)
    expect([row!.passAttemptsLeft, row!.passChecks, row!.viewsRemaining]).toEqual([3, 0, 1])
  })
})
