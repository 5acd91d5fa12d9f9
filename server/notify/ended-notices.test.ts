// Every way a push ends tells its webhook once, with the end's reason (issue 20: "ended (views,
// time, owner, viewer, locked)"); the view-limit end is in notifier.test.ts. Real database, real
// local receiver, the notifier run by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import { sweepOnce } from '../jobs/sweeper'
import {
  passphraseKeysFor,
  pushText,
  startTestApp,
  type TestPush,
  type TestServer,
} from '../testing/test-support'
import { startReceiver, type Receiver } from '../testing/webhook-receiver'
import { createNotifier, type Notifier } from './notifier'

let t: TestServer
let receiver: Receiver
let notifier: Notifier

beforeEach(async () => {
  t = await startTestApp({ HUSHLINK_WEBHOOK_ALLOW_PRIVATE: 'true' })
  receiver = await startReceiver()
  notifier = createNotifier({ outbox: t.deps.outbox, config: t.config, clock: t.now })
})
afterEach(async () => {
  await notifier.stop()
  await receiver.close()
  await t.close()
})

const withWebhook = (options: Parameters<typeof pushText>[2] = {}) =>
  pushText(t.api, 'correct horse battery staple', {
    expireAfterViews: 3,
    ...options,
    webhook: { url: receiver.url, format: 'json' },
  })

/** The events and reasons the receiver got for `push`, in the order they came. */
async function noticesOf(push: TestPush) {
  await notifier.runOnce()
  return receiver.received
    .map((r) => JSON.parse(r.body))
    .filter((body) => body.push.id === push.id)
    .map((body) => `${body.event}:${body.reason}`)
}

describe('a push with a webhook tells of its end', () => {
  it('by time, when the sweeper ends it', async () => {
    const push = await withWebhook({ expireAfterSeconds: 3600 })
    expect(await sweepOnce(t.deps)).toMatchObject({ expired: 0 })
    t.advance(3600_000 + 1)
    expect(await sweepOnce(t.deps)).toMatchObject({ expired: 1 })
    expect(await noticesOf(push)).toEqual(['ended:time'])
  })

  it('by its owner', async () => {
    const push = await withWebhook()
    expect((await t.api.deletePush(push.id, push.ownerToken)).ok).toBe(true)
    expect(await noticesOf(push)).toEqual(['ended:owner'])
  })

  it('by its viewer', async () => {
    const push = await withWebhook({ deletableByViewer: true })
    expect((await t.api.burn(push.id, push.link.linkToken)).ok).toBe(true)
    expect(await noticesOf(push)).toEqual(['ended:viewer'])
  })

  it('locked by wrong passphrases: the failures gathered in one notice, then the end', async () => {
    const push = await withWebhook({ passphrase: 'a long and right passphrase' })
    const wrong = toBase64Url((await passphraseKeysFor(t.api, push, 'wrong')).passToken)
    for (let i = 0; i < 5; i++) await t.api.reveal(push.id, push.link.linkToken, wrong)
    const notices = await noticesOf(push)
    expect(notices.sort()).toEqual(['ended:locked', 'failed_view:bad_passphrase'])
    const failed = receiver.received.map((r) => JSON.parse(r.body)).find((b) => b.count > 1)
    expect(failed?.count).toBe(5)
  })

  it('only once, whoever asks to end it again', async () => {
    const push = await withWebhook({ deletableByViewer: true })
    await t.api.burn(push.id, push.link.linkToken)
    await t.api.deletePush(push.id, push.ownerToken)
    t.advance(30 * 86_400_000)
    await sweepOnce(t.deps)
    expect(await noticesOf(push)).toEqual(['ended:viewer'])
  })
})
