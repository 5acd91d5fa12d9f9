// The identity provider down: at start-up (discovery is lazy and tried again) and in the middle
// of a sign-in. Either way a clear page, and the anonymous parts keep working.
import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import {
  APP_URL,
  TestBrowser,
  providerEnv,
  startAuthApp,
  startProvider,
} from '../testing/auth-test-support'
import { pushText, revealText } from '../testing/test-support'

/** A loopback port that nothing listens on (a provider stopped on it). */
async function deadProviderPort(): Promise<{ port: number; issuer: string }> {
  const provider = await startProvider()
  await provider.close()
  return { port: Number(new URL(provider.issuer).port), issuer: provider.issuer }
}

async function anonymousPushStillWorks(browser: TestBrowser) {
  const api = createApiClient(APP_URL, browser.fetcher())
  const push = await pushText(api, 'anonymous still works')
  const opened = await revealText(api, push.link)
  expect(opened.ok).toBe(true)
}

describe('the identity provider down', () => {
  it('at start-up: the server starts, sign-in says so, and works once the provider is back', async () => {
    const dead = await deadProviderPort()
    const app = await startAuthApp({
      HUSHLINK_OIDC_ISSUER: dead.issuer,
      HUSHLINK_OIDC_CLIENT_ID: 'hushlink',
      HUSHLINK_OIDC_CLIENT_SECRET: 'hushlink-test-secret-0123456789',
    })
    try {
      const browser = new TestBrowser(app.app)
      const login = await browser.request(`${APP_URL}/auth/login`)
      expect(login.status).toBe(503)
      expect(await login.text()).toContain('data-problem="provider_unavailable"')
      const me = await browser.request(`${APP_URL}/api/me`)
      expect((await me.json()).user).toBeNull()
      await anonymousPushStillWorks(browser)

      const provider = await startProvider({ port: dead.port })
      try {
        expect((await browser.signIn('alice')).status).toBe(302)
        expect((await (await browser.request(`${APP_URL}/api/me`)).json()).user.email).toBe(
          'alice@example.com',
        )
      } finally {
        await provider.close()
      }
    } finally {
      await app.close()
    }
  })

  it('in the middle of a sign-in: the callback says so, and nobody is signed in', async () => {
    const provider = await startProvider()
    const app = await startAuthApp(providerEnv(provider))
    try {
      const browser = new TestBrowser(app.app)
      const callback = await browser.signInUpToCallback('alice')
      await provider.close()
      const res = await browser.request(callback)
      expect(res.status).toBe(503)
      expect(await res.text()).toContain('data-problem="provider_unavailable"')
      expect((await (await browser.request(`${APP_URL}/api/me`)).json()).user).toBeNull()
      await anonymousPushStillWorks(browser)
    } finally {
      await app.close()
      await provider.close()
    }
  })
})
