// The CLI and the browser share one protocol: what one seals, the other opens (via src/lib/api).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../src/lib/api/client'
import { fetchMetadata, openLink, pushSealed, revealSealed } from '../src/lib/api/push-flow'
import { buildLink, parseLink } from '../src/lib/link'
import { pushLink, runCli, startCliServer, type CliServer } from './test-harness'

let server: CliServer
beforeAll(async () => {
  server = await startCliServer()
})
afterAll(() => server.close())

/** What the recipient page does with a link: parse, read metadata, reveal, open. */
async function revealAsBrowser(link: string, passphrase?: string) {
  const parsed = parseLink(link)!
  const api = createApiClient(parsed.origin)
  const opened = await openLink(parsed.id, parsed.secret)
  const meta = await fetchMetadata(api, opened)
  if (!meta.ok) throw new Error(meta.error.message)
  return revealSealed(api, opened, meta.data, passphrase)
}

describe('CLI push → browser reveal', () => {
  it('opens text, URL and QR pushes', async () => {
    const text = await revealAsBrowser(await pushLink(server, ['from the CLI ✓']))
    expect(text).toMatchObject({
      ok: true,
      content: { v: 1, kind: 'text', text: 'from the CLI ✓' },
    })
    const url = await revealAsBrowser(
      await pushLink(server, ['--kind', 'url', 'https://example.org/']),
    )
    expect(url).toMatchObject({ ok: true, content: { kind: 'url', url: 'https://example.org/' } })
    const qr = await revealAsBrowser(await pushLink(server, ['--kind', 'qr', 'WIFI:S:x;;']))
    expect(qr).toMatchObject({ ok: true, content: { kind: 'qr', text: 'WIFI:S:x;;' } })
  })

  it('opens a passphrase push with the same passphrase', async () => {
    const link = await pushLink(server, ['guarded', '--passphrase'], {
      env: { HUSHLINK_PASSPHRASE: 'ünïcode pass' },
    })
    expect(await revealAsBrowser(link, 'wrong')).toMatchObject({ ok: false, status: 403 })
    // NFKC: the browser may send a decomposed spelling of the same passphrase.
    const outcome = await revealAsBrowser(link, 'u\u0308nïcode pass')
    expect(outcome).toMatchObject({ ok: true, content: { text: 'guarded' } })
  })
})

describe('browser push → CLI reveal', () => {
  const api = () => createApiClient(server.origin)

  it('reveals text with its locale prefix, and a passphrase push', async () => {
    const plain = await pushSealed(
      api(),
      { v: 1, kind: 'text', text: 'from the browser' },
      { locale: 'en' },
    )
    if (!plain.ok) throw new Error(plain.error.message)
    const link = buildLink(server.origin, plain.data.id, plain.data.secret, 'en')
    expect(await runCli(server, ['reveal', link])).toMatchObject({
      code: 0,
      stdout: 'from the browser\n',
    })

    const guarded = await pushSealed(
      api(),
      { v: 1, kind: 'text', text: 'browser secret' },
      { passphrase: 'pw' },
    )
    if (!guarded.ok) throw new Error(guarded.error.message)
    const guardedLink = buildLink(server.origin, guarded.data.id, guarded.data.secret)
    const reveal = await runCli(server, ['reveal', guardedLink], { typed: ['pw'] })
    expect(reveal).toMatchObject({ code: 0, stdout: 'browser secret\n', prompts: ['Passphrase: '] })
  })
})
