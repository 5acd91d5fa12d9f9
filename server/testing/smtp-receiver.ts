// A real local SMTP server (smtp-server) standing in for the operator's mail relay: it asks for a
// login, records every message as it came over the wire, and refuses as many as a test tells it
// to (451, "try again later"), so tests see exactly what the notifier sent and how it retries.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export const SMTP_USER = 'hushlink'
export const SMTP_PASSWORD = 'relay password'

export interface ReceivedMail {
  from: string
  to: string[]
  /** The message as sent: headers, then the MIME parts. */
  raw: string
}

export interface SmtpReceiver {
  /** HUSHLINK_SMTP_URL for this server, with its login. */
  url: string
  received: ReceivedMail[]
  /** Messages still to refuse with 451 before accepting again. */
  refuseNext: number
  close(): Promise<void>
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = {
    url: '',
    received: [],
    refuseNext: 0,
    close: async () => undefined,
  }
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to make, and the login may go in the clear.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        return callback(null, { user: auth.username })
      }
      return callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      const pieces: Buffer[] = []
      stream.on('data', (piece: Buffer) => pieces.push(piece))
      stream.on('end', () => {
        if (receiver.refuseNext > 0) {
          receiver.refuseNext--
          const refused = Object.assign(new Error('Try again later'), { responseCode: 451 })
          return callback(refused)
        }
        const { mailFrom, rcptTo } = session.envelope
        receiver.received.push({
          from: mailFrom ? mailFrom.address : '',
          to: rcptTo.map((r) => r.address),
          raw: Buffer.concat(pieces).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.server.address() as AddressInfo
  receiver.url = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`
  receiver.close = () => new Promise((done) => server.close(() => done()))
  return receiver
}

/** A quoted-printable MIME part's text (what nodemailer sends for non-ASCII or long lines). */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** A header of a message as a mail client shows it: unfolded, RFC 2047 encoded words decoded. */
export function mailHeader(raw: string, name: string): string | undefined {
  const [head] = raw.split(/\r?\n\r?\n/)
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const line = unfolded
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  if (line === undefined) return undefined
  // Each encoded word as its bytes (a character may span two words), then all of it as UTF-8;
  // the rest of a header is ASCII.
  const bytes = line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?') // the space between two encoded words is not text
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, word: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(word, 'base64').toString('latin1')
        : word
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (__, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
    )
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** The text/plain part of a message, decoded from quoted-printable or base64. */
export function mailText(raw: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)![1]
  const part = raw
    .split(`--${boundary}`)
    .map((piece) => /^\r?\n([\s\S]*?)\r?\n\r?\n([\s\S]*?)\r?\n$/.exec(piece))
    .find((match) => match && /Content-Type: text\/plain/i.test(match[1]))!
  const [, headers, body] = part
  if (/Content-Transfer-Encoding: base64/i.test(headers)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  }
  return /Content-Transfer-Encoding: quoted-printable/i.test(headers)
    ? decodeQuotedPrintable(body)
    : body
}
