// hushlink push --file … and reveal --out DIR: the same bytes come back, under safe new names,
// and every mistake is caught before a view is used or anything is uploaded.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileApi } from '../src/lib/api/file-client'
import { pushFiles } from '../src/lib/api/file-flow'
import { buildLink } from '../src/lib/link'
import { fileOf } from '../server/testing/file-test-support'
import { pushLink, runCli, startCliServer, type CliServer } from './test-harness'

let server: CliServer
let dir: string
beforeAll(async () => {
  server = await startCliServer({
    HUSHLINK_MAX_FILES: '3',
    HUSHLINK_MAX_FILE_BYTES: String(8 * 1024 * 1024),
  })
  dir = join(server.home, 'work')
  mkdirSync(dir)
})
afterAll(() => server.close())

let n = 0
function writeInput(name: string, bytes: Uint8Array): string {
  const path = join(dir, `${n++}-${name}`)
  writeFileSync(path, bytes)
  return path
}

const viewsOf = async (link: string) => {
  const id = new URL(link).pathname.split('/').pop()!
  return (await server.store.findPush(id))?.viewsRemaining
}

describe('push --file and reveal --out', () => {
  it('sends several files and saves identical bytes with their names', async () => {
    const big = randomBytes(3 * 1024 * 1024 + 17)
    const a = writeInput('photo.jpg', big)
    const b = writeInput('empty.txt', new Uint8Array(0))
    const link = await pushLink(server, ['--file', a, '-f', b, '--views', '2'])
    expect(link).toMatch(/\/p\/[\w-]{22}#[\w-]{43}$/)

    const out = join(server.home, 'received')
    const reveal = await runCli(server, ['reveal', link, '--out', out])
    expect(reveal.code, reveal.stderr).toBe(0)
    expect(reveal.stdout.trim().split('\n')).toEqual([
      join(out, '0-photo.jpg'),
      join(out, '1-empty.txt'),
    ])
    expect(reveal.stderr).toContain('Saved 2 files')
    expect(reveal.stderr).toContain('1 view remaining')
    expect(readFileSync(join(out, '0-photo.jpg')).equals(big)).toBe(true)
    expect(readFileSync(join(out, '1-empty.txt')).length).toBe(0)
    expect(statSync(join(out, '0-photo.jpg')).mode & 0o777).toBe(0o600)

    // The second view goes into the same directory: nothing is overwritten.
    const again = await runCli(server, ['reveal', link, '--out', out])
    expect(again.code, again.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      '0-photo (2).jpg',
      '0-photo.jpg',
      '1-empty (2).txt',
      '1-empty.txt',
    ])
    expect(again.stderr).toContain('last view')
  })

  it('keeps the owner token as a file push', async () => {
    const link = await pushLink(server, ['--file', writeInput('x', randomBytes(10))])
    const list = await runCli(server, ['list', '--json'])
    const id = new URL(link).pathname.split('/').pop()
    expect(JSON.parse(list.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, kind: 'file' })]),
    )
  })

  it('works with a passphrase', async () => {
    const bytes = randomBytes(1000)
    const link = await pushLink(server, ['--file', writeInput('p.bin', bytes), '--passphrase'], {
      env: { HUSHLINK_PASSPHRASE: 'files too' },
    })
    const out = join(server.home, 'with-passphrase')
    const reveal = await runCli(server, ['reveal', link, '-o', out], {
      typed: ['wrong', 'files too'],
    })
    expect(reveal.code, reveal.stderr).toBe(0)
    expect(reveal.stderr).toContain('Wrong passphrase: 4 attempts left')
    expect(readFileSync(reveal.stdout.trim()).equals(bytes)).toBe(true)
  })

  it('saves hostile names inside the directory only, made harmless', async () => {
    const api = createFileApi(server.origin)
    const pushed = await pushFiles(api, [
      fileOf('../../escape.sh', Buffer.from('1')),
      fileOf('/etc/passwd', Buffer.from('2')),
      fileOf('evil\u202Etxt.exe', Buffer.from('3')),
    ])
    if (!pushed.ok) throw new Error(pushed.error.error)
    const link = buildLink(server.origin, pushed.data.id, pushed.data.secret)
    const out = join(server.home, 'hostile')
    const reveal = await runCli(server, ['reveal', link, '--out', out])
    expect(reveal.code, reveal.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['_._.._escape.sh', '_etc_passwd', 'evil_txt.exe'])
    expect(readdirSync(server.home)).not.toContain('escape.sh')
  })
})

describe('mistakes cost no view and upload nothing', () => {
  it('a file push revealed without --out', async () => {
    const link = await pushLink(server, ['--file', writeInput('a', randomBytes(10))])
    const reveal = await runCli(server, ['reveal', link])
    expect(reveal).toMatchObject({ code: 2 })
    expect(reveal.stderr).toContain('--out DIR')
    expect(await viewsOf(link)).toBe(5)
  })

  it('--out naming a file rather than a directory', async () => {
    const link = await pushLink(server, ['--file', writeInput('a', randomBytes(10))])
    const reveal = await runCli(server, [
      'reveal',
      link,
      '--out',
      writeInput('not-a-dir', randomBytes(1)),
    ])
    expect(reveal).toMatchObject({ code: 2 })
    expect(await viewsOf(link)).toBe(5)
  })

  it.each([
    [
      'more files than the server takes',
      () =>
        ['--file', 'a', '--file', 'b', '--file', 'c', '--file', 'd'].map((x) =>
          x.startsWith('-') ? x : writeInput(x, randomBytes(1)),
        ),
      'at most 3 files',
    ],
    [
      'files larger than the server takes',
      () => ['--file', writeInput('big', randomBytes(9 * 1024 * 1024))],
      'at most 8 MiB',
    ],
    ['a directory', () => ['--file', dir], 'is not a file'],
    ['TEXT with --file', () => ['text', '--file', writeInput('a', randomBytes(1))], 'give no TEXT'],
    [
      '--kind with --file',
      () => ['--kind', 'qr', '--file', writeInput('a', randomBytes(1))],
      'give no TEXT, --text-file or --kind',
    ],
  ])('%s', async (_, argv, message) => {
    const before = (await server.database.client.execute('SELECT count(*) AS n FROM pushes'))
      .rows[0].n
    const push = await runCli(server, ['push', ...argv()])
    expect(push.code).toBe(2)
    expect(push.stderr).toContain(message)
    const after = (await server.database.client.execute('SELECT count(*) AS n FROM pushes')).rows[0]
      .n
    expect(after).toBe(before)
  })

  it('a missing file', async () => {
    const push = await runCli(server, ['push', '--file', join(dir, 'nope')])
    expect(push.code).toBe(1)
    expect(push.stderr).toContain('ENOENT')
  })
})

describe('a text push after the rename', () => {
  it('still reads --text-file', async () => {
    const link = await pushLink(server, ['--text-file', writeInput('t.txt', Buffer.from('text ✓'))])
    expect((await runCli(server, ['reveal', link])).stdout).toBe('text ✓\n')
  })
})
