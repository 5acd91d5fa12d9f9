// The CLI on a server with sign-in: `hushlink login` keeps a token (0600), push uses it, a revoked
// one is refused, and the token is never sent to another server.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_URL,
  TestBrowser,
  providerEnv,
  startAuthApp,
  startProvider,
  type AuthTestApp,
} from '../server/testing/auth-test-support'
import type { TestProvider } from '../server/testing/oidc-provider'
import { listen } from '../server/testing/test-support'
import { runCli, type CliTarget } from './test-harness'

let provider: TestProvider
let hushlink: AuthTestApp
let socket: Awaited<ReturnType<typeof listen>>
let target: CliTarget

beforeAll(async () => {
  provider = await startProvider()
  hushlink = await startAuthApp(providerEnv(provider, { HUSHLINK_CREATE_POLICY: 'signed-in' }))
  socket = await listen(hushlink.app)
  target = { origin: socket.origin, home: mkdtempSync(join(tmpdir(), 'hushlink-cli-login-')) }
})
afterAll(async () => {
  await socket.close()
  await hushlink.close()
  await provider.close()
  rmSync(target.home, { recursive: true, force: true })
})

async function madeToken(): Promise<{ id: string; token: string; browser: TestBrowser }> {
  const browser = new TestBrowser(hushlink.app)
  expect((await browser.signIn('alice')).status).toBe(302)
  const res = await browser.request(`${APP_URL}/api/me/tokens`, {
    method: 'POST',
    headers: { origin: APP_URL, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'cli' }),
  })
  return { ...((await res.json()) as { id: string; token: string }), browser }
}

describe('hushlink login', () => {
  it('keeps a checked token in a 0600 file, and push then creates as the user', async () => {
    const refused = await runCli(target, ['push', 'no token yet'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Sign in')

    const { id, token, browser } = await madeToken()
    const login = await runCli(target, ['login'], { typed: [token] })
    expect(login.code).toBe(0)
    expect(login.stderr).toContain('alice@example.com')
    const file = join(target.home, 'tokens.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)

    const pushed = await runCli(target, ['push', 'with the kept token'])
    expect(pushed.code).toBe(0)
    const listed = await (await browser.request(`${APP_URL}/api/me/pushes`)).json()
    expect(listed.pushes).toHaveLength(1)

    await browser.request(`${APP_URL}/api/me/tokens/${id}`, {
      method: 'DELETE',
      headers: { origin: APP_URL },
    })
    const revoked = await runCli(target, ['push', 'after revoking'])
    expect(revoked.code).toBe(1)
    expect(revoked.stderr).toContain('revoked')
  })

  it('refuses a token the server does not know, and a malformed one', async () => {
    const unknown = await runCli(target, ['login', '--token', 'hlpat_' + 'B'.repeat(43)])
    expect(unknown.code).toBe(1)
    const malformed = await runCli(target, ['login', '--token', 'not-a-token'])
    expect(malformed.code).toBe(2)
  })

  it('sends --token only to its own server', async () => {
    const seen: (string | null)[] = []
    const other = await listen({
      fetch: (req: Request) => {
        seen.push(req.headers.get('authorization'))
        return new Response('{"error":"not_found","message":"x"}', { status: 404 })
      },
    } as never)
    try {
      const { token } = await madeToken()
      const link = `${other.origin}/p/AAAAAAAAAAAAAAAAAAAAAA#${'A'.repeat(43)}`
      await runCli(target, ['reveal', link, '--token', token])
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.every((h) => h === null)).toBe(true)
    } finally {
      await other.close()
    }
  })
})
