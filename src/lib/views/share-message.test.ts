import { describe, expect, it } from 'vitest'
import { mailtoHref, shareMessage, type FormatIn } from './share-message'

const LINK = 'https://hush.example.org/de/p/AAAAAAAAAAAAAAAAAAAAAA#' + 'A'.repeat(43)

// Stands in for svelte-i18n: says which locale and values each message was asked for.
const format: FormatIn = (id, { locale, values }) =>
  `${id}@${locale}${values ? JSON.stringify(values) : ''}`

describe('shareMessage', () => {
  const details = { link: LINK, views: 5, expiresAt: new Date('2030-12-10'), locale: 'de' }

  it('writes the instructions in the given locale, then the link on a line of its own', () => {
    const message = shareMessage(format, { ...details, passphrase: false })
    expect(message.subject).toBe('recipient.pageTitle@de')
    expect(message.body).toBe(
      `result.instructions@de{"views":5,"expiresAt":"2030-12-10T00:00:00.000Z"}\n\n${LINK}`,
    )
  })

  it('says a passphrase comes separately, and never carries one', () => {
    const message = shareMessage(format, { ...details, passphrase: true })
    expect(message.body).toContain('result.instructionsPassphrase@de')
    expect(message.body.endsWith(`\n\n${LINK}`)).toBe(true)
  })
})

describe('mailtoHref', () => {
  it('has no recipient, and encodes subject and body so the link survives whole', () => {
    const href = mailtoHref({ subject: 'Ein Geheimnis für dich', body: `Hier & da\n\n${LINK}` })
    expect(href.startsWith('mailto:?subject=')).toBe(true)
    const url = new URL(href)
    const params = new URLSearchParams(url.search)
    expect(params.get('subject')).toBe('Ein Geheimnis für dich')
    expect(params.get('body')).toBe(`Hier & da\r\n\r\n${LINK}`)
    // The fragment is part of the body, not of the mailto: URL.
    expect(url.hash).toBe('')
  })
})
