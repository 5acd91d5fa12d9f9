// The e-mail telling of a notice, in the recipient's language (mail-words.ts): its headline as the
// subject, the facts as plain text and as a small HTML table, and the link to the audit page. The
// same facts as a webhook's (payload.ts), whose English stays as it is for machines and operators:
// never the secret, the link's fragment or a label, none of which the server has.
import { WEBHOOK_HEADERS } from '../../src/lib/protocol'
import type { MailWords } from './mail-words'
import { inert, type Notice } from './payload'

export interface MailMessage {
  subject: string
  text: string
  html: string
  /** `<delivery id@from domain>`: the same on every attempt, so a mailbox can drop a repeat. */
  messageId: string
  headers: Record<string, string>
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

const HEADLINES = { viewed: 'mail.viewed', failed_view: 'mail.failed', ended: 'mail.ended' }

/** A reason in the reader's words; one this server has no words for is shown as it is. */
function reasonText(reason: string, words: MailWords): string {
  return words.has(`audit.reasons.${reason}`) ? words.t(`audit.reasons.${reason}`) : reason
}

function mailHeadline(notice: Notice, words: MailWords): string {
  const what = words.t(HEADLINES[notice.event], { count: notice.count })
  const told = notice.reason
    ? words.t('audit.eventWithReason', {
        event: what,
        reason: reasonText(notice.reason, words),
      })
    : what
  return `Hushlink: ${told}`
}

function mailFacts(notice: Notice, words: MailWords): [string, string][] {
  return [
    [
      words.t('audit.kind'),
      words.has(`kinds.${notice.pushKind}`) ? words.t(`kinds.${notice.pushKind}`) : notice.pushKind,
    ],
    [words.t('mail.pushId'), notice.pushId],
    [words.t('audit.columnTime'), words.dateTime(notice.at)],
    [words.t('audit.columnIp'), notice.ip ? inert(notice.ip) : '—'],
    [words.t('audit.columnUserAgent'), notice.userAgent ? inert(notice.userAgent) : '—'],
  ]
}

/** `auditUrl`: the push's audit page; `settingsUrl`: the dashboard, where mail is turned off. */
export function mailMessage(
  notice: Notice,
  auditUrl: string | null,
  settingsUrl: string | null,
  fromDomain: string,
  words: MailWords,
): MailMessage {
  const subject = mailHeadline(notice, words)
  const rows = mailFacts(notice, words)
  const why = words.t('mail.why')
  const change = words.t('mail.change')
  const trail = words.t('audit.title')
  const text = [
    subject,
    '',
    ...rows.map(([name, value]) => `${name}: ${value}`),
    ...(auditUrl ? ['', `${trail}: ${auditUrl}`] : []),
    '',
    '-- ',
    // A line each: no sentence is joined to another, which not every script spaces alike.
    why,
    ...(settingsUrl ? [`${change}: ${settingsUrl}`] : []),
    '',
  ].join('\n')
  // Values may run the other way from the reader's language (an IP address in Arabic): each
  // cell takes the direction of its own text.
  const start = words.dir === 'rtl' ? 'right' : 'left'
  const cells = rows
    .map(
      ([name, value]) =>
        `<tr><th align="${start}">${escapeHtml(name)}</th><td dir="auto">${escapeHtml(value)}</td></tr>`,
    )
    .join('')
  const link = (url: string, label: string) =>
    `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`
  const html = [
    `<!doctype html><html lang="${words.locale}" dir="${words.dir}">`,
    '<body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    `<table cellpadding="4">${cells}</table>`,
    auditUrl ? `<p>${link(auditUrl, trail)}</p>` : '',
    `<p style="color:#555;font-size:smaller">${escapeHtml(why)}`,
    settingsUrl ? `<br>${link(settingsUrl, change)}` : '',
    '</p></body></html>',
  ].join('')
  return {
    subject,
    text,
    html,
    messageId: `<${notice.deliveryId}@${fromDomain}>`,
    headers: {
      'Content-Language': words.locale,
      [WEBHOOK_HEADERS.delivery]: notice.deliveryId,
      [WEBHOOK_HEADERS.event]: notice.event,
    },
  }
}
