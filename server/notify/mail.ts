// E-mail delivery of notices over SMTP (nodemailer), for the outbox worker (notifier.ts). The
// recipient is read when the mail is sent, not when its event happened: the creator's address as
// the identity provider last gave it, and their settings now, so one who turned an event off (or
// has no address) gets no more mail of it, even of pushes made before. Never throws.
import nodemailer, { type SendMailOptions } from 'nodemailer'
import { mailBitOf } from '../db/outbox-statements'
import type { OutboxRow } from '../db/schema'
import type { DeliveryResult } from './deliver'
import type { MailConfig } from './mail-config'
import { mailMessage } from './mail-message'
import { mailWords } from './mail-words'
import { auditUrlOf, type Notice } from './payload'

/** What the worker knows of a mail's recipient when it is sent; undefined: no such user. */
export interface Recipient {
  email: string | null
  mailEvents: number
  /** As saved from the web app; null, or anything not a shipped code as shipped: English. */
  locale: string | null
}

/** A mail sent, failed (tried again), or dropped: nobody wants it any more (deleted, not sent). */
export type MailResult = DeliveryResult | { ok: true; dropped: string }

export interface Mailer {
  send(row: OutboxRow, notice: Notice, recipient: Recipient | undefined): Promise<MailResult>
  close(): void
}

export function createMailer(
  config: MailConfig,
  publicUrl: string | null,
  timeoutMs: number,
): Mailer {
  const transport = nodemailer.createTransport(
    {
      url: config.smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    },
    { from: config.from, disableFileAccess: true, disableUrlAccess: true },
  )

  async function sendWithin(message: SendMailOptions): Promise<DeliveryResult> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<DeliveryResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: 'timed out' }), timeoutMs)
    })
    const sent = transport.sendMail(message).then(
      (): DeliveryResult => ({ ok: true, status: 250 }),
      (error: { responseCode?: number; code?: string }): DeliveryResult => ({
        ok: false,
        // The SMTP reply code or the connection's error code; never the message (it may quote
        // the address or the server's banner).
        error: error.responseCode ? `smtp ${error.responseCode}` : (error.code ?? 'failed'),
      }),
    )
    try {
      return await Promise.race([sent, deadline])
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    async send(row, notice, recipient) {
      if (!recipient) return { ok: true, dropped: 'no such user' }
      if (!recipient.email) return { ok: true, dropped: 'no address' }
      if ((recipient.mailEvents & mailBitOf(row.event)) === 0) {
        return { ok: true, dropped: 'turned off' }
      }
      const settingsUrl = publicUrl ? `${publicUrl}/dashboard` : null
      const message = mailMessage(
        notice,
        auditUrlOf(publicUrl, row.pushId),
        settingsUrl,
        config.fromDomain,
        await mailWords(recipient.locale),
      )
      return sendWithin({ ...message, to: recipient.email })
    },
    close: () => transport.close(),
  }
}
