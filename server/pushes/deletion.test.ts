// Ending a push on purpose: the owner's DELETE, the recipient's burn, and the owner's audit.
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import {
  hasCiphertext,
  pushText,
  revealText,
  startTestApp,
  trailOf,
  type TestServer,
} from '../testing/test-support'

let t: TestServer
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const result = (r: { ok: boolean; status: number; error?: { error: string; reason?: string } }) =>
  r.ok ? r.status : `${r.status} ${r.error!.error}${r.error!.reason ? ' ' + r.error!.reason : ''}`

async function unknownIdBody(path = '', init?: RequestInit) {
  const response = await t.app.request('/api/pushes/' + toBase64Url(randomBytes(16)) + path, init)
  expect(response.status).toBe(404)
  return response.text()
}

describe('DELETE /api/pushes/{id}', () => {
  it('ends the push for the owner: 204, then 410 owner everywhere, trail deleted: owner', async () => {
    const push = await pushText(t.api, 'x')
    const response = await t.app.request('/api/pushes/' + push.id, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer ' + push.ownerToken, 'User-Agent': 'owner-agent' },
    })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    expect(result(await t.api.deletePush(push.id, push.ownerToken))).toBe('410 ended owner')
    expect(result(await t.api.getPush(push.id, push.link.linkToken))).toBe('410 ended owner')
    expect(result(await t.api.reveal(push.id, push.link.linkToken))).toBe('410 ended owner')
    expect(await hasCiphertext(t.database, push.id)).toBe(false)
    const events = await t.store.listEvents(push.id)
    expect(events.find((e) => e.kind === 'deleted')).toMatchObject({
      reason: 'owner',
      userAgent: 'owner-agent',
    })
  })

  it('answers a wrong, foreign or missing owner token exactly like an unknown id', async () => {
    const push = await pushText(t.api, 'x')
    const other = await pushText(t.api, 'y')
    const unknown = await unknownIdBody('', {
      method: 'DELETE',
      headers: { Authorization: 'Bearer ' + push.ownerToken },
    })
    const attempts: Record<string, string>[] = [
      { Authorization: 'Bearer ' + toBase64Url(randomBytes(32)) },
      { Authorization: 'Bearer ' + other.ownerToken },
      { Authorization: push.ownerToken },
      { Authorization: 'Basic ' + push.ownerToken },
      { Authorization: 'Bearer ' + push.link.linkToken },
      {},
    ]
    for (const headers of attempts) {
      const response = await t.app.request('/api/pushes/' + push.id, { method: 'DELETE', headers })
      expect(response.status).toBe(404)
      expect(await response.text()).toBe(unknown)
    }
    expect((await t.api.getPush(push.id, push.link.linkToken)).status).toBe(200)
  })

  it('answers 410 with the real reason for a push that ended by views', async () => {
    const push = await pushText(t.api, 'x', { expireAfterViews: 1 })
    expect((await revealText(t.api, push.link)).ok).toBe(true)
    expect(result(await t.api.deletePush(push.id, push.ownerToken))).toBe('410 ended views')
  })
})

describe('GET /api/pushes/{id}/audit', () => {
  it('returns exactly the protocol fields, events oldest first, with times in ISO 8601 UTC', async () => {
    const push = await pushText(t.api, 'x', { expireAfterViews: 3, expireAfterSeconds: 3600 })
    const created = t.now()
    t.advance(1000)
    await revealText(t.api, push.link)
    t.advance(1000)
    await t.api.getPush(push.id, 'wrong')
    const audit = await t.api.audit(push.id, push.ownerToken)
    if (!audit.ok) throw new Error('audit failed')
    expect(Object.keys(audit.data).sort()).toEqual(['events', 'failedViewsNotRecorded', 'push'])
    expect(audit.data.failedViewsNotRecorded).toEqual({ bad_link: 0, ended: 0 })
    expect(audit.data.push).toEqual({
      id: push.id,
      kind: 'text',
      status: 'active',
      reason: null,
      createdAt: new Date(created).toISOString(),
      expiresAt: new Date(created + 3600_000).toISOString(),
      endedAt: null,
      expireAfterViews: 3,
      viewsRemaining: 2,
    })
    expect(audit.data.events).toEqual([
      {
        kind: 'created',
        at: new Date(created).toISOString(),
        ip: null,
        userAgent: null,
        reason: null,
      },
      {
        kind: 'viewed',
        at: new Date(created + 1000).toISOString(),
        ip: null,
        userAgent: null,
        reason: null,
      },
      {
        kind: 'failed_view',
        at: new Date(created + 2000).toISOString(),
        ip: null,
        userAgent: null,
        reason: 'bad_link',
      },
    ])
  })

  it('refuses a wrong or missing Bearer token with the 404 of an unknown id', async () => {
    const push = await pushText(t.api, 'x')
    const unknown = await unknownIdBody('/audit', {
      headers: { Authorization: 'Bearer ' + push.ownerToken },
    })
    const attempts: Record<string, string>[] = [
      { Authorization: 'Bearer ' + toBase64Url(randomBytes(32)) },
      { Authorization: 'Bearer x' },
      { Authorization: 'Bearer ' + push.link.linkToken },
      {},
    ]
    for (const headers of attempts) {
      const response = await t.app.request('/api/pushes/' + push.id + '/audit', { headers })
      expect(response.status).toBe(404)
      expect(await response.text()).toBe(unknown)
    }
  })

  it('outlives the ciphertext', async () => {
    const push = await pushText(t.api, 'x')
    await t.api.deletePush(push.id, push.ownerToken)
    const audit = await t.api.audit(push.id, push.ownerToken)
    expect(audit.ok && audit.data.push).toMatchObject({
      status: 'ended',
      reason: 'owner',
      endedAt: new Date(t.now()).toISOString(),
    })
    expect(audit.ok && audit.data.events.map((e) => `${e.kind}:${e.reason}`)).toEqual([
      'created:null',
      'deleted:owner',
    ])
  })
})

describe('POST /api/pushes/{id}/burn', () => {
  it('lets the recipient delete the push when the sender allowed it: 204, then 410 viewer', async () => {
    const push = await pushText(t.api, 'x', { expireAfterViews: 3, deletableByViewer: true })
    const seen = await revealText(t.api, push.link)
    expect(seen.ok && seen.reveal.deletableByViewer).toBe(true)
    expect(result(await t.api.burn(push.id, push.link.linkToken))).toBe(204)
    expect(result(await t.api.getPush(push.id, push.link.linkToken))).toBe('410 ended viewer')
    expect(result(await t.api.reveal(push.id, push.link.linkToken))).toBe('410 ended viewer')
    expect(result(await t.api.burn(push.id, push.link.linkToken))).toBe('410 ended viewer')
    expect(await hasCiphertext(t.database, push.id)).toBe(false)
    expect((await trailOf(t.store, push.id)).slice(0, 3)).toEqual([
      'created',
      'viewed',
      'deleted:viewer',
    ])
  })

  it('refuses with 403 when the sender did not allow it, and the push lives on', async () => {
    const push = await pushText(t.api, 'x', { deletableByViewer: false })
    const burn = await t.api.burn(push.id, push.link.linkToken)
    expect(result(burn)).toBe('403 not_deletable')
    const meta = await t.api.getPush(push.id, push.link.linkToken)
    expect(meta.ok && meta.data).toMatchObject({ status: 'active', viewsRemaining: 5 })
    expect(await hasCiphertext(t.database, push.id)).toBe(true)
    expect(await trailOf(t.store, push.id)).toEqual(['created'])
  })

  it('needs the link token: a wrong one is a 404 and a failed view', async () => {
    const push = await pushText(t.api, 'x')
    expect(result(await t.api.burn(push.id, toBase64Url(randomBytes(32))))).toBe('404 not_found')
    expect(await hasCiphertext(t.database, push.id)).toBe(true)
    expect(await trailOf(t.store, push.id)).toEqual(['created', 'failed_view:bad_link'])
  })
})
