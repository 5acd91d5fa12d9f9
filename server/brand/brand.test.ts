import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serverConfig } from '../../src/lib/protocol/meta'
import { ConfigError, loadConfig } from '../config'
import { startTestApp } from '../testing/test-support'
import { LOGO_MAX_BYTES } from './brand-config'
import { SVG_LOGO_CSP } from './routes'

const dir = mkdtempSync(join(tmpdir(), 'hushlink-brand-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const SVG =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>'
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const WEBP = new Uint8Array([...Buffer.from('RIFF'), 4, 0, 0, 0, ...Buffer.from('WEBPVP8 ')])

describe('branding settings', () => {
  it('are all null when unset', () => {
    expect(loadConfig({}).brand).toEqual({
      name: null,
      logo: null,
      accent: null,
      imprintUrl: null,
      privacyUrl: null,
    })
  })

  it('take CSS colours in the strict forms only', () => {
    for (const good of [
      '#0b7285',
      '#abc',
      'rgb(11 114 133)',
      'rgb(11, 114, 133)',
      'hsl(190 85% 28%)',
      'hsl(190deg, 85%, 28%)',
      'oklch(0.55 0.15 200)',
      'oklch(55% 0.15 200deg)',
    ]) {
      expect(loadConfig({ HUSHLINK_BRAND_ACCENT: good }).brand.accent, good).toBe(good)
    }
    for (const bad of [
      'red',
      '#12345',
      '#1234567',
      'rgb(1 2 3); background: url(https://evil.example)',
      'rgb(1 2 3 / 0.1)',
      'var(--text)',
      'url(x)',
      'expression(alert(1))',
      '#fff}body{display:none',
      'hsl(1 2% 3%',
    ]) {
      expect(() => loadConfig({ HUSHLINK_BRAND_ACCENT: bad }), bad).toThrow(ConfigError)
    }
    expect(() => loadConfig({ HUSHLINK_BRAND_ACCENT: 'red' })).toThrow(/HUSHLINK_BRAND_ACCENT/)
  })

  it('take https imprint and privacy URLs only', () => {
    const brand = loadConfig({
      HUSHLINK_IMPRINT_URL: 'https://acme.example/imprint',
      HUSHLINK_PRIVACY_URL: 'https://acme.example/privacy',
    }).brand
    expect([brand.imprintUrl, brand.privacyUrl]).toEqual([
      'https://acme.example/imprint',
      'https://acme.example/privacy',
    ])
    for (const bad of [
      'http://acme.example/imprint',
      'javascript:alert(1)',
      '/imprint',
      'https://u:p@acme.example/',
    ]) {
      expect(() => loadConfig({ HUSHLINK_IMPRINT_URL: bad }), bad).toThrow(/HUSHLINK_IMPRINT_URL/)
      expect(() => loadConfig({ HUSHLINK_PRIVACY_URL: bad }), bad).toThrow(/HUSHLINK_PRIVACY_URL/)
    }
  })

  it('refuse a brand name that is too long or not plain text', () => {
    expect(loadConfig({ HUSHLINK_BRAND_NAME: ' Acme ' }).brand.name).toBe('Acme')
    for (const bad of ['x'.repeat(41), 'Ac\nme', 'Acme \u202eTI']) {
      expect(() => loadConfig({ HUSHLINK_BRAND_NAME: bad })).toThrow(/HUSHLINK_BRAND_NAME/)
    }
  })

  it('read an SVG, PNG or WebP logo by its bytes, not its name', () => {
    const logo = (path: string) => loadConfig({ HUSHLINK_BRAND_LOGO: path }).brand.logo
    expect(logo(file('a.png', SVG))?.contentType).toBe('image/svg+xml')
    expect(logo(file('a.svg', PNG))?.contentType).toBe('image/png')
    expect(logo(file('a.bin', WEBP))?.contentType).toBe('image/webp')
    expect(
      logo(file('b.svg', '\uFEFF<!-- mark -->\n<svg viewBox="0 0 1 1"></svg>'))?.contentType,
    ).toBe('image/svg+xml')
  })

  it('refuse a missing, oversized or non-image logo file at start-up', () => {
    const bad = (path: string) => () => loadConfig({ HUSHLINK_BRAND_LOGO: path })
    expect(bad(join(dir, 'missing.svg'))).toThrow(/HUSHLINK_BRAND_LOGO: cannot read/)
    expect(bad(dir)).toThrow(ConfigError)
    const big = `<svg>${' '.repeat(LOGO_MAX_BYTES)}</svg>`
    expect(bad(file('big.svg', big))).toThrow(/at most 256 KiB/)
    expect(bad(file('page.svg', '<html><script>alert(1)</script></html>'))).toThrow(
      /SVG, PNG or WebP/,
    )
    expect(bad(file('gif.png', 'GIF89a....'))).toThrow(/SVG, PNG or WebP/)
    expect(bad(file('bin.svg', new Uint8Array([0xff, 0xfe, 0x3c, 0x73])))).toThrow(
      /SVG, PNG or WebP/,
    )
  })
})

describe('GET /brand/logo', () => {
  it('is 404 when no logo is set, and GET /api/config says so', async () => {
    const t = await startTestApp()
    const res = await t.app.request('/brand/logo')
    expect(res.status).toBe(404)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const config = serverConfig.parse(await (await t.app.request('/api/config')).json())
    expect(config.brand).toEqual({
      name: null,
      logoUrl: null,
      accent: null,
      imprintUrl: null,
      privacyUrl: null,
    })
    await t.close()
  })

  it('serves an SVG with its type, nosniff, a CSP that runs nothing, and a strong ETag', async () => {
    const hostile = SVG.replace('</svg>', '<script>alert(1)</script></svg>')
    const t = await startTestApp({
      HUSHLINK_BRAND_LOGO: file('hostile.svg', hostile),
      HUSHLINK_BRAND_NAME: 'Acme',
      HUSHLINK_BRAND_ACCENT: '#0b7285',
      HUSHLINK_IMPRINT_URL: 'https://acme.example/imprint',
    })
    const res = await t.app.request('/brand/logo')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe(SVG_LOGO_CSP)
    expect(SVG_LOGO_CSP).toMatch(/default-src 'none'.*sandbox/)
    const etag = res.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]{20,}"$/)
    expect(await res.text()).toBe(hostile)
    const again = await t.app.request('/brand/logo', { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const config = serverConfig.parse(await (await t.app.request('/api/config')).json())
    expect(config.brand).toEqual({
      name: 'Acme',
      logoUrl: '/brand/logo',
      accent: '#0b7285',
      imprintUrl: 'https://acme.example/imprint',
      privacyUrl: null,
    })
    await t.close()
  })

  it('serves a PNG as a PNG, without the SVG policy', async () => {
    const t = await startTestApp({ HUSHLINK_BRAND_LOGO: file('logo.png', PNG) })
    const res = await t.app.request('/brand/logo')
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).not.toBe(SVG_LOGO_CSP)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG)
    await t.close()
  })
})
