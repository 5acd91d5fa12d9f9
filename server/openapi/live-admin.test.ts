// Live answers of the admin routes, checked against the document a server with admins serves; at
// the end every status documented for them was seen.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import {
  APP_URL,
  TestBrowser,
  providerEnv,
  startAuthApp,
  startProvider,
  type AuthTestApp,
} from '../testing/auth-test-support'
import type { TestProvider } from '../testing/oidc-provider'
import { answerChecker } from '../testing/openapi-check'
import { pushText } from '../testing/test-support'
import type { OpenApiDocument } from './document'

let provider: TestProvider
let hushlink: AuthTestApp
let checker: ReturnType<typeof answerChecker>

beforeAll(async () => {
  provider = await startProvider()
  hushlink = await startAuthApp(
    providerEnv(provider, { HUSHLINK_ADMIN_EMAILS: 'alice@example.com' }),
  )
  const doc = (await (await hushlink.app.request('/api/openapi.json')).json()) as OpenApiDocument
  checker = answerChecker(doc)
})
afterAll(async () => {
  await hushlink.close()
  await provider.close()
})

async function browser(login?: string) {
  const b = new TestBrowser(hushlink.app)
  if (login) expect((await b.signIn(login)).status).toBe(302)
  return async (method: string, path: string, headers: Record<string, string> = {}) => {
    const res = await b.request(APP_URL + path, { method, headers })
    await checker.check(method, APP_URL + path, res)
    return res.status
  }
}

it('answers the admin routes as documented', async () => {
  const anonymous = await browser()
  const bob = await browser('bob')
  const alice = await browser('alice')
  const own = { origin: APP_URL }
  const badToken = { authorization: `Bearer hlpat_${'A'.repeat(43)}` }
  const push = await pushText(
    createApiClient(APP_URL, new TestBrowser(hushlink.app).fetcher()),
    'x',
  )
  const takedown = `/api/admin/pushes/${push.id}/takedown`

  for (const path of ['/api/admin/overview', '/api/admin/log']) {
    expect(await anonymous('GET', path)).toBe(401)
    expect(await anonymous('GET', path, badToken)).toBe(401)
    expect(await bob('GET', path)).toBe(403)
    expect(await alice('GET', path)).toBe(200)
  }
  expect(await alice('GET', '/api/admin/log?before=0')).toBe(400)
  expect(await anonymous('POST', takedown, own)).toBe(401)
  expect(await anonymous('POST', takedown, badToken)).toBe(401)
  expect(await bob('POST', takedown, own)).toBe(403)
  expect(await alice('POST', takedown, { origin: 'https://evil.test' })).toBe(403)
  expect(await alice('POST', '/api/admin/pushes/AAAAAAAAAAAAAAAAAAAAAA/takedown', own)).toBe(404)
  expect(await alice('POST', takedown, own)).toBe(200)
  expect(await alice('POST', takedown, own)).toBe(410)
})

it('has seen every status documented for the admin routes', () => {
  expect(checker.documented('admin').length).toBeGreaterThan(0)
  expect(checker.documented('admin').filter((pair) => !checker.seen.has(pair))).toEqual([])
})
