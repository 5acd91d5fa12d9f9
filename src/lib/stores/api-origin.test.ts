import { describe, expect, it, vi } from 'vitest'
import { isApiOrigin, loadApiOrigin, readsRuntimeConfig, RUNTIME_CONFIG_PATH } from './api-origin'

const BUILD = 'https://api.build.example'

function serving(body: string, contentType = 'application/json', status = 200) {
  return vi.fn(
    async () => new Response(body, { status, headers: { 'Content-Type': contentType } }),
  ) as unknown as typeof fetch
}

describe('loadApiOrigin', () => {
  it('takes apiOrigin from the runtime config file', async () => {
    const fetchImpl = serving(JSON.stringify({ apiOrigin: 'https://api.example.com' }))
    expect(await loadApiOrigin(fetchImpl, BUILD)).toBe('https://api.example.com')
    expect(fetchImpl).toHaveBeenCalledWith(
      RUNTIME_CONFIG_PATH,
      expect.objectContaining({ credentials: 'omit' }),
    )
  })

  it('lets the file say "same origin" with an empty string', async () => {
    expect(await loadApiOrigin(serving('{"apiOrigin":""}'), BUILD)).toBe('')
  })

  it('keeps the build origin when there is no usable file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const cases = [
      serving('not found', 'text/plain', 404),
      serving('<!doctype html><html></html>', 'text/html'), // a host's SPA fallback
      serving('{ broken'),
      serving('{}'),
      serving('{"apiOrigin":"https://api.example.com/v1"}'),
      serving('{"apiOrigin":"javascript:alert(1)"}'),
      vi.fn(async () => {
        throw new TypeError('offline')
      }) as unknown as typeof fetch,
    ]
    for (const fetchImpl of cases) expect(await loadApiOrigin(fetchImpl, BUILD)).toBe(BUILD)
    warn.mockRestore()
  })
})

describe('readsRuntimeConfig', () => {
  it('is off unless the build allows other API origins (PUBLIC_CONNECT_SRC)', () => {
    expect(readsRuntimeConfig(undefined)).toBe(false)
    expect(readsRuntimeConfig('')).toBe(false)
    expect(readsRuntimeConfig('  ')).toBe(false)
    expect(readsRuntimeConfig('https:')).toBe(true)
    expect(readsRuntimeConfig('https://api.example.com')).toBe(true)
  })
})

describe('isApiOrigin', () => {
  it.each(['', 'https://api.example.com', 'http://127.0.0.1:5401'])('accepts %j', (value) => {
    expect(isApiOrigin(value)).toBe(true)
  })
  it.each([
    'https://api.example.com/',
    'api.example.com',
    'ftp://x.org',
    'HTTPS://API.example.com',
    null,
    42,
  ])('refuses %j', (value) => expect(isApiOrigin(value)).toBe(false))
})
