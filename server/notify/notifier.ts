// The worker that delivers the outbox: takes due notifications under a lease, sends each once,
// and deletes it when the receiver said 2xx. A failure is tried again after an exponential backoff
// with jitter until a day (HUSHLINK_WEBHOOK_GIVE_UP_SECONDS) has passed since the event; then it
// is given up and the push's trail records `notification_failed`. A process killed mid-delivery
// leaves its rows leased: once the lease runs out, this or another process takes them again, so
// each notification arrives at least once, with the same Hushlink-Delivery key every time.
// Webhooks and e-mails (channel `email`, mail.ts) share all of this.
import type { Config } from '../config'
import type { OutboxRow } from '../db/schema'
import { deliver } from './deliver'
import { createMailer, type MailResult } from './mail'
import type { OutboxStore } from './outbox-store'
import { auditUrlOf, deliveryHeaders, noticeOf, payloadOf, type Notice } from './payload'
import { resolveWebhookTarget, systemLookup, WebhookRefused, type Lookup } from './target'

/** Deliveries one process runs at once. */
const CONCURRENCY = 8
const MAX_BACKOFF_MS = 3600 * 1000

export interface NotifierDeps {
  outbox: OutboxStore
  config: Pick<Config, 'webhooks' | 'publicUrl' | 'mail'>
  clock: () => number
  webhookLookup?: Lookup
  /** Told of every attempt's outcome (metrics). */
  onAttempt?: (outcome: 'delivered' | 'failed' | 'given_up') => void
}

export interface Notifier {
  /** Takes what is due now and waits for those deliveries; how many were taken. */
  runOnce(): Promise<number>
  /** Polls every HUSHLINK_WEBHOOK_POLL_MS until stopped. */
  start(): void
  /** Stops polling and waits for the deliveries under way. */
  stop(): Promise<void>
}

/** Base × 2^(attempt − 1), at most an hour, then a random half of it taken off (jitter). */
export function backoffMs(baseMs: number, attempt: number): number {
  const full = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS)
  return Math.round(full * (0.5 + Math.random() * 0.5))
}

const noticeFrom = (row: OutboxRow): Notice => ({
  deliveryId: row.deliveryId,
  pushId: row.pushId,
  pushKind: row.pushKind,
  ...noticeOf(row.event, row.reason),
  at: row.at,
  ip: row.ip,
  userAgent: row.userAgent,
  count: row.count,
})

export function createNotifier(deps: NotifierDeps): Notifier {
  const { outbox, clock } = deps
  const { timeoutMs, retryBaseMs, giveUpMs, pollMs, allowPrivate } = deps.config.webhooks
  // Longer than one delivery can take, so a live worker's rows are never taken from it.
  const leaseMs = 2 * timeoutMs + 5000
  const lookup = deps.webhookLookup ?? systemLookup
  const { mail, publicUrl } = deps.config
  const mailer = mail ? createMailer(mail, publicUrl, timeoutMs) : null
  const running = new Set<Promise<void>>()
  let stopped = false
  let timer: NodeJS.Timeout | undefined

  async function attempt(row: OutboxRow): Promise<MailResult> {
    try {
      const notice = noticeFrom(row)
      if (row.channel === 'email') {
        if (!mailer) return { ok: true, dropped: 'e-mail is not configured' }
        const recipient = row.userId ? await outbox.recipientOf(row.userId) : undefined
        return await mailer.send(row, notice, recipient)
      }
      const [url, format, secret] = [row.url ?? '', row.format ?? 'json', row.secret ?? '']
      const address = await resolveWebhookTarget(url, allowPrivate, lookup)
      const body = payloadOf(format, notice, auditUrlOf(publicUrl, row.pushId))
      const headers = deliveryHeaders(notice, secret, body, clock())
      return await deliver({ url, address, headers, body, timeoutMs })
    } catch (error) {
      return { ok: false, error: error instanceof WebhookRefused ? error.message : 'failed' }
    }
  }

  async function settle(row: OutboxRow): Promise<void> {
    const result = await attempt(row)
    const now = clock()
    if (result.ok) {
      await outbox.delivered(row.id)
      if (!('dropped' in result)) deps.onAttempt?.('delivered')
      return
    }
    // Never the URL (it may hold a token), the address nor the body.
    const line = {
      level: 'warn',
      msg: `${row.channel} delivery failed`,
      push: row.pushId,
      attempt: row.attempts,
      error: result.error,
    }
    console.error(JSON.stringify(line))
    if (now - row.at >= giveUpMs) {
      await outbox.giveUp(row, now)
      deps.onAttempt?.('given_up')
    } else {
      await outbox.retryAt(row.id, now + backoffMs(retryBaseMs, row.attempts), result.error)
      deps.onAttempt?.('failed')
    }
  }

  function track(work: Promise<void>) {
    const done = work
      .catch((error) =>
        console.error(JSON.stringify({ level: 'error', msg: 'outbox', error: String(error) })),
      )
      .finally(() => running.delete(done))
    running.add(done)
  }

  async function take(): Promise<number> {
    const room = CONCURRENCY - running.size
    if (room <= 0) return 0
    const now = clock()
    const rows = await outbox.claim(now, now + leaseMs, room)
    for (const row of rows) track(settle(row))
    return rows.length
  }

  function schedule() {
    if (stopped) return
    timer = setTimeout(() => {
      take()
        .catch((error) =>
          console.error(JSON.stringify({ level: 'error', msg: 'outbox', error: String(error) })),
        )
        .finally(schedule)
    }, pollMs)
  }

  return {
    async runOnce() {
      const taken = await take()
      await Promise.all(running)
      return taken
    },
    start: schedule,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await Promise.all(running)
      mailer?.close()
    },
  }
}
