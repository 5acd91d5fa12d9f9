import { describe, expect, it } from 'vitest'
import {
  planPreloads,
  recipientPreloadScript,
  routeNodes,
  sha256Source,
  withPreloads,
  type ViteManifest,
} from './recipient-preload'
import { buildsEarlyRequest, localeChunks } from './recipient-early'

const node = (i: number) => `kit/nodes/${i}.js`
const manifest: ViteManifest = {
  [node(0)]: { file: '_app/nodes/0.js', imports: ['_shared.js'] },
  [node(1)]: { file: '_app/nodes/1.js', imports: ['_shared.js', '_sodium.js'] },
  [node(3)]: { file: '_app/nodes/3.js', imports: ['_recipient.js'] },
  [node(6)]: { file: '_app/nodes/6.js', imports: ['_recipient.js'] },
  '_shared.js': { file: '_app/chunks/shared.js' },
  '_sodium.js': { file: '_app/chunks/sodium.js', assets: ['_app/assets/libsodium.x.wasm'] },
  '_recipient.js': {
    file: '_app/chunks/recipient.js',
    imports: ['_sodium.js'],
    css: ['_app/assets/recipient.css'],
  },
}
const nodes = routeNodes(`export const dictionary = {
		"/": [2],
		"/p/[id]": [6],
		"/[locale=locale]/p/[id]": [3],
	};`)
const html = `<head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-kit='; style-src 'self'">
		<link href="/_app/nodes/0.js" rel="modulepreload">
		<link href="/_app/chunks/shared.js" rel="modulepreload">
		<link href="/_app/assets/0.css" rel="stylesheet">
</head>`

describe('recipient preloads', () => {
  const plan = planPreloads(manifest, nodes, html, node)

  it('preloads the error page for every page, the recipient’s files for its paths only', () => {
    expect(plan.everyPage).toEqual(['_app/nodes/1.js', '_app/chunks/sodium.js'])
    expect(plan.recipient.sort()).toEqual([
      '_app/assets/libsodium.x.wasm',
      '_app/assets/recipient.css',
      '_app/chunks/recipient.js',
      '_app/nodes/3.js',
      '_app/nodes/6.js',
    ])
  })

  it('puts the script before the stylesheet and its hash in script-src', () => {
    const script = recipientPreloadScript(plan.recipient, () => 'sha384-abc')
    const out = withPreloads(html, plan, script)
    expect(out.indexOf(`<script>${script}</script>`)).toBeLessThan(out.indexOf('stylesheet'))
    expect(out.indexOf('/_app/nodes/1.js')).toBeGreaterThan(out.indexOf('/_app/chunks/shared.js'))
    expect(out).toContain(`script-src 'self' 'sha256-kit=' ${sha256Source(script)};`)
    expect(script).toContain('["preload","/_app/assets/libsodium.x.wasm","fetch","sha384-abc"]')
  })

  it('runs only on recipient paths', () => {
    const links: string[] = []
    const script = recipientPreloadScript(['_app/chunks/recipient.js'], () => '')
    for (const pathname of ['/p/abc', '/de/p/abc', '/', '/dashboard', '/p/abc/x', '/r/abc']) {
      const document = {
        createElement: () => ({}),
        head: { appendChild: (l: { href: string }) => links.push(`${pathname} ${l.href}`) },
      }
      new Function('location', 'document', script)({ pathname }, document)
    }
    expect(links).toEqual([
      '/p/abc /_app/chunks/recipient.js',
      '/de/p/abc /_app/chunks/recipient.js',
    ])
  })

  it('starts the early script first on recipient paths, and says when it has run', () => {
    const added: { pathname: string; tag: Record<string, unknown> }[] = []
    const script = recipientPreloadScript(
      ['_app/chunks/recipient.js'],
      () => '',
      '_app/chunks/early.js',
    )
    for (const pathname of ['/p/abc', '/']) {
      const window: Record<string, unknown> = {}
      const document = {
        createElement: (name: string) => ({ name }),
        head: { appendChild: (tag: Record<string, unknown>) => added.push({ pathname, tag }) },
      }
      new Function('location', 'document', 'window', script)({ pathname }, document, window)
      expect('__hushlinkEarlyScript' in window, pathname).toBe(pathname === '/p/abc')
    }
    expect(added.map(({ pathname }) => pathname)).toEqual(['/p/abc', '/p/abc'])
    const [early, preload] = added.map(({ tag }) => tag)
    expect(early).toMatchObject({
      name: 'script',
      type: 'module',
      fetchPriority: 'high',
      src: '/_app/chunks/early.js',
    })
    expect(early.onload).toBeTypeOf('function')
    expect(early.onerror).toBe(early.onload)
    expect(preload).toMatchObject({ rel: 'modulepreload', href: '/_app/chunks/recipient.js' })
  })

  it('fails the build when the page has no CSP to add the hash to', () => {
    const noCsp = html.replace(/<meta[^>]*>/, '')
    expect(() => withPreloads(noCsp, plan, 'x')).toThrow(/CSP/)
  })
})

describe('the early script of a build', () => {
  it('knows where each locale’s messages are', () => {
    expect(
      localeChunks({
        'locales/de.json': { file: '_app/immutable/chunks/a.js' },
        'locales/pt-BR.json': { file: '_app/immutable/chunks/b.js' },
        'src/routes/+page.svelte': { file: '_app/immutable/nodes/2.js' },
      }),
    ).toEqual({ de: '_app/immutable/chunks/a.js', 'pt-BR': '_app/immutable/chunks/b.js' })
  })

  it('is built only when the API is the page’s own origin', () => {
    expect(buildsEarlyRequest({})).toBe(true)
    expect(buildsEarlyRequest({ PUBLIC_API_ORIGIN: 'https://api.example.org' })).toBe(false)
    expect(buildsEarlyRequest({ PUBLIC_CONNECT_SRC: 'https://api.example.org' })).toBe(false)
    expect(buildsEarlyRequest({ PUBLIC_API_ORIGIN: ' ' })).toBe(true)
  })
})
