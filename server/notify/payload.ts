// The body of a notification in each format, and its signature. What a notice may carry is fixed
// here: the push's id and kind, the event, its time, IP and user agent as the trail has them, and
// a link to the dashboard's audit page; never the secret, the link's fragment or a label.
import { createHmac } from 'node:crypto'
import type { PushKind, WebhookFormat } from '../../src/lib/protocol'
import { WEBHOOK_HEADERS } from '../../src/lib/protocol'

export type NoticeEvent = 'viewed' | 'failed_view' | 'ended'

export interface Notice {
  deliveryId: string
  pushId: string
  pushKind: PushKind
  event: NoticeEvent
  /** failed_view: bad_link, bad_passphrase or ended; ended: views, time, owner, viewer, locked
   *  or admin. */
  reason: string | null
  at: number
  ip: string | null
  userAgent: string | null
  /** Failed views this notice stands for; 1 otherwise. */
  count: number
}

/** The trail's event as a notice tells it: expired, deleted and locked are all `ended`. */
export function noticeOf(kind: string, reason: string | null): Pick<Notice, 'event' | 'reason'> {
  if (kind === 'viewed' || kind === 'failed_view') return { event: kind, reason }
  return { event: 'ended', reason: kind === 'locked' ? 'locked' : reason }
}

/** The dashboard's audit page of a push, when the instance knows its public URL. */
export const auditUrlOf = (publicUrl: string | null, pushId: string) =>
  publicUrl ? `${publicUrl}/dashboard/${pushId}` : null

export function jsonPayload(notice: Notice, auditUrl: string | null) {
  return {
    version: 1,
    delivery: notice.deliveryId,
    event: notice.event,
    reason: notice.reason,
    count: notice.count,
    at: new Date(notice.at).toISOString(),
    push: { id: notice.pushId, kind: notice.pushKind },
    ip: notice.ip,
    userAgent: notice.userAgent,
    ...(auditUrl && { auditUrl }),
  }
}

/** Client-sent text made inert for chat markup: no links, mentions, emphasis or code breaks. */
export const inert = (text: string) =>
  text
    .replace(/[^A-Za-z0-9 .,;:/()+=-]/g, '·')
    .replace(/:\/\//g, ': //')
    .slice(0, 300)

export function headline(n: Notice): string {
  const what = `a ${n.pushKind} push`
  if (n.event === 'viewed') return `Hushlink: ${what} was viewed`
  if (n.event === 'ended') return `Hushlink: ${what} ended (${n.reason ?? 'ended'})`
  const times = n.count === 1 ? 'a failed attempt' : `${n.count} failed attempts`
  return `Hushlink: ${times} to open ${what} (${n.reason ?? 'failed'})`
}

export function facts(n: Notice): [string, string][] {
  return [
    ['Push', n.pushId],
    ['Time', new Date(n.at).toISOString()],
    ['IP address', n.ip ? inert(n.ip) : '—'],
    ['Browser', n.userAgent ? inert(n.userAgent) : '—'],
  ]
}

function slackPayload(n: Notice, auditUrl: string | null) {
  const lines = facts(n).map(([name, value]) => `*${name}:* ${value}`)
  const text = headline(n)
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${text}*\n${lines.join('\n')}` } },
      ...(auditUrl
        ? [{ type: 'section', text: { type: 'mrkdwn', text: `<${auditUrl}|Audit trail>` } }]
        : []),
    ],
  }
}

function teamsPayload(n: Notice, auditUrl: string | null) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: headline(n), weight: 'Bolder', wrap: true },
            {
              type: 'FactSet',
              facts: facts(n).map(([title, value]) => ({ title, value })),
            },
          ],
          ...(auditUrl && {
            actions: [{ type: 'Action.OpenUrl', title: 'Audit trail', url: auditUrl }],
          }),
        },
      },
    ],
  }
}

export function payloadOf(format: WebhookFormat, notice: Notice, auditUrl: string | null): string {
  const body =
    format === 'slack'
      ? slackPayload(notice, auditUrl)
      : format === 'teams'
        ? teamsPayload(notice, auditUrl)
        : jsonPayload(notice, auditUrl)
  return JSON.stringify(body)
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" keyed with the push's webhook secret>`. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${mac}`
}

export function deliveryHeaders(n: Notice, secret: string, body: string, now: number) {
  return {
    [WEBHOOK_HEADERS.signature]: signature(secret, body, Math.floor(now / 1000)),
    [WEBHOOK_HEADERS.delivery]: n.deliveryId,
    [WEBHOOK_HEADERS.event]: n.event,
  }
}
