// The notification e-mail in every shipped language, and what reaches the locale files: only a
// shipped code is ever read, whatever the database holds.
import { describe, expect, it, vi } from 'vitest'
import { SHIPPED_LOCALES, type ShippedLocale } from '../../src/lib/i18n/shipped-locales'
import { mailMessage } from './mail-message'
import { createMailWords, mailWords, type MailWords } from './mail-words'
import type { Notice } from './payload'

const notice = (over: Partial<Notice> = {}): Notice => ({
  deliveryId: '0123456789abcdef0123456789abcdef',
  pushId: 'XFTxWZIDx30gUEN-NCD52w',
  pushKind: 'file',
  event: 'viewed',
  reason: null,
  at: Date.UTC(2030, 0, 31, 12, 34, 56),
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 <script>alert(1)</script> {count}',
  count: 1,
  ...over,
})

const NOTICES = [
  notice(),
  notice({ event: 'failed_view', reason: 'bad_passphrase', count: 1 }),
  notice({ event: 'failed_view', reason: 'bad_link', count: 7 }),
  notice({ event: 'ended', reason: 'locked', pushKind: 'qr' }),
  notice({ event: 'ended', reason: 'a-reason-from-later', ip: null, userAgent: null }),
]

const render = (n: Notice, words: MailWords) =>
  mailMessage(n, 'https://h.example/dashboard/x', 'https://h.example/dashboard', 'h.example', words)

describe('the e-mail in every shipped locale', () => {
  it.each(SHIPPED_LOCALES)('%s: renders every notice whole, in its own words', async (code) => {
    const words = await mailWords(code)
    const english = await mailWords(null)
    expect(words.locale).toBe(code)
    for (const n of NOTICES) {
      const mail = render(n, words)
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part, `${code} ${n.event}`).not.toMatch(/[{}]/) // no placeholder left unreplaced
        expect(part).not.toContain('<script>')
      }
      expect(mail.html).toContain(`lang="${code}" dir="${words.dir}"`)
      expect(mail.headers['Content-Language']).toBe(code)
      expect(mail.text).toContain(n.pushId)
      if (!code.startsWith('en')) expect(mail.subject).not.toBe(render(n, english).subject)
    }
  })

  it('tells in German, with the UTC time as a German reader writes it', async () => {
    const mail = render(
      notice({ event: 'failed_view', reason: 'bad_link', count: 3 }),
      await mailWords('de'),
    )
    expect(mail.subject).toBe(
      'Hushlink: 3 fehlgeschlagene Versuche, eines Ihrer Geheimnisse zu öffnen (falscher Link)',
    )
    expect(mail.text).toContain('Art: Datei')
    expect(mail.text).toContain('Zeitpunkt: 31.01.2030, 12:34:56 UTC')
    expect(mail.text).toContain('Ändern Sie das in Ihrer Übersicht: https://h.example/dashboard')
  })

  it('runs right to left in Arabic and Hebrew, each value in its own direction', async () => {
    for (const code of ['ar', 'he'] as const) {
      const mail = render(notice(), await mailWords(code))
      expect(mail.html).toContain('dir="rtl"')
      expect(mail.html).toContain('<td dir="auto">203.0.113.7</td>')
    }
  })
})

describe('the locale files read for mail', () => {
  it('reads only shipped codes, once each; anything else is English without a read', async () => {
    const read = vi.fn(async (code: ShippedLocale) => JSON.stringify({ mail: { viewed: code } }))
    const wordsFor = createMailWords(read)
    for (const saved of ['../../package', '/etc/passwd', 'de/../../x', 'x'.repeat(10_000), 'zz']) {
      expect((await wordsFor(saved)).locale).toBe('en')
    }
    expect(read).not.toHaveBeenCalled()
    expect((await wordsFor('de')).t('mail.viewed')).toBe('de')
    // Another spelling is not what GET /api/me/notifications reports either: English.
    expect((await wordsFor('de-AT')).locale).toBe('en')
    expect((await wordsFor(null)).t('mail.viewed')).toBe('One of your secrets was opened')
    expect(read.mock.calls).toEqual([['de']]) // English is the server's own, never read
  })

  it('falls back to English for a file that cannot be read, and tries it again later', async () => {
    const read = vi.fn<(code: ShippedLocale) => Promise<string>>()
    read.mockRejectedValueOnce(new Error('ENOENT')).mockResolvedValueOnce('{"mail":{"ended":"x"}}')
    const warn = vi.fn()
    const wordsFor = createMailWords(read, warn)
    expect((await wordsFor('fr')).locale).toBe('en')
    expect(warn.mock.calls.map(([code]) => code)).toEqual(['fr'])
    expect((await wordsFor('fr')).t('mail.ended')).toBe('x')
    expect(read).toHaveBeenCalledTimes(2)
  })

  it('says once per locale that its file is unreadable, however many mails fall back', async () => {
    const warn = vi.fn()
    const wordsFor = createMailWords(() => Promise.reject(new Error('EACCES')), warn)
    for (let i = 0; i < 3; i++) expect((await wordsFor('sv')).locale).toBe('en')
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('says in English what a locale lacks or cannot format', async () => {
    const wordsFor = createMailWords(async () => '{"mail":{"viewed":"{broken"}}')
    const words = await wordsFor('it')
    expect(words.t('mail.viewed')).toBe('One of your secrets was opened')
    expect(words.t('mail.ended')).toBe('One of your secrets ended')
    // A key no locale has is shown as it is rather than read as a message.
    expect(words.has('kinds.bogus')).toBe(false)
    expect(words.t('kinds.{bogus')).toBe('kinds.{bogus')
  })
})
