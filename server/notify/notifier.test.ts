// Webhook notifications end to end on a real database and a real local receiver: what a view, a
// failed view and an end send, signed as docs/api.md says; retries; the give-up in the trail.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WEBHOOK_HEADERS } from '../../src/lib/protocol'
import {
  pushText,
  revealText,
  startTestApp,
  trailOf,
  type TestServer,
} from '../testing/test-support'
import { answerWith, startReceiver, type Receiver } from '../testing/webhook-receiver'
import { createNotifier, type Notifier } from './notifier'

let t: TestServer
let receiver: Receiver
let notifier: Notifier

beforeEach(async () => {
  t = await startTestApp({
    HUSHLINK_WEBHOOK_ALLOW_PRIVATE: 'true',
    HUSHLINK_WEBHOOK_RETRY_BASE_MS: '10',
    HUSHLINK_PUBLIC_URL: 'https://secrets.example.com/',
  })
  receiver = await startReceiver()
  notifier = createNotifier({ outbox: t.deps.outbox, config: t.config, clock: t.now })
})
afterEach(async () => {
  await notifier.stop()
  await receiver.close()
  await t.close()
})

const SECRET_TEXT = 'correct horse battery staple'

/** Verifies Hushlink-Signature as a receiver would (docs/api.md): HMAC-SHA256 of "t.body". */
function signatureHolds(header: string, body: string, key: string): boolean {
  const { t: stamp, v1 } = Object.fromEntries(header.split(',').map((kv) => kv.split('=')))
  const expected = createHmac('sha256', key).update(`${stamp}.${body}`).digest()
  const given = Buffer.from(v1, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const pushWithWebhook = (format: 'json' | 'slack' | 'teams' = 'json', views = 3) =>
  pushText(t.api, SECRET_TEXT, {
    expireAfterViews: views,
    webhook: { url: receiver.url, format },
  })

const badLink = (id: string) =>
  t.app.request(`/api/pushes/${id}/reveal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'curl/8 <!channel>' },
    body: JSON.stringify({ linkToken: 'A'.repeat(43) }),
  })

describe('webhook notifications', () => {
  it('a view sends exactly one delivery, with the documented body, signed', async () => {
    const push = await pushWithWebhook()
    expect(push.webhookSecret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await notifier.runOnce()).toBe(0) // creating is not notified
    expect((await revealText(t.api, push.link)).ok).toBe(true)
    expect(await notifier.runOnce()).toBe(1)
    expect(await notifier.runOnce()).toBe(0)
    expect(receiver.received).toHaveLength(1)

    const [{ headers, body }] = receiver.received
    const signatureHeader = String(headers[WEBHOOK_HEADERS.signature.toLowerCase()])
    expect(signatureHolds(signatureHeader, body, push.webhookSecret!)).toBe(true)
    expect(signatureHolds(signatureHeader, body, 'another key')).toBe(false)
    expect(headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(body)).toEqual({
      version: 1,
      delivery: headers[WEBHOOK_HEADERS.delivery.toLowerCase()],
      event: 'viewed',
      reason: null,
      count: 1,
      at: new Date(t.now()).toISOString(),
      push: { id: push.id, kind: 'text' },
      ip: null,
      userAgent: null,
      auditUrl: `https://secrets.example.com/dashboard/${push.id}`,
    })
    expect(body).not.toContain(push.secret)
    expect(body).not.toContain(push.link.linkToken)
    expect(body).not.toContain(push.ownerToken)
    expect(body).not.toContain(push.webhookSecret)
    expect(body).not.toContain('horse')
  })

  it('a push without a webhook queues nothing', async () => {
    const push = await pushText(t.api, SECRET_TEXT, { expireAfterViews: 1 })
    expect(push.webhookSecret).toBeUndefined()
    await revealText(t.api, push.link)
    expect(await t.deps.outbox.depth()).toBe(0)
  })

  it('the last view sends the view and the end', async () => {
    const push = await pushWithWebhook('json', 1)
    await revealText(t.api, push.link)
    await notifier.runOnce()
    const sent = receiver.received.map((r) => JSON.parse(r.body))
    expect(sent.map((s) => [s.event, s.reason]).sort()).toEqual([
      ['ended', 'views'],
      ['viewed', null],
    ])
    expect(new Set(sent.map((s) => s.delivery)).size).toBe(2)
  })

  it('a flood of failed views sends one notice with a count, then at most one per window', async () => {
    const push = await pushWithWebhook()
    for (let i = 0; i < 5; i++) expect((await badLink(push.id)).status).toBe(404)
    expect(await notifier.runOnce()).toBe(1)
    const first = JSON.parse(receiver.received[0].body)
    expect([first.event, first.reason, first.count]).toEqual(['failed_view', 'bad_link', 5])

    for (let i = 0; i < 3; i++) await badLink(push.id)
    expect(await notifier.runOnce()).toBe(0) // not due before 5 minutes have passed
    t.advance(5 * 60_000)
    expect(await notifier.runOnce()).toBe(1)
    expect(JSON.parse(receiver.received[1].body).count).toBe(3)
    expect(receiver.received).toHaveLength(2)
  })

  it('a receiver that fails twice gets it on the third try, with the same delivery key', async () => {
    receiver.answers.push(answerWith(500), answerWith(503))
    const push = await pushWithWebhook()
    await revealText(t.api, push.link)
    for (let i = 0; i < 3; i++) {
      expect(await notifier.runOnce()).toBe(1)
      t.advance(1000) // past the (10 ms based) backoff
    }
    expect(await notifier.runOnce()).toBe(0)
    expect(receiver.received).toHaveLength(3)
    const keys = receiver.received.map((r) => r.headers[WEBHOOK_HEADERS.delivery.toLowerCase()])
    expect(new Set(keys).size).toBe(1)
    expect(await t.deps.outbox.depth()).toBe(0)
    expect(await trailOf(t.store, push.id)).not.toContain('notification_failed:viewed')
  })

  it('a redirect is not followed and counts as a failure', async () => {
    receiver.answers.push(answerWith(302, { location: `${receiver.url}/elsewhere` }))
    const push = await pushWithWebhook()
    await revealText(t.api, push.link)
    await notifier.runOnce()
    expect(receiver.received.map((r) => r.path)).toEqual(['/hook'])
    expect(await t.deps.outbox.depth()).toBe(1)
  })

  it('gives up a day after the event and records it in the trail', async () => {
    const push = await pushWithWebhook()
    await revealText(t.api, push.link)
    receiver.answers.push(...Array.from({ length: 50 }, () => answerWith(500)))
    await notifier.runOnce()
    t.advance(86_400_000)
    await notifier.runOnce()
    expect(await t.deps.outbox.depth()).toBe(0)
    expect(await trailOf(t.store, push.id)).toEqual([
      'created',
      'viewed',
      'notification_failed:viewed',
    ])
  })

  it('slack and teams bodies carry the facts and nothing a sender or viewer could use to inject', async () => {
    const slack = await pushWithWebhook('slack')
    const teams = await pushWithWebhook('teams')
    await badLink(slack.id)
    await badLink(teams.id)
    await notifier.runOnce()
    const bodies = receiver.received.map((r) => JSON.parse(r.body))
    const slackBody = bodies.find((b) => 'blocks' in b)
    const teamsBody = bodies.find((b) => b.type === 'message')
    expect(slackBody.text).toBe('Hushlink: a failed attempt to open a text push (bad_link)')
    expect(JSON.stringify(slackBody)).toContain(slack.id)
    expect(JSON.stringify(slackBody)).not.toContain('<!channel>')
    expect(teamsBody.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(teamsBody.attachments[0].content.type).toBe('AdaptiveCard')
    expect(teamsBody.attachments[0].content.actions[0].url).toBe(
      `https://secrets.example.com/dashboard/${teams.id}`,
    )
    for (const r of receiver.received) expect(r.body).not.toContain('horse')
  })
})
