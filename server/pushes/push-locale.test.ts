// The locale of a push (pushLocale in src/lib/protocol/fields.ts): stored only as a shipped locale, other spellings refused with the right one.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import { SHIPPED_LOCALES } from '../../src/lib/i18n/shipped-locales'
import { startTestApp, type TestServer } from '../testing/test-support'

let t: TestServer
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

function createPush(locale: unknown) {
  const body = {
    kind: 'text',
    ciphertext: toBase64Url(Uint8Array.from([0x01, ...randomBytes(296)])),
    linkToken: toBase64Url(randomBytes(32)),
    locale,
  }
  return t.app.request('/api/pushes', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}

describe('POST /api/pushes with a locale', () => {
  it('stores every shipped locale as sent', async () => {
    for (const locale of SHIPPED_LOCALES) {
      const response = await createPush(locale)
      expect(response.status, locale).toBe(201)
      const { id } = (await response.json()) as { id: string }
      expect((await t.store.findPush(id))?.locale).toBe(locale)
    }
  })

  it.each([
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh', 'zh-CN'],
    ['nb', 'no'],
    ['nn', 'no'],
    ['DE', 'de'],
    ['pt', 'pt-BR'],
    ['pt-AO', 'pt-PT'],
    ['iw', 'he'],
  ])('refuses %s, naming the shipped %s to send instead', async (tag, shipped) => {
    const response = await createPush(tag)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'invalid_input',
      message: `locale: locale "${tag}" must be sent as the shipped "${shipped}"`,
    })
  })

  it.each(['sw', 'fr_FR', 'und', '../de', 'x'.repeat(100), 5])(
    'refuses %j, listing the shipped locales',
    async (locale) => {
      const response = await createPush(locale)
      expect(response.status).toBe(400)
      const { message } = (await response.json()) as { message: string }
      expect(message).toContain('one of the shipped locales: ar, bg,')
      expect(message).toContain('zh-TW')
    },
  )
})
