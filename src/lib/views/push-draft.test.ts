import { describe, expect, it } from 'vitest'
import { sealContent } from '$lib/crypto'
import { DEFAULT_LIMITS } from '$lib/protocol'
import { draftContent, draftProblem, emptyDraft, sealedTextBytes } from './push-draft'

const limits = { ...DEFAULT_LIMITS }

describe('draftProblem', () => {
  it('asks for a secret first, and accepts the defaults once there is one', () => {
    expect(draftProblem(emptyDraft(), limits)).toBe('emptySecret')
    expect(draftProblem({ ...emptyDraft(), secret: '   ' }, limits)).toBe('emptySecret')
    expect(draftProblem({ ...emptyDraft(), secret: 'hunter2' }, limits)).toBeNull()
  })

  it('rejects views outside the bounds or not whole', () => {
    const draft = { ...emptyDraft(), secret: 's' }
    for (const views of [0, 101, 2.5, Number.NaN]) {
      expect(draftProblem({ ...draft, views }, limits)).toBe('invalidViews')
    }
  })

  it('rejects an expiry outside the bounds or left empty', () => {
    const draft = { ...emptyDraft(), secret: 's' }
    for (const seconds of [59, 91 * 86_400, Number.NaN]) {
      expect(draftProblem({ ...draft, seconds }, limits)).toBe('invalidExpiry')
    }
  })
})

describe('sealedTextBytes', () => {
  it('predicts the exact ciphertext length of sealContent', async () => {
    const key = new Uint8Array(32)
    for (const size of [0, 1, 200, 4000, 5000, 70_000, 300_000]) {
      const text = 'é'.repeat(size / 2) + 'x'.repeat(size % 2)
      const sealed = await sealContent({ v: 1, kind: 'text', text }, key)
      expect(sealedTextBytes(text), `size ${size}`).toBe(sealed.length)
    }
  })

  it('stops a secret too large for the server before it is encrypted', () => {
    const small = { ...limits, maxTextCiphertextBytes: 4096 }
    expect(draftProblem({ ...emptyDraft(), secret: 'x'.repeat(3000) }, small)).toBeNull()
    expect(draftProblem({ ...emptyDraft(), secret: 'x'.repeat(4100) }, small)).toBe('tooLarge')
  })
})

describe('link and QR drafts', () => {
  it('accept only http(s) links and QR texts up to 1024 characters', () => {
    const url = { ...emptyDraft(), kind: 'url' as const }
    expect(draftProblem({ ...url, secret: 'javascript:alert(1)' }, limits)).toBe('invalidUrl')
    expect(draftProblem({ ...url, secret: 'example.org' }, limits)).toBe('invalidUrl')
    expect(draftProblem({ ...url, secret: ' https://example.org/x ' }, limits)).toBeNull()
    const qr = { ...emptyDraft(), kind: 'qr' as const }
    expect(draftProblem({ ...qr, secret: '🐎'.repeat(1024) }, limits)).toBeNull()
    expect(draftProblem({ ...qr, secret: 'x'.repeat(1025) }, limits)).toBe('qrTooLong')
  })

  it('seal as their kind, a link without surrounding spaces', () => {
    expect(draftContent({ kind: 'url', secret: ' https://example.org/ ' })).toEqual({
      v: 1,
      kind: 'url',
      url: 'https://example.org/',
    })
    expect(draftContent({ kind: 'qr', secret: 'W' })).toEqual({ v: 1, kind: 'qr', text: 'W' })
    expect(draftContent({ kind: 'text', secret: ' t ' })).toEqual({
      v: 1,
      kind: 'text',
      text: ' t ',
    })
  })

  it('a file draft asks for files, not text', () => {
    expect(draftProblem({ ...emptyDraft(), kind: 'file' }, limits)).toBe('noFiles')
  })
})
