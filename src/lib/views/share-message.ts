// The message a sender passes on with the link: in the recipient's language, for the clipboard,
// the phone's share sheet or the sender's own mail program. Built here; never sent to the server.

/** svelte-i18n's formatter, asked for one locale's text. */
export type FormatIn = (
  id: string,
  options: { locale: string; values?: Record<string, string | number | Date> },
) => string

export interface ShareDetails {
  link: string
  views: number
  expiresAt: Date
  passphrase: boolean
  /** The recipient's language. */
  locale: string
}

export interface ShareMessage {
  subject: string
  /** The instructions, a blank line, then the link on a line of its own. */
  body: string
}

export function shareMessage(format: FormatIn, details: ShareDetails): ShareMessage {
  const { locale, views, expiresAt } = details
  const lines = [format('result.instructions', { locale, values: { views, expiresAt } })]
  if (details.passphrase) lines.push(format('result.instructionsPassphrase', { locale }))
  return {
    subject: format('recipient.pageTitle', { locale }),
    body: `${lines.join(' ')}\n\n${details.link}`,
  }
}

/** A mailto: with no recipient, so the sender's mail program asks whom to send it to. */
export function mailtoHref(message: ShareMessage): string {
  // RFC 6068: percent-encoded UTF-8, line breaks as CRLF.
  const body = message.body.replace(/\r?\n/g, '\r\n')
  return `mailto:?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(body)}`
}
