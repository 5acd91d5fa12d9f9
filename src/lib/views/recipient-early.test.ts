import { afterEach, describe, expect, it, vi } from 'vitest'
import { EARLY_METADATA } from './recipient-early-handoff'

const ID = 'A'.repeat(22)
const KEY = Buffer.alloc(32, 7).toString('base64url') // a well-formed key

/** Runs the early script on `path#hash`; what it fetched and what it asked the page to load. */
async function runEarly(path: string, hash: string) {
  const fetched: { url: string; headers: Record<string, string> }[] = []
  const preloaded: string[] = []
  vi.stubGlobal('location', { pathname: path, hash })
  vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' })
  vi.stubGlobal('localStorage', { getItem: () => null })
  vi.stubGlobal('__HUSHLINK_LOCALE_CHUNKS__', { en: 'chunks/en.js', de: 'chunks/de.js' })
  vi.stubGlobal('document', {
    createElement: () => ({}),
    head: { appendChild: (link: { href: string }) => preloaded.push(link.href) },
  })
  vi.stubGlobal('fetch', async (url: string, init: { headers: Record<string, string> }) => {
    fetched.push({ url, headers: init.headers })
    return new Response('{}', { status: 200 })
  })
  vi.resetModules()
  await import('./recipient-early')
  await new Promise((settled) => setTimeout(settled, 0)) // the request is sent a turn later
  return { fetched, preloaded }
}

describe('the recipient early script', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[EARLY_METADATA]
    vi.unstubAllGlobals()
  })

  it('asks for the metadata with the link token, never the key, and preloads the messages', async () => {
    const { fetched, preloaded } = await runEarly(`/de/p/${ID}`, `#${KEY}`)
    expect(fetched.map((f) => f.url)).toEqual([`/api/pushes/${ID}`])
    expect(fetched[0].headers['X-Link-Token']).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(JSON.stringify(fetched)).not.toContain(KEY)
    expect(preloaded).toEqual(['/chunks/de.js', '/chunks/en.js'])
    expect(EARLY_METADATA in globalThis).toBe(true)
  })

  it('asks nothing for an id or a key the app would not accept', async () => {
    for (const [path, hash] of [
      [`/p/${ID}x`, `#${KEY}`],
      [`/p/${ID.slice(1)}%2F`, `#${KEY}`],
      [`/p/${ID}`, `#${KEY.slice(1)}`],
      [`/p/${ID}`, `#${KEY.slice(1)}=`],
      [`/p/${ID}`, ''],
      [`/r/${ID}`, `#${KEY}`],
    ]) {
      const { fetched } = await runEarly(path, hash)
      expect(fetched, `${path}${hash}`).toEqual([])
      expect(EARLY_METADATA in globalThis, `${path}${hash}`).toBe(false)
    }
  })
})
