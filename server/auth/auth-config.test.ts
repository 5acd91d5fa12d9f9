// The sign-in settings: off unless an issuer is set, and refused when half set or contradictory.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../config'
import { startAuthApp } from '../testing/auth-test-support'

const base = {
  HUSHLINK_OIDC_ISSUER: 'https://login.example.com',
  HUSHLINK_OIDC_CLIENT_ID: 'hushlink',
  HUSHLINK_PUBLIC_URL: 'https://secrets.example.com/',
}

describe('sign-in settings', () => {
  it('are off by default, and creating is open to anyone', () => {
    const config = loadConfig({})
    expect(config.auth).toBeNull()
    expect(config.createPolicy).toBe('anyone')
  })

  it('read the provider, the lists and the defaults', () => {
    const config = loadConfig({
      ...base,
      HUSHLINK_OIDC_ALLOWED_DOMAINS: 'Example.com, @example.org',
      HUSHLINK_OIDC_ALLOWED_GROUPS: 'staff,admins',
    })
    expect(config.auth).toMatchObject({
      baseUrl: 'https://secrets.example.com',
      scopes: 'openid email profile',
      allowedDomains: ['example.com', 'example.org'],
      allowedGroups: ['staff', 'admins'],
      groupsClaim: 'groups',
      sessionSeconds: 168 * 3600,
      clientSecret: undefined,
    })
  })

  it('refuse what cannot work', () => {
    const refused = (env: Record<string, string>) =>
      expect(() => loadConfig(env)).toThrow(ConfigError)
    refused({ HUSHLINK_CREATE_POLICY: 'signed-in' })
    refused({ HUSHLINK_CREATE_POLICY: 'staff' })
    refused({ HUSHLINK_OIDC_CLIENT_ID: 'hushlink' })
    refused({ ...base, HUSHLINK_OIDC_CLIENT_ID: '' })
    refused({ ...base, HUSHLINK_PUBLIC_URL: '' })
    refused({ ...base, HUSHLINK_PUBLIC_URL: 'ftp://x' })
    refused({ ...base, HUSHLINK_OIDC_SCOPES: 'email profile' })
    refused({ ...base, HUSHLINK_OIDC_ISSUER: 'not a url' })
  })

  it('make the session cookie Secure and __Host- on an https public URL', async () => {
    const app = await startAuthApp({
      ...base,
      HUSHLINK_OIDC_ISSUER: 'http://127.0.0.1:9', // never reached: the logout needs no provider
      HUSHLINK_PUBLIC_URL: 'https://secrets.example.com',
    })
    try {
      const res = await app.app.request('https://secrets.example.com/auth/logout', {
        method: 'POST',
      })
      expect(res.status).toBe(204)
      const cleared = res.headers.getSetCookie().join('\n')
      expect(cleared).toContain('__Host-hushlink_session=')
      expect(cleared).toMatch(/Secure/)
    } finally {
      await app.close()
    }
  })
})
