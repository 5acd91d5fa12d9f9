// hushlink push and reveal against a real listening server: inputs, options and every ending.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushLink, runCli, startCliServer, type CliServer } from './test-harness'

let server: CliServer
beforeAll(async () => {
  server = await startCliServer()
})
afterAll(() => server.close())

const LINK = /^http:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/

describe('push → reveal', () => {
  it('round-trips text given as an argument, ended by a newline, or exactly with -n', async () => {
    const link = await pushLink(server, ['correct horse 🐎 battery'])
    expect(link).toMatch(LINK)
    const reveal = await runCli(server, ['reveal', link])
    expect(reveal).toMatchObject({ code: 0, stdout: 'correct horse 🐎 battery\n' })
    expect(reveal.stderr).toContain('4 views remaining')
    const exact = await runCli(server, ['reveal', link, '--no-newline'])
    expect(exact.stdout).toBe('correct horse 🐎 battery')
    expect((await runCli(server, ['reveal', '-n', link])).stdout).toBe('correct horse 🐎 battery')
  })

  it('reads the secret from piped stdin, byte for byte', async () => {
    const link = await pushLink(server, ['--views', '3'], { stdin: 'line one\nline two\n' })
    const reveal = await runCli(server, ['reveal', link])
    expect(reveal.stdout).toBe('line one\nline two\n')
    expect(reveal.stderr).toContain('2 views remaining')
  })

  it('reads the secret from --text-file and asks for it without echo on a terminal', async () => {
    const path = join(server.home, 'secret.txt')
    writeFileSync(path, 'from a file')
    const fromFile = await pushLink(server, ['--text-file', path])
    expect((await runCli(server, ['reveal', fromFile])).stdout).toBe('from a file\n')
    const typed = await runCli(server, ['push'], { typed: ['typed secret'] })
    expect(typed.prompts).toEqual(['Secret (hidden): '])
    expect((await runCli(server, ['reveal', typed.stdout.trim()])).stdout).toBe('typed secret\n')
  })

  it('reports a 1-view push as ended on the second reveal', async () => {
    const link = await pushLink(server, ['once', '--views', '1'])
    const first = await runCli(server, ['reveal', link])
    expect(first).toMatchObject({ code: 0, stdout: 'once\n' })
    expect(first.stderr).toContain('last view')
    const second = await runCli(server, ['reveal', link])
    expect(second.code).toBe(1)
    expect(second.stdout).toBe('')
    expect(second.stderr).toContain('already been viewed as many times as allowed (410 views)')
  })

  it('sends views, lifetime, locale and flags to the server', async () => {
    const link = await pushLink(server, [
      'x',
      '--views',
      '7',
      '--expires',
      '2h',
      '--locale',
      'en',
      '--no-retrieval-step',
      '--no-viewer-delete',
    ])
    expect(link).toMatch(/:\d+\/en\/p\/[A-Za-z0-9_-]{22}#/)
    const id = new URL(link).pathname.split('/').pop()!
    const push = (await server.store.findPush(id))!
    expect(push).toMatchObject({
      expireAfterViews: 7,
      retrievalStep: false,
      deletableByViewer: false,
      locale: 'en',
    })
    expect(push.expiresAt - push.createdAt).toBe(2 * 3600 * 1000)
  })

  it('prints and stores the shipped spelling of the locale it was given', async () => {
    for (const [tag, shipped] of [
      ['zh-Hant', 'zh-TW'],
      ['zh-HK', 'zh-TW'],
      ['nb', 'no'],
    ]) {
      const link = await pushLink(server, ['x', '--locale', tag])
      expect(new URL(link).pathname).toMatch(new RegExp(`^/${shipped}/p/[A-Za-z0-9_-]{22}$`))
      const id = new URL(link).pathname.split('/').pop()!
      expect((await server.store.findPush(id))!.locale).toBe(shipped)
    }
  })

  it('says 404 for a link whose secret is wrong', async () => {
    const link = await pushLink(server, ['x'])
    const wrong = link.slice(0, link.indexOf('#') + 1) + 'A'.repeat(43)
    const reveal = await runCli(server, ['reveal', wrong])
    expect(reveal.code).toBe(1)
    expect(reveal.stderr).toContain('no secret exists at this link')
  })

  it('writes --out as a new 0600 file and never overwrites one', async () => {
    const link = await pushLink(server, ['to a file', '--views', '2'])
    const out = join(server.home, 'revealed.txt')
    expect((await runCli(server, ['reveal', link, '--out', out])).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe('to a file')
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const again = await runCli(server, ['reveal', link, '-o', out])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already exists')
    expect((await runCli(server, ['reveal', link])).stderr).toContain('last view') // no view was used
  })

  it('escapes control characters on a terminal but not in a pipe', async () => {
    const link = await pushLink(server, ['--views', '2'], { stdin: 'a\u001b]0;pwned\u0007b' })
    const tty = await runCli(server, ['reveal', link], { stdoutIsTTY: true })
    expect(tty.stdout).toBe('a\\u001b]0;pwned\\u0007b\n')
    expect(tty.stderr).toContain('control characters')
    expect((await runCli(server, ['reveal', link, '-n'])).stdout).toBe('a\u001b]0;pwned\u0007b')
  })

  it('burns the secret after reading with --burn', async () => {
    const link = await pushLink(server, ['burn me'])
    const reveal = await runCli(server, ['reveal', link, '--burn'])
    expect(reveal.stderr).toContain('Deleted the secret')
    expect((await runCli(server, ['reveal', link])).stderr).toContain(
      'deleted this secret after viewing it',
    )
  })
})

describe('passphrase', () => {
  it('asks twice on push and once on reveal, and retries a wrong typed passphrase', async () => {
    const push = await runCli(server, ['push', 'guarded', '--passphrase'], {
      typed: ['pass phrase', 'pass phrase'],
    })
    expect(push.prompts).toEqual(['Passphrase: ', 'Repeat passphrase: '])
    const link = push.stdout.trim()
    const reveal = await runCli(server, ['reveal', link], { typed: ['wrong', 'pass phrase'] })
    expect(reveal).toMatchObject({ code: 0, stdout: 'guarded\n' })
    expect(reveal.stderr).toContain('Wrong passphrase: 4 attempts left')
  })

  it('refuses mismatched typed passphrases before pushing', async () => {
    const push = await runCli(server, ['push', 'x', '--passphrase'], { typed: ['one', 'two'] })
    expect(push).toMatchObject({ code: 1, stdout: '' })
    expect(push.stderr).toContain('do not match')
  })

  it('reads it from --passphrase-file or HUSHLINK_PASSPHRASE, and reports attempts left', async () => {
    const file = join(server.home, 'passphrase')
    writeFileSync(file, 'from file\n')
    const link = await pushLink(server, ['filed', '--passphrase-file', file])
    const wrong = await runCli(server, ['reveal', link], { env: { HUSHLINK_PASSPHRASE: 'nope' } })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain(
      'wrong passphrase: 4 attempts left before the secret locks (403)',
    )
    const noTerminal = await runCli(server, ['reveal', link])
    expect(noTerminal.code).toBe(2)
    expect(noTerminal.stderr).toContain('--passphrase-file or HUSHLINK_PASSPHRASE')
    const right = await runCli(server, ['reveal', link], {
      env: { HUSHLINK_PASSPHRASE: 'from file' },
    })
    expect(right).toMatchObject({ code: 0, stdout: 'filed\n' })
  })

  it('refuses `--passphrase VALUE`, which would push VALUE as the secret', async () => {
    const push = await runCli(server, ['push', '--passphrase', 'hunter2'], { stdin: 'secret' })
    expect(push.code).toBe(2)
    expect(push.stderr).toContain('--passphrase takes no value')
  })
})

describe('kinds', () => {
  it('pushes and reveals a URL, accepting only http and https', async () => {
    const link = await pushLink(server, ['--kind', 'url', 'https://example.org/reset?t=1'])
    const reveal = await runCli(server, ['reveal', link])
    expect(reveal.stdout).toBe('https://example.org/reset?t=1\n')
    expect(reveal.stderr).toContain('open it yourself')
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://example.org/',
      'not a url',
    ]) {
      const push = await runCli(server, ['push', '--kind', 'url', bad])
      expect(push.code, bad).toBe(2)
      expect(push.stderr).toContain('http:// or https://')
    }
  })

  it('pushes a QR text up to 1024 characters', async () => {
    const link = await pushLink(server, ['--kind', 'qr', 'WIFI:S:home;T:WPA;P:secret;;'])
    expect((await runCli(server, ['reveal', link])).stdout).toBe('WIFI:S:home;T:WPA;P:secret;;\n')
    expect((await runCli(server, ['push', '--kind', 'qr', 'x'.repeat(1025)])).code).toBe(2)
  })
})

describe('usage errors exit 2 and push nothing', () => {
  const cases: [string, string[], string][] = [
    ['no command', [], 'Usage'],
    ['an unknown command', ['frobnicate'], 'unknown command'],
    ['an option of another command', ['push', 'x', '--burn'], 'push does not take --burn'],
    ['an unknown option', ['push', 'x', '--nope'], "Unknown option '--nope'"],
    ['bad views', ['push', 'x', '--views', 'two'], '--views'],
    ['a bad duration', ['push', 'x', '--expires', '7y'], '--expires'],
    ['a bad locale', ['push', 'x', '--locale', 'not a locale'], '--locale'],
    ['a locale not shipped', ['push', 'x', '--locale', 'sw'], 'shipped: ar'],
    ['a file kind', ['push', 'x', '--kind', 'file'], 'push files with --file'],
    ['an empty secret', ['push', ''], 'empty'],
    ['a secret of spaces only (the app refuses it too)', ['push', '  \n '], 'empty'],
    ['two texts', ['push', 'a', 'b'], 'one TEXT'],
    [
      'a link without its secret',
      ['reveal', 'http://127.0.0.1/p/AAAAAAAAAAAAAAAAAAAAAA'],
      'part after #',
    ],
  ]
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const before = (await server.database.client.execute('SELECT count(*) AS n FROM pushes'))
        .rows[0].n
      const result = await runCli(server, argv)
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(message)
      const after = (await server.database.client.execute('SELECT count(*) AS n FROM pushes'))
        .rows[0].n
      expect(after).toBe(before)
    })
  }

  it('prints help with exit 0', async () => {
    expect(await runCli(server, ['--help'])).toMatchObject({ code: 0 })
    expect((await runCli(server, ['push', '--help'])).stdout).toContain('--no-viewer-delete')
  })
})
