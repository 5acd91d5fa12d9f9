// The e-mail telling of a notice: its headline as the subject, the facts as plain text and as a
// small HTML table, and the link to the audit page. The same facts as a webhook's (payload.ts):
// never the secret, the link's fragment or a label, none of which the server has.
import { WEBHOOK_HEADERS } from '../../src/lib/protocol'
import { facts, headline, type Notice } from './payload'

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

const WHY = 'You get this e-mail because you chose to be told of these events of your pushes.'

/** `auditUrl`: the push's audit page; `settingsUrl`: the dashboard, where mail is turned off. */
export function mailMessage(
  notice: Notice,
  auditUrl: string | null,
  settingsUrl: string | null,
  fromDomain: string,
): MailMessage {
  const subject = headline(notice)
  const rows = facts(notice)
  const change = settingsUrl ? ` Change this on your dashboard: ${settingsUrl}` : ''
  const text = [
    subject,
    '',
    ...rows.map(([name, value]) => `${name}: ${value}`),
    ...(auditUrl ? ['', `Audit trail: ${auditUrl}`] : []),
    '',
    '-- ',
    WHY + change,
    '',
  ].join('\n')
  const cells = rows
    .map(
      ([name, value]) =>
        `<tr><th align="left">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('')
  const link = (url: string, label: string) =>
    `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    `<table cellpadding="4">${cells}</table>`,
    auditUrl ? `<p>${link(auditUrl, 'Audit trail')}</p>` : '',
    `<p style="color:#555;font-size:smaller">${escapeHtml(WHY)}`,
    settingsUrl ? ` ${link(settingsUrl, 'Change this on your dashboard')}.` : '',
    '</p></body></html>',
  ].join('')
  return {
    subject,
    text,
    html,
    messageId: `<${notice.deliveryId}@${fromDomain}>`,
    headers: {
      [WEBHOOK_HEADERS.delivery]: notice.deliveryId,
      [WEBHOOK_HEADERS.event]: notice.event,
    },
  }
}
