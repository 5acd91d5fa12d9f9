// Command-line parsing and the small value parsers behind it.
import { describe, expect, it } from 'vitest'
import { parseCommandLine, parseDuration, parseViews, serverOrigin } from './args'
import { chooseLocale } from './locale'
import { pushIdOf } from './owner-commands'

describe('parseCommandLine', () => {
  it('takes options before or after the command', () => {
    const before = parseCommandLine(['--server', 'http://h', 'push', 'text', '--views', '3'])
    expect(before).toMatchObject({
      command: 'push',
      positionals: ['text'],
      options: { server: 'http://h', views: '3' },
    })
    expect(parseCommandLine(['push', '--', '--not-an-option']).positionals).toEqual([
      '--not-an-option',
    ])
  })

  it('reads an id that starts with "-" as an id, not as options', () => {
    const id = '-U' + 'a'.repeat(20)
    expect(parseCommandLine(['delete', id, '--server', 'http://h'])).toMatchObject({
      command: 'delete',
      positionals: [id],
      options: { server: 'http://h' },
    })
    expect(parseCommandLine(['audit', id, '--json']).positionals).toEqual([id])
    expect(parseCommandLine(['audit', id, '--', 'x']).positionals).toEqual([id, 'x'])
  })

  it('allows `--passphrase` before the text only when the text is set off by --', () => {
    expect(parseCommandLine(['push', 'text', '--passphrase']).options.passphrase).toBe(true)
    expect(parseCommandLine(['push', '--passphrase', '--', 'text']).positionals).toEqual(['text'])
    expect(() => parseCommandLine(['push', '--passphrase', 'text'])).toThrow('takes no value')
  })
})

describe('parseDuration', () => {
  it('reads s, m, h, d, w and bare seconds', () => {
    expect(parseDuration('3600s')).toBe(3600)
    expect(parseDuration('90m')).toBe(5400)
    expect(parseDuration('24h')).toBe(86_400)
    expect(parseDuration('7d')).toBe(604_800)
    expect(parseDuration('2w')).toBe(1_209_600)
    expect(parseDuration('120')).toBe(120)
  })
  it('refuses anything else', () => {
    for (const bad of ['', '0', '0d', '-1h', '1.5h', '7y', 'd', '1 day', '99999999999d']) {
      expect(() => parseDuration(bad), bad).toThrow('--expires')
    }
  })
})

describe('parseViews', () => {
  it('wants a whole number of at least 1', () => {
    expect(parseViews('1')).toBe(1)
    for (const bad of ['0', '-1', '1.5', 'two', ''])
      expect(() => parseViews(bad), bad).toThrow('--views')
  })
})

describe('serverOrigin', () => {
  it('prefers --server, then HUSHLINK_SERVER, then localhost:5100, and keeps only the origin', () => {
    expect(serverOrigin('https://a.example/x/', { HUSHLINK_SERVER: 'https://b.example' })).toBe(
      'https://a.example',
    )
    expect(serverOrigin(undefined, { HUSHLINK_SERVER: 'https://b.example' })).toBe(
      'https://b.example',
    )
    expect(serverOrigin(undefined, {})).toBe('http://localhost:5100')
    expect(() => serverOrigin('ftp://a.example', {})).toThrow('http or https')
    expect(() => serverOrigin('nope', {})).toThrow('--server')
  })
})

describe('chooseLocale', () => {
  it('spells the locale as the app ships it, whatever BCP 47 tag names it', () => {
    expect(chooseLocale('DE')).toBe('de')
    expect(chooseLocale('pt-br')).toBe('pt-BR')
    expect(chooseLocale('de-AT')).toBe('de')
    expect(chooseLocale('zh-Hant')).toBe('zh-TW')
    expect(chooseLocale('zh-HK')).toBe('zh-TW')
    expect(chooseLocale('nb')).toBe('no')
    expect(chooseLocale('pt-AO')).toBe('pt-PT')
  })

  it('refuses a tag the app has no language for, naming the shipped ones', () => {
    expect(() => chooseLocale('sw')).toThrow('shipped: ar, bg')
    expect(() => chooseLocale('tlh')).toThrow('"tlh"')
    expect(() => chooseLocale('../x')).toThrow('--locale')
  })
})

describe('pushIdOf', () => {
  it('takes a bare id or any link to the push', () => {
    const id = 'aVVQpqaEyy336LR7fahDhQ'
    expect(pushIdOf(id)).toBe(id)
    expect(pushIdOf(`https://h/p/${id}#secret`)).toBe(id)
    expect(pushIdOf(`https://h/de/p/${id}`)).toBe(id)
    expect(pushIdOf('short')).toBeNull()
  })
})
