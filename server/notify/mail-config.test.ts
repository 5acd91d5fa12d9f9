// The e-mail settings: off unless both are set, only with sign-in, and refused with a message that
// says what is wrong without ever printing the relay's password.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config'

const signIn = {
  HUSHLINK_OIDC_ISSUER: 'https://login.example.com',
  HUSHLINK_OIDC_CLIENT_ID: 'hushlink',
  HUSHLINK_PUBLIC_URL: 'https://secrets.example.com/',
}
const mail = {
  HUSHLINK_SMTP_URL: 'smtps://relay:s3cret-pass@mail.example.com:465',
  HUSHLINK_MAIL_FROM: 'Hushlink <Hushlink@Example.COM>',
}

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('accepted')
}

describe('e-mail settings', () => {
  it('are off by default, and on with both variables and sign-in', () => {
    expect(loadConfig(signIn).mail).toBeNull()
    expect(loadConfig({ ...signIn, ...mail }).mail).toEqual({
      smtpUrl: mail.HUSHLINK_SMTP_URL,
      from: mail.HUSHLINK_MAIL_FROM,
      fromDomain: 'example.com',
    })
    const bare = loadConfig({ ...signIn, ...mail, HUSHLINK_MAIL_FROM: 'notify@example.org' })
    expect(bare.mail?.fromDomain).toBe('example.org')
    const quoted = { ...signIn, ...mail, HUSHLINK_MAIL_FROM: '"Acme, Inc." <it@acme.example>' }
    expect(loadConfig(quoted).mail?.fromDomain).toBe('acme.example')
  })

  it('refuse half a setting, and mail without sign-in', () => {
    expect(refusal({ ...signIn, HUSHLINK_SMTP_URL: mail.HUSHLINK_SMTP_URL })).toContain(
      'HUSHLINK_MAIL_FROM is not',
    )
    expect(refusal({ ...signIn, HUSHLINK_MAIL_FROM: mail.HUSHLINK_MAIL_FROM })).toContain(
      'HUSHLINK_SMTP_URL is not',
    )
    expect(refusal(mail)).toContain('sign-in is not')
  })

  it('refuse what cannot be a relay or a sender, never quoting the password', () => {
    for (const url of [
      'http://relay:s3cret-pass@mail.example.com',
      'smtp://',
      'mail.example.com:587',
    ]) {
      const message = refusal({ ...signIn, ...mail, HUSHLINK_SMTP_URL: url })
      expect(message).toContain('HUSHLINK_SMTP_URL must be')
      expect(message).not.toContain('s3cret-pass')
    }
    for (const from of [
      'not an address',
      'a@b@example.com',
      'Hushlink <hushlink@example.com',
      'x@example.com\r\nBcc: victim@example.com',
      'Hushlink <>',
    ]) {
      expect(refusal({ ...signIn, ...mail, HUSHLINK_MAIL_FROM: from })).toContain(
        'HUSHLINK_MAIL_FROM must be',
      )
    }
  })

  it('take HUSHLINK_PUBLIC_URL once, for sign-in and the links alike', () => {
    const config = loadConfig({ ...signIn, ...mail })
    expect(config.publicUrl).toBe('https://secrets.example.com')
    expect(config.auth?.baseUrl).toBe(config.publicUrl)
    expect(refusal({ ...signIn, HUSHLINK_PUBLIC_URL: 'https://x.example/?q=1' })).toContain(
      'HUSHLINK_PUBLIC_URL must be',
    )
  })
})
