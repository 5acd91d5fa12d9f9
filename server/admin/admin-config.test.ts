// Who may be an admin is checked at start, and the rule that redacts secrets from the admin page.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config'
import { isAdmin } from './admin-config'
import { REDACTED, redactUrl, redactedEffective, redactedEnvironment } from './redact'

const SIGN_IN = {
  HUSHLINK_OIDC_ISSUER: 'https://idp.example.com',
  HUSHLINK_OIDC_CLIENT_ID: 'hushlink',
  HUSHLINK_OIDC_CLIENT_SECRET: 'client-secret-value',
  HUSHLINK_PUBLIC_URL: 'https://hushlink.example.com',
}

describe('HUSHLINK_ADMIN_EMAILS and HUSHLINK_ADMIN_GROUP', () => {
  it('need sign-in: without it there is no admin, and the server does not start', () => {
    expect(() => loadConfig({ HUSHLINK_ADMIN_EMAILS: 'a@example.com' })).toThrow(ConfigError)
    expect(() => loadConfig({ HUSHLINK_ADMIN_GROUP: 'ops' })).toThrow(/needs sign-in/)
    expect(loadConfig({}).admin).toBeNull()
    expect(loadConfig(SIGN_IN).admin).toBeNull()
  })

  it('refuses what is not an e-mail address', () => {
    expect(() => loadConfig({ ...SIGN_IN, HUSHLINK_ADMIN_EMAILS: 'alice' })).toThrow(
      /HUSHLINK_ADMIN_EMAILS/,
    )
  })

  it('matches a verified e-mail in any case, or the group of the last sign-in', () => {
    const { admin } = loadConfig({
      ...SIGN_IN,
      HUSHLINK_ADMIN_EMAILS: ' Alice@Example.com ,bob@example.com',
      HUSHLINK_ADMIN_GROUP: 'ops',
    })
    expect(admin).toEqual({ emails: ['alice@example.com', 'bob@example.com'], group: 'ops' })
    const user = { email: 'ALICE@example.COM', emailVerified: true, adminGroup: null }
    expect(isAdmin(admin, user)).toBe(true)
    expect(isAdmin(admin, { ...user, emailVerified: false })).toBe(false)
    expect(isAdmin(admin, { email: null, emailVerified: false, adminGroup: 'ops' })).toBe(true)
    // A group kept from a sign-in under another HUSHLINK_ADMIN_GROUP no longer counts.
    expect(isAdmin(admin, { email: null, emailVerified: false, adminGroup: 'old' })).toBe(false)
    expect(isAdmin(null, user)).toBe(false)
  })
})

describe('redaction', () => {
  it('redacts secret-named settings and the secrets inside URLs, by rule', () => {
    const config = loadConfig({
      ...SIGN_IN,
      DATABASE_URL: 'libsql://db.example.com?authToken=url-token-value',
      DATABASE_AUTH_TOKEN: 'auth-token-value',
      HUSHLINK_METRICS_TOKEN: 'metrics-token-value-0123',
    })
    const shown = JSON.stringify([redactedEnvironment(config), redactedEffective(config)])
    for (const secret of [
      'client-secret-value',
      'url-token-value',
      'auth-token-value',
      'metrics-token-value-0123',
    ]) {
      expect(shown).not.toContain(secret)
    }
    expect(shown).toContain('db.example.com')
    expect(redactUrl('smtp://mailer:hunter2@smtp.example.com:587')).toBe(
      `smtp://mailer:${encodeURIComponent(REDACTED)}@smtp.example.com:587`,
    )
    expect(redactUrl('https://example.com/a?b=c')).toBe('https://example.com/a?b=c')
  })

  it('lists every variable the server reads, unset ones as null', () => {
    const names = redactedEnvironment(loadConfig({})).map((v) => v.name)
    for (const name of ['PORT', 'HUSHLINK_OIDC_CLIENT_SECRET', 'HUSHLINK_ADMIN_EMAILS']) {
      expect(names).toContain(name)
    }
    expect(redactedEnvironment(loadConfig({})).every((v) => v.value === null)).toBe(true)
  })
})
