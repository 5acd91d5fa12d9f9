// The e-mail settings (HUSHLINK_SMTP_URL, HUSHLINK_MAIL_FROM): both or neither, and only with
// sign-in, since mail goes to the signed-in creator of a push. Read once by loadConfig.
import { ConfigError, type Env } from '../config-vars'

export interface MailConfig {
  /** As given: smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps:// (TLS at once). */
  smtpUrl: string
  /** The From header as given, e.g. `Hushlink <hushlink@example.com>`. */
  from: string
  /** The domain of the From address, for the Message-ID of each mail. */
  fromDomain: string
}

const ADDRESS = /^[^\s@<>"(),;:\\[\]]+@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/
// Control characters and line breaks: nothing that could start another header.
const UNSAFE = /[\p{Cc}\u2028\u2029]/u

/** The URL with its password replaced, so an error message never shows it. */
function redacted(raw: string): string {
  try {
    const url = new URL(raw)
    if (url.password) url.password = '***'
    return url.href
  } catch {
    return raw.replace(/:[^:@/]*@/, ':***@')
  }
}

function smtpUrlOf(raw: string): string {
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    // reported below
  }
  if (url && (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname) return raw
  throw new ConfigError(
    `HUSHLINK_SMTP_URL must be like smtp://user:password@mail.example.com:587 or smtps://…:465, got "${redacted(raw)}"`,
  )
}

function fromDomainOf(raw: string): string {
  const named = /^([^<>]*)<([^<>]+)>$/.exec(raw.trim())
  const address = named ? named[2].trim() : raw.trim()
  const match = ADDRESS.exec(address)
  if (!match || UNSAFE.test(raw)) {
    throw new ConfigError(
      `HUSHLINK_MAIL_FROM must be an address like hushlink@example.com or Hushlink <hushlink@example.com>, got ${JSON.stringify(raw)}`,
    )
  }
  return match[1].toLowerCase()
}

/** The e-mail settings, or null when neither is set; `signIn`: whether sign-in is configured. */
export function mailVars(env: Env, signIn: boolean): MailConfig | null {
  const smtpUrl = env.HUSHLINK_SMTP_URL ?? ''
  const from = env.HUSHLINK_MAIL_FROM ?? ''
  if (!smtpUrl && !from) return null
  if (!smtpUrl) throw new ConfigError('HUSHLINK_MAIL_FROM is set but HUSHLINK_SMTP_URL is not')
  if (!from) throw new ConfigError('HUSHLINK_SMTP_URL is set but HUSHLINK_MAIL_FROM is not')
  if (!signIn) {
    throw new ConfigError(
      'HUSHLINK_SMTP_URL is set but sign-in is not (HUSHLINK_OIDC_ISSUER): e-mail goes only to signed-in creators of pushes',
    )
  }
  return { smtpUrl: smtpUrlOf(smtpUrl), from: from.trim(), fromDomain: fromDomainOf(from) }
}
