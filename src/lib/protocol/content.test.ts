// sealedContentOf: the one content check of the app's create form, its request answer form and
// the CLI's push and answer commands.
import { describe, expect, it } from 'vitest'
import { sealedContentOf } from './content'
import { QR_MAX_CHARACTERS, SEALED_KINDS } from './vocabulary'

describe('sealedContentOf', () => {
  it('refuses blank input of every kind, spaces and newlines included', () => {
    for (const kind of SEALED_KINDS) {
      for (const input of ['', ' ', '\n\t  \r\n', '\u00a0']) {
        expect(sealedContentOf(kind, input), `${kind} ${JSON.stringify(input)}`).toEqual({
          ok: false,
          problem: 'emptySecret',
        })
      }
    }
  })

  it('keeps text and QR text byte for byte, spaces around it included', () => {
    expect(sealedContentOf('text', ' hunter2\n')).toEqual({
      ok: true,
      content: { v: 1, kind: 'text', text: ' hunter2\n' },
    })
    expect(sealedContentOf('qr', 'WIFI:S:x;;')).toEqual({
      ok: true,
      content: { v: 1, kind: 'qr', text: 'WIFI:S:x;;' },
    })
  })

  it('trims a link and accepts only http(s)', () => {
    expect(sealedContentOf('url', ' https://example.org/x \n')).toEqual({
      ok: true,
      content: { v: 1, kind: 'url', url: 'https://example.org/x' },
    })
    expect(sealedContentOf('url', 'http://localhost:5100/').ok).toBe(true)
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'example.org', 'ftp://x.org/']) {
      expect(sealedContentOf('url', bad)).toEqual({ ok: false, problem: 'invalidUrl' })
    }
  })

  it('counts a QR text in characters, not bytes or UTF-16 units', () => {
    expect(sealedContentOf('qr', '🐎'.repeat(QR_MAX_CHARACTERS)).ok).toBe(true)
    expect(sealedContentOf('qr', 'x'.repeat(QR_MAX_CHARACTERS + 1))).toEqual({
      ok: false,
      problem: 'qrTooLong',
    })
    // Plain text has no such limit: only the ciphertext size bounds it.
    expect(sealedContentOf('text', 'x'.repeat(QR_MAX_CHARACTERS + 1)).ok).toBe(true)
  })
})
