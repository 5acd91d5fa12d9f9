// Live answers of the sign-in routes and of what sign-in adds to the others, checked against the
// document a server with sign-in on serves; at the end every such documented status was seen.
import { beforeAll, expect, it } from 'vitest'
import { APP_URL, sharedAuthApp } from '../testing/auth-test-support'
import { answerChecker } from '../testing/openapi-check'
import { brokenOffPost } from '../testing/test-support'
import type { OpenApiDocument } from './document'

const hushlink = sharedAuthApp({ HUSHLINK_CREATE_POLICY: 'signed-in' })
let checker: ReturnType<typeof answerChecker>
let doc: OpenApiDocument

beforeAll(async () => {
  doc = (await (await hushlink.app.request('/api/openapi.json')).json()) as OpenApiDocument
  checker = answerChecker(doc)
})

const SOME_ID = 'AAAAAAAAAAAAAAAAAAAAAA'

/** A browser whose every API answer is checked against the document. */
async function browser(login?: string) {
  const b = await hushlink.browser(login)
  return {
    b,
    async call(method: string, path: string, init: RequestInit = {}) {
      const res = await b.request(APP_URL + path, { method, ...init })
      await checker.check(method, APP_URL + path, res)
      return res
    },
  }
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', origin: APP_URL, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

it('answers the account routes as documented', async () => {
  const anonymous = await browser()
  expect((await anonymous.call('GET', '/api/me')).status).toBe(200)
  const paths = ['/api/me/pushes', '/api/me/requests', '/api/me/tokens', '/api/me/notifications']
  for (const path of paths) {
    expect((await anonymous.call('GET', path)).status).toBe(401)
  }
  expect((await anonymous.call('POST', '/api/me/tokens', json({ name: 'x' }))).status).toBe(401)
  const mail = { viewed: true, failedViews: false, ended: true }
  expect((await anonymous.call('PUT', '/api/me/notifications', json(mail))).status).toBe(401)
  expect((await anonymous.call('DELETE', `/api/me/tokens/${SOME_ID}`)).status).toBe(401)
  expect((await anonymous.call('POST', '/api/pushes', json({}))).status).toBe(401)
  expect((await anonymous.call('POST', '/api/requests', json({}))).status).toBe(401)
  const fileRes = await anonymous.call('POST', '/api/pushes/files', {
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array([2]),
  })
  expect(fileRes.status).toBe(401)

  const alice = await browser('alice')
  expect((await alice.call('GET', '/api/me')).status).toBe(200)
  expect((await alice.call('GET', '/api/me/pushes')).status).toBe(200)
  expect((await alice.call('GET', '/api/me/requests')).status).toBe(200)
  expect((await alice.call('GET', '/api/me/tokens')).status).toBe(200)
  expect((await alice.call('POST', '/api/me/tokens', json({ name: '' }))).status).toBe(400)
  expect((await alice.call('POST', '/api/me/tokens', json('{nope'))).status).toBe(400)
  const huge = json({ name: 'x'.repeat(64 * 1024) })
  expect((await alice.call('POST', '/api/me/tokens', huge)).status).toBe(413)
  const text = { headers: { 'content-type': 'text/plain', origin: APP_URL }, body: 'name' }
  expect((await alice.call('POST', '/api/me/tokens', text)).status).toBe(415)
  expect((await alice.call('GET', '/api/me/notifications')).status).toBe(200)
  expect((await alice.call('PUT', '/api/me/notifications', json(mail))).status).toBe(200)
  expect((await alice.call('PUT', '/api/me/notifications', json({ viewed: 1 }))).status).toBe(400)
  const inGerman = json({ ...mail, locale: 'de' })
  expect((await alice.call('PUT', '/api/me/notifications', inGerman)).status).toBe(200)
  const unshipped = json({ ...mail, locale: '../../package' })
  expect((await alice.call('PUT', '/api/me/notifications', unshipped)).status).toBe(400)
  expect((await alice.call('PUT', '/api/me/notifications', json('{nope'))).status).toBe(400)
  const hugeMail = json({ ...mail, pad: 'x'.repeat(64 * 1024) })
  expect((await alice.call('PUT', '/api/me/notifications', hugeMail)).status).toBe(413)
  expect((await alice.call('PUT', '/api/me/notifications', text)).status).toBe(415)
  const cut = brokenOffPost({ origin: APP_URL }, '{"name":"')
  expect((await alice.call('POST', '/api/me/tokens', cut)).status).toBe(408)
  const cutMail = { ...brokenOffPost({ origin: APP_URL }, '{"viewed":'), method: 'PUT' }
  expect((await alice.call('PUT', '/api/me/notifications', cutMail)).status).toBe(408)
  const made = await alice.call('POST', '/api/me/tokens', json({ name: 'ci' }))
  expect(made.status).toBe(201)
  const { id, token } = (await made.json()) as { id: string; token: string }

  const script = await browser()
  const bearer = { authorization: `Bearer ${token}` }
  expect((await script.call('GET', '/api/me/tokens', { headers: bearer })).status).toBe(403)
  const mint = await script.call('POST', '/api/me/tokens', json({ name: 'y' }, bearer))
  expect(mint.status).toBe(403)
  expect((await script.call('GET', '/api/me/notifications', { headers: bearer })).status).toBe(200)
  const mailByToken = await script.call('PUT', '/api/me/notifications', json(mail, bearer))
  expect(mailByToken.status).toBe(403)
  const revokeByToken = await script.call('DELETE', `/api/me/tokens/${id}`, { headers: bearer })
  expect(revokeByToken.status).toBe(403)

  const own = { headers: { origin: APP_URL } }
  expect((await alice.call('DELETE', `/api/me/tokens/${id}`, own)).status).toBe(204)
  expect((await alice.call('DELETE', `/api/me/tokens/${id}`, own)).status).toBe(404)
})

it('refuses a bad API token on every route and a foreign origin on every change', async () => {
  const alice = await browser('alice')
  const stranger = await browser()
  const badToken = { authorization: `Bearer hlpat_${'A'.repeat(43)}` }
  for (const [template, item] of Object.entries(doc.paths)) {
    const path = template.replace(/\{\w+\}/g, SOME_ID)
    for (const [method, op] of Object.entries(item as Record<string, { responses?: object }>)) {
      if (!op.responses) continue
      const responses = op.responses as Record<string, unknown>
      if (responses['401'] && JSON.stringify(responses['401']).includes('invalid_token')) {
        const res = await stranger.call(method.toUpperCase(), path, { headers: badToken })
        expect([path, res.status]).toEqual([path, 401])
      }
      if (responses['403'] && JSON.stringify(responses['403']).includes('foreign_origin')) {
        const res = await alice.call(method.toUpperCase(), path, {
          headers: { origin: 'https://evil.test' },
        })
        expect([path, res.status]).toEqual([path, 403])
      }
    }
  }
})

it('has seen every status documented for the account routes', () => {
  expect(checker.documented('account').filter((pair) => !checker.seen.has(pair))).toEqual([])
})
