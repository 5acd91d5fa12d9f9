// What a session or an API token lets a caller do: create under the signed-in policy, list and
// delete their pushes from any device, manage tokens; and what it never lets through (CSRF, a
// revoked token). Against a real OpenID provider.
import { describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { createRequest, createRequestClient } from '../../src/lib/api/request-flow'
import { secretHash } from './secrets'
import { APP_URL, TestBrowser, sharedAuthApp } from '../testing/auth-test-support'
import { pushText, revealText } from '../testing/test-support'

const hushlink = sharedAuthApp({ HUSHLINK_CREATE_POLICY: 'signed-in' })

const apiOf = (browser: TestBrowser, headers?: Record<string, string>) =>
  createApiClient(APP_URL, browser.fetcher(headers))

const signedIn = (login = 'alice') => hushlink.browser(login)

async function newToken(browser: TestBrowser, name = 'deploy script') {
  const res = await browser.request(`${APP_URL}/api/me/tokens`, {
    method: 'POST',
    headers: { origin: APP_URL, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; token: string; name: string }
}

describe('HUSHLINK_CREATE_POLICY=signed-in', () => {
  it('refuses to create without a user, and lets anyone open, reveal and answer', async () => {
    const anonymous = new TestBrowser(hushlink.app)
    const refused = await pushText(apiOf(anonymous), 'x').catch((e: Error) => e.message)
    expect(refused).toContain('401 sign_in_required')
    const file = await anonymous.request(`${APP_URL}/api/pushes/files`, { method: 'POST' })
    expect(file.status).toBe(401)
    expect((await file.json()).error).toBe('sign_in_required')
    const requests = createRequestClient(APP_URL, anonymous.fetcher())
    const request = await createRequest(requests, { label: 'VPN' })
    expect(!request.ok && request.error.error).toBe('sign_in_required')

    const alice = await signedIn()
    const push = await pushText(apiOf(alice), 'the secret')
    const opened = await revealText(apiOf(anonymous), push.link)
    expect(opened.ok && opened.content).toEqual({ v: 1, kind: 'text', text: 'the secret' })

    const made = await createRequest(createRequestClient(APP_URL, alice.fetcher()), {
      label: 'VPN',
    })
    expect(made.ok).toBe(true)
    const answer = await anonymous.request(`${APP_URL}/api/requests/${made.ok && made.data.id}`)
    expect(answer.status).toBe(200)
  })
})

describe('CSRF', () => {
  it('refuses a cookie-carrying request that changes state from another origin', async () => {
    const alice = await signedIn()
    const fromEvil = await pushText(apiOf(alice, { origin: 'https://evil.test' }), 'x').catch(
      (e: Error) => e.message,
    )
    expect(fromEvil).toContain('403 foreign_origin')
    const noOrigin = await pushText(apiOf(alice, {}), 'x').catch((e: Error) => e.message)
    expect(noOrigin).toContain('403 foreign_origin')
    const out = await alice.request(`${APP_URL}/auth/logout`, {
      method: 'POST',
      headers: { origin: 'https://evil.test' },
    })
    expect(out.status).toBe(403)
    // Still signed in: the forged sign-out did nothing.
    const me = await (await alice.request(`${APP_URL}/api/me`)).json()
    expect(me.user.email).toBe('alice@example.com')
  })
})

describe('the dashboard that follows the user', () => {
  it("lists a push on the user's other device, which may delete it without the owner token", async () => {
    const laptop = await signedIn()
    const phone = await signedIn()
    const push = await pushText(apiOf(laptop), 'made on the laptop')
    const listed = await (await phone.request(`${APP_URL}/api/me/pushes`)).json()
    expect(listed.pushes.map((p: { id: string }) => p.id)).toContain(push.id)
    expect(listed.pushes.find((p: { id: string }) => p.id === push.id)).toMatchObject({
      status: 'active',
      kind: 'text',
    })

    // Another user neither sees it nor may delete it.
    const bob = await signedIn('bob')
    const bobs = await (await bob.request(`${APP_URL}/api/me/pushes`)).json()
    expect(bobs.pushes.map((p: { id: string }) => p.id)).not.toContain(push.id)
    const bobDelete = await bob.request(`${APP_URL}/api/pushes/${push.id}`, {
      method: 'DELETE',
      headers: { origin: APP_URL },
    })
    expect(bobDelete.status).toBe(404)

    const trail = await phone.request(`${APP_URL}/api/pushes/${push.id}/audit`)
    expect(trail.status).toBe(200)
    expect((await trail.json()).createdBy).toEqual({ email: 'alice@example.com' })
    const gone = await phone.request(`${APP_URL}/api/pushes/${push.id}`, {
      method: 'DELETE',
      headers: { origin: APP_URL },
    })
    expect(gone.status).toBe(204)
    const after = await (await laptop.request(`${APP_URL}/api/me/pushes`)).json()
    expect(after.pushes.find((p: { id: string }) => p.id === push.id)).toMatchObject({
      status: 'ended',
      reason: 'owner',
    })
  })

  it('lists the requests a user made, without their labels', async () => {
    const alice = await signedIn()
    const made = await createRequest(createRequestClient(APP_URL, alice.fetcher()), {
      label: 'the label stays out of the list',
      answersAllowed: 2,
    })
    const id = made.ok ? made.data.id : ''
    const list = await (await alice.request(`${APP_URL}/api/me/requests`)).json()
    const entry = list.requests.find((r: { id: string }) => r.id === id)
    expect(entry).toMatchObject({ status: 'open', answersAllowed: 2, answersRemaining: 2 })
    expect(JSON.stringify(list)).not.toContain('the label stays out')
    const answers = await alice.request(`${APP_URL}/api/requests/${id}/answers`)
    expect(answers.status).toBe(200)
  })

  it('asks for a user before listing', async () => {
    const res = await new TestBrowser(hushlink.app).request(`${APP_URL}/api/me/pushes`)
    expect(res.status).toBe(401)
    expect((await res.json()).error).toBe('sign_in_required')
    const requests = await new TestBrowser(hushlink.app).request(`${APP_URL}/api/me/requests`)
    expect(requests.status).toBe(401)
  })
})

describe('API tokens', () => {
  it('are shown once, stored hashed, authenticate, note their last use and can be revoked', async () => {
    const alice = await signedIn()
    const created = await newToken(alice)
    expect(created.token).toMatch(/^hlpat_[A-Za-z0-9_-]{43}$/)
    const stored = await hushlink.database.client.execute('SELECT * FROM api_tokens')
    expect(JSON.stringify(stored.rows)).not.toContain(created.token.slice(6))
    const hashes = stored.rows.map((r) => Buffer.from(r.token_hash as ArrayBuffer).toString('hex'))
    expect(hashes).toContain(secretHash(created.token).toString('hex'))

    const script = new TestBrowser(hushlink.app)
    const bearer = { authorization: `Bearer ${created.token}` }
    const push = await pushText(apiOf(script, bearer), 'from a script')
    const listed = await (await alice.request(`${APP_URL}/api/me/pushes`)).json()
    expect(listed.pushes.map((p: { id: string }) => p.id)).toContain(push.id)
    const me = await (await script.request(`${APP_URL}/api/me`, { headers: bearer })).json()
    expect(me).toMatchObject({ user: { email: 'alice@example.com' }, via: 'token' })

    // A token cannot manage tokens.
    const minted = await script.request(`${APP_URL}/api/me/tokens`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'more' }),
    })
    expect(minted.status).toBe(403)
    expect((await minted.json()).error).toBe('session_required')

    const tokens = await (await alice.request(`${APP_URL}/api/me/tokens`)).json()
    const info = tokens.tokens.find((t: { id: string }) => t.id === created.id)
    expect(info.lastUsedAt).not.toBeNull()
    expect(JSON.stringify(tokens)).not.toContain(created.token)

    const revoke = await alice.request(`${APP_URL}/api/me/tokens/${created.id}`, {
      method: 'DELETE',
      headers: { origin: APP_URL },
    })
    expect(revoke.status).toBe(204)
    const again = await alice.request(`${APP_URL}/api/me/tokens/${created.id}`, {
      method: 'DELETE',
      headers: { origin: APP_URL },
    })
    expect(again.status).toBe(404)
    const afterRevoke = await pushText(apiOf(script, bearer), 'x').catch((e: Error) => e.message)
    expect(afterRevoke).toContain('401 invalid_token')
  })

  it('refuses a bad token name', async () => {
    const alice = await signedIn()
    const res = await alice.request(`${APP_URL}/api/me/tokens`, {
      method: 'POST',
      headers: { origin: APP_URL, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '' }),
    })
    expect(res.status).toBe(400)
  })
})
