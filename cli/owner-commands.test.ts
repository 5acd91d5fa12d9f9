// delete, audit and list through the owner tokens that push keeps, against a real server.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditResponse } from '../src/lib/protocol'
import { createOwnerStore } from './owner-store'
import { pushLink, runCli, startCliServer, type CliServer } from './test-harness'

let server: CliServer
beforeAll(async () => {
  server = await startCliServer()
})
afterAll(() => server.close())

const idOf = (link: string) => new URL(link).pathname.split('/').pop()!

describe('the owner-token file', () => {
  it('keeps id, owner token, server, times, kind and label, but not the link or secret', async () => {
    const link = await pushLink(server, ['not on disk', '--label', 'for Bob'])
    const text = readFileSync(join(server.home, 'pushes.json'), 'utf8')
    const stored = await createOwnerStore(server.home).find(idOf(link))
    expect(stored).toMatchObject({
      id: idOf(link),
      server: server.origin,
      kind: 'text',
      label: 'for Bob',
    })
    expect(stored!.ownerToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Date.parse(stored!.createdAt)).not.toBeNaN()
    expect(Date.parse(stored!.expiresAt)).not.toBeNaN()
    expect(text).not.toContain(link.split('#')[1])
    expect(text).not.toContain('not on disk')
  })

  it('keeps the link only with --remember', async () => {
    const link = await pushLink(server, ['kept', '--remember'])
    expect((await createOwnerStore(server.home).find(idOf(link)))!.link).toBe(link)
  })
})

describe('delete', () => {
  it('deletes by link or id with the kept owner token, then reports it ended', async () => {
    const link = await pushLink(server, ['delete me'])
    const deleted = await runCli(server, ['delete', link])
    expect(deleted).toMatchObject({ code: 0 })
    expect(deleted.stdout).toContain(`Deleted ${idOf(link)}`)
    expect((await runCli(server, ['reveal', link])).stderr).toContain(
      'the sender deleted this secret (410 owner)',
    )
    const again = await runCli(server, ['delete', idOf(link)])
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('Nothing to delete: the sender deleted this secret')
  })

  it('fails clearly for a push whose owner token is not kept here', async () => {
    const result = await runCli(server, ['delete', 'AAAAAAAAAAAAAAAAAAAAAA'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no owner token for AAAAAAAAAAAAAAAAAAAAAA')
    expect((await runCli(server, ['delete', 'nonsense'])).code).toBe(2)
  })

  it('sends the owner token only to the server the push was made on', async () => {
    const link = await pushLink(server, ['stay home'])
    const elsewhere = await runCli(
      server,
      ['delete', idOf(link), '--server', 'http://127.0.0.1:9'],
      {
        env: { HUSHLINK_SERVER: 'http://127.0.0.1:9' },
      },
    )
    expect(elsewhere.code).toBe(0)
    expect((await runCli(server, ['reveal', link])).code).toBe(1)
  })
})

describe('audit', () => {
  it('shows status and events as a table, and the raw answer with --json', async () => {
    const link = await pushLink(server, ['audited', '--views', '2', '--label', 'label\u001b[2J'])
    await runCli(server, ['reveal', link])
    const table = await runCli(server, ['audit', link])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('active, 1 of 2 views left')
    expect(table.stdout).toMatch(/WHEN\s+EVENT\s+REASON\s+IP\s+USER AGENT/)
    expect(table.stdout).toMatch(/created .*hushlink-cli\//)
    expect(table.stdout).toMatch(/viewed /)
    expect(table.stdout).toContain('label\\u001b[2J')
    const json = await runCli(server, ['audit', idOf(link), '--json'])
    const audit = JSON.parse(json.stdout) as AuditResponse
    expect(audit.push).toMatchObject({ id: idOf(link), status: 'active', viewsRemaining: 1 })
    expect(audit.events.map((e) => e.kind)).toEqual(['created', 'viewed'])
  })

  it('still works after the push ended, showing why', async () => {
    const link = await pushLink(server, ['gone', '--views', '1'])
    await runCli(server, ['reveal', link])
    const table = await runCli(server, ['audit', link])
    expect(table.stdout).toContain(
      'ended (this secret has already been viewed as many times as allowed)',
    )
    expect(table.stdout).toMatch(/expired\s+views/)
  })

  it('escapes a hostile user agent in the table', async () => {
    const link = await pushLink(server, ['ua'])
    const id = idOf(link)
    await fetch(`${server.origin}/api/pushes/${id}`, {
      headers: { 'X-Link-Token': 'A'.repeat(43), 'User-Agent': 'evil\u009b31m' },
    })
    const table = await runCli(server, ['audit', id])
    expect(table.stdout).not.toContain('\u009b')
    expect(table.stdout).toContain('evil\\u009b31m')
    expect(table.stdout).toContain('failed_view  bad_link')
  })

  it('says how many failed views of each reason the trail left out', async () => {
    const link = await pushLink(server, ['flooded'])
    const id = idOf(link)
    for (let i = 0; i < 105; i++) await server.api.getPush(id, 'A'.repeat(43))
    const table = await runCli(server, ['audit', id])
    expect(table.stdout.trimEnd().split('\n').at(-1)).toBe(
      '... and 5 more failed_view (bad_link) not recorded',
    )
    expect(table.stdout).not.toContain('(ended) not recorded')
  })
})

describe('list', () => {
  it('lists kept pushes without their owner tokens', async () => {
    const link = await pushLink(server, ['listed', '--label', 'listed one'])
    const table = await runCli(server, ['list'])
    expect(table.stdout).toMatch(new RegExp(`${idOf(link)}\\s+text\\s+.*listed one`))
    const stored = await createOwnerStore(server.home).find(idOf(link))
    expect(table.stdout).not.toContain(stored!.ownerToken)
    const json = JSON.parse((await runCli(server, ['list', '--json'])).stdout) as Record<
      string,
      unknown
    >[]
    expect(json.find((p) => p.id === idOf(link))).toMatchObject({ label: 'listed one' })
    expect(JSON.stringify(json)).not.toContain(stored!.ownerToken)
  })
})
