import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadSodium } from '../../src/lib/crypto'
import { createApp, type App } from '../app'
import { actorOf } from './client-ip'
import { createLogWriter } from './logger'
import { startTestApp, type TestServer } from '../testing/test-support'

describe('request log', () => {
  let t: TestServer
  let app: App
  const lines: string[] = []

  beforeAll(async () => {
    await loadSodium()
    t = await startTestApp()
    app = createApp({
      ...t.deps,
      clock: t.now,
      actor: (c) => actorOf(c, t.config.ipMode, t.config.trustProxy),
      log: (line) => lines.push(line),
    })
  })
  afterAll(() => t.close())

  it('writes one JSON line per request: id, method, route pattern, status, duration — no secrets', async () => {
    const linkToken = randomBytes(32).toString('base64url')
    const ciphertext = Buffer.concat([Buffer.from([1]), randomBytes(60)]).toString('base64url')
    const json = { 'content-type': 'application/json' }
    const created = await app.request('/api/pushes', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ kind: 'text', ciphertext, linkToken }),
    })
    const { id, ownerToken } = await created.json()
    await app.request(`/api/pushes/${id}`, {
      headers: { 'x-link-token': linkToken },
    })
    const revealed = await app.request(`/api/pushes/${id}/reveal`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ linkToken }),
    })
    await app.request(`/api/pushes/${id}/audit`, {
      headers: { authorization: 'Bearer ' + ownerToken },
    })
    await app.request(`/api/pushes/${id}?token=${linkToken}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer ' + ownerToken },
    })

    expect(lines).toHaveLength(5)
    const entries = lines.map((line) => JSON.parse(line))
    expect(entries.map((e) => `${e.method} ${e.route} ${e.status}`)).toEqual([
      'POST /api/pushes 201',
      'GET /api/pushes/:id 200',
      'POST /api/pushes/:id/reveal 200',
      'GET /api/pushes/:id/audit 200',
      'DELETE /api/pushes/:id 204',
    ])
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual([
        'durationMs',
        'level',
        'method',
        'msg',
        'requestId',
        'route',
        'status',
        'time',
      ])
      expect(entry.durationMs).toBeGreaterThanOrEqual(0)
    }
    expect(revealed.headers.get('x-request-id')).toBe(entries[2].requestId)
    const all = lines.join('\n')
    for (const secret of [linkToken, ownerToken, ciphertext, id]) expect(all).not.toContain(secret)
  })

  it('appends to HUSHLINK_LOG_FILE as well as stdout, the lines of one turn in one write', async () => {
    const file = join(t.dir, 'server.log')
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const write = createLogWriter(file)
      write('{"a":1}')
      write('{"b":2}')
      await new Promise((resolve) => setImmediate(resolve))
      expect(stdout.mock.calls).toEqual([['{"a":1}\n{"b":2}\n']])
      write('{"c":3}')
      await new Promise((resolve) => setImmediate(resolve))
      expect(stdout.mock.calls).toEqual([['{"a":1}\n{"b":2}\n'], ['{"c":3}\n']])
    } finally {
      stdout.mockRestore()
    }
    await vi.waitFor(() => expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n{"b":2}\n{"c":3}\n'))
  })
})
