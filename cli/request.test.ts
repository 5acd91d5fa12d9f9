// hushlink request / answer against a real listening server: ask, answer, read, closed, bad links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateRequestKeyPair, toBase64Url } from '../src/lib/crypto'
import { parseRequestLink } from '../src/lib/request-link'
import { tableRows } from '../server/testing/test-support'
import { runCli, startCliServer, type CliServer } from './test-harness'

let server: CliServer
beforeAll(async () => {
  server = await startCliServer()
})
afterAll(() => server.close())

async function ask(args: string[] = []): Promise<{ publicLink: string; privateLink: string }> {
  const made = await runCli(server, ['request', 'DB password for staging', ...args])
  expect(made.code, made.stderr).toBe(0)
  const [publicLink, privateLink] = made.stdout.trim().split('\n')
  return { publicLink, privateLink }
}

describe('hushlink request / answer', () => {
  it('asks, answers from the public link, and reads with the private link only', async () => {
    const { publicLink, privateLink } = await ask(['--answers', '2', '--views', '1'])
    expect(publicLink).toMatch(/\/request\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/)
    expect(privateLink).toMatch(/\/r\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{86}$/)

    const sent = await runCli(server, ['answer', publicLink, 's3cr3t'])
    expect(sent.code, sent.stderr).toBe(0)
    expect(sent.stderr).toContain('DB password for staging')
    const piped = await runCli(server, ['answer', publicLink], { stdin: 'second' })
    expect(piped.code, piped.stderr).toBe(0)

    const closed = await runCli(server, ['answer', publicLink, 'third'])
    expect(closed).toMatchObject({ code: 1 })
    expect(closed.stderr).toContain('all the answers')

    const read = await runCli(server, ['answer', privateLink])
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout).toBe('s3cr3t\nsecond\n')
    // One view each: they have ended now.
    const again = await runCli(server, ['answer', privateLink])
    expect(again.stdout).toBe('')
    expect(again.stderr).toContain('0 still readable')
  })

  it('refuses to answer when the public key was swapped in the database, and sends nothing', async () => {
    const { publicLink, privateLink } = await ask()
    const id = new URL(publicLink).pathname.split('/').pop()!
    const attacker = toBase64Url((await generateRequestKeyPair()).publicKey)
    await server.database.client.execute({
      sql: 'UPDATE requests SET public_key = ? WHERE id = ?',
      args: [attacker, id],
    })
    const pushesBefore = (await tableRows(server.database, 'pushes')).length

    const swapped = await runCli(server, ['answer', publicLink, 'for the requester only'])
    expect(swapped.code).toBe(1)
    expect(swapped.stderr).toContain('not the one in your link')
    expect(swapped.stderr).toContain('Do not answer')
    // An old link without the key cannot be checked: refused before anything is asked or sent.
    const unchecked = await runCli(server, ['answer', publicLink.replace(/#.*/, ''), 'x'])
    expect(unchecked.code).toBe(1)
    expect(unchecked.stderr).toContain('no key to check')

    expect((await tableRows(server.database, 'pushes')).length).toBe(pushesBefore)
    const read = await runCli(server, ['answer', privateLink])
    expect(read.stderr).toContain('0 answer(s)')
  })

  it('refuses a private link with a wrong key, and links that are not request links', async () => {
    const { privateLink } = await ask()
    const wrong = privateLink.replace(/#.*/, '#' + 'A'.repeat(86))
    expect((await runCli(server, ['answer', wrong])).code).toBe(1)
    expect((await runCli(server, ['answer', 'https://example.org/p/x'])).code).toBe(2)
    expect((await runCli(server, ['request'])).code).toBe(2)
    expect((await runCli(server, ['request', 'x', '--answers', '11'])).code).toBe(2)
  })

  it('refuses a blank answer before sending anything, as the app does', async () => {
    const { publicLink, privateLink } = await ask()
    const blank = await runCli(server, ['answer', publicLink, ' \n '])
    expect(blank.code).toBe(2)
    expect(blank.stderr).toContain('empty')
    expect((await runCli(server, ['answer', privateLink])).stderr).toContain('0 answer(s)')
  })

  it('parses request links strictly', () => {
    const id = 'A'.repeat(22)
    const key = 'A'.repeat(43)
    expect(parseRequestLink(`https://h.example/request/${id}#${key}`)).toEqual({
      kind: 'public',
      origin: 'https://h.example',
      id,
      publicKey: key,
    })
    // Without a key, or with one that is not 32 bytes, the link parses but cannot be checked.
    expect(parseRequestLink(`https://h.example/request/${id}`)).toMatchObject({ publicKey: null })
    expect(parseRequestLink(`https://h.example/request/${id}#B${key}`)).toMatchObject({
      publicKey: null,
    })
    expect(parseRequestLink(`https://h.example/r/${id}#${'A'.repeat(86)}`)?.kind).toBe('private')
    expect(parseRequestLink(`https://h.example/r/${id}#${'B'.repeat(86)}`)).toBeNull()
    expect(parseRequestLink(`https://h.example/r/${id}`)).toBeNull()
    expect(parseRequestLink(`javascript:alert(1)`)).toBeNull()
  })
})
