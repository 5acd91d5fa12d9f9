// What the CLI prints for people and for scripts: --json on every command with its documented
// shape, times in local time and relative to now, user agents in words, the exit codes in --help.
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushLink, runCli, startCliServer, type CliServer } from './test-harness'

let server: CliServer
beforeAll(async () => {
  server = await startCliServer()
})
afterAll(() => server.close())

const idOf = (link: string) => new URL(link).pathname.split('/').pop()!
const json = async (argv: string[], options = {}) => {
  const result = await runCli(server, [...argv, '--json'], options)
  expect(result.code, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as Record<string, unknown>
}
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'
const ISO_UTC = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/

describe('--json', () => {
  it('push prints the link, id, server, kind, expiry and views', async () => {
    const pushed = await json(['push', 'scripted', '--views', '3', '--expires', '2h'])
    expect(Object.keys(pushed).sort()).toEqual(
      ['expiresAt', 'id', 'kind', 'link', 'server', 'viewsRemaining'].sort(),
    )
    expect(pushed).toMatchObject({ server: server.origin, kind: 'text', viewsRemaining: 3 })
    expect(pushed.link).toContain(`/p/${pushed.id as string}#`)
    expect(Date.parse(pushed.expiresAt as string) - Date.now()).toBeGreaterThan(7100_000)
  })

  it('reveal prints the exact secret, views left and whether it is gone; --burn is counted', async () => {
    const link = await pushLink(server, ['--views', '3'], { stdin: 'no newline\u009b here' })
    const first = await runCli(server, ['reveal', link, '--json'])
    // A C1 control is escaped for the terminal, and still parses back to the exact secret.
    expect(first.stdout).toContain('\\u009b')
    expect(JSON.parse(first.stdout)).toEqual({
      id: idOf(link),
      kind: 'text',
      secret: 'no newline\u009b here',
      viewsRemaining: 2,
      deleted: false,
    })
    expect(await json(['reveal', link, '--burn'])).toMatchObject({
      viewsRemaining: 0,
      deleted: true,
    })
  })

  it('reveal of a file push lists the saved paths', async () => {
    const out = mkdtempSync(join(server.home, 'out-'))
    const file = join(server.home, 'note.txt')
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'file body'))
    const link = await pushLink(server, ['--file', file, '--views', '1'])
    expect(await json(['reveal', link, '--out', out])).toEqual({
      id: idOf(link),
      kind: 'file',
      files: [join(out, 'note.txt')],
      viewsRemaining: 0,
      deleted: true,
    })
  })

  it('delete says whether it deleted, and why not', async () => {
    const link = await pushLink(server, ['to delete'])
    expect(await json(['delete', link])).toEqual({ id: idOf(link), deleted: true, reason: null })
    expect(await json(['delete', link])).toEqual({
      id: idOf(link),
      deleted: false,
      reason: 'owner',
    })
  })

  it('request and answer print their links, what was sent and what was read', async () => {
    const made = await json(['request', 'API key'])
    expect(Object.keys(made).sort()).toEqual(['expiresAt', 'id', 'link', 'privateLink'])
    expect(made.link).toContain(`/request/${made.id as string}#`)
    const sent = await json(['answer', made.link as string, 'k3y'])
    expect(sent).toEqual({ requestId: made.id, sent: true })
    const read = await json(['answer', made.privateLink as string])
    expect(read).toMatchObject({ request: { id: made.id, label: 'API key' }, failed: [] })
    expect(read.answers).toEqual([
      { id: expect.any(String), secret: 'k3y', viewsRemaining: expect.any(Number) },
    ])
  })

  it('audit keeps the raw user agent and UTC times; list hides owner tokens', async () => {
    const link = await pushLink(server, ['audited by a script'])
    const audit = await json(['audit', link])
    const events = audit.events as { userAgent: string; at: string }[]
    expect(events[0].userAgent).toMatch(/^hushlink-cli\//)
    expect(events[0].at).toMatch(ISO_UTC)
    const list = (await runCli(server, ['list', '--json'])).stdout
    expect(JSON.parse(list)).toContainEqual(expect.objectContaining({ id: idOf(link) }))
    expect(list).not.toContain('ownerToken')
  })
})

describe('text for people', () => {
  it('push tells when the secret ends, in local time and relative to now', async () => {
    const pushed = await runCli(server, ['push', 'timed', '--expires', '6d'])
    expect(pushed.stderr).toMatch(/Ends after 5 views or on .+ \(in 6 days\)\./)
    expect(pushed.stderr).not.toMatch(ISO_UTC)
  })

  it('audit and list show local times, relative expiry and browsers in words', async () => {
    const link = await pushLink(server, ['seen', '--expires', '3d'])
    const id = idOf(link)
    await fetch(`${server.origin}/api/pushes/${id}`, {
      headers: { 'X-Link-Token': 'A'.repeat(43), 'User-Agent': CHROME },
    })
    const audit = await runCli(server, ['audit', id])
    expect(audit.stdout).toMatch(/Expires {2}.+ \(in 3 days\)/)
    expect(audit.stdout).toMatch(/failed_view +bad_link +\S+ +Chrome 156 on Linux/)
    // Unknown agents stay as sent.
    expect(audit.stdout).toMatch(/created .*hushlink-cli\//)
    expect(audit.stdout).not.toMatch(ISO_UTC)
    const list = await runCli(server, ['list'])
    expect(list.stdout).toMatch(new RegExp(`${id} +text +.+\\(in 3 days\\)`))
    expect(list.stdout).not.toMatch(ISO_UTC)
  })

  it('request says until when it is open, in local time', async () => {
    const made = await runCli(server, ['request', 'timed request', '--open-for', '2d'])
    expect(made.stderr).toMatch(/open until .+ \(in 2 days\)/)
  })

  it('--help documents --json and every exit code', async () => {
    const help = await runCli(server, ['--help'])
    expect(help.stdout).toContain('--json')
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 .+\n {2}1 .+\n {2}2 /)
    for (const command of ['push', 'reveal', 'delete', 'audit', 'list', 'request', 'answer']) {
      expect((await runCli(server, [command, '--help'])).stdout).toContain('--json')
    }
  })
})
