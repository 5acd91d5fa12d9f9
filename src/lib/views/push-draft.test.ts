import { describe, expect, it } from 'vitest'
import { sealContent } from '$lib/crypto'
import { DEFAULT_LIMITS } from '$lib/protocol'
import {
  draftContent,
  draftProblem,
  draftProblems,
  emptyDraft,
  sealedTextBytes,
} from './push-draft'

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
    const qr = { ...emptyDraft(), kind: 'qr' as const, qrMode: 'text' as const }
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

describe('the passphrase', () => {
  const draft = { ...emptyDraft(), secret: 's', passphrase: 'correct horse' }

  it('must be typed twice alike while it is masked', () => {
    expect(draftProblem(draft, limits)).toBe('passphraseMismatch')
    expect(draftProblem({ ...draft, passphraseConfirm: 'correct hose' }, limits)).toBe(
      'passphraseMismatch',
    )
    expect(draftProblem({ ...draft, passphraseConfirm: 'correct horse' }, limits)).toBeNull()
  })

  it('needs no confirmation once shown in clear, nor when there is none', () => {
    expect(draftProblem({ ...draft, passphraseShown: true }, limits)).toBeNull()
    expect(draftProblem({ ...emptyDraft(), secret: 's' }, limits)).toBeNull()
  })
})

describe('a Wi-Fi QR draft', () => {
  const wifi = { ...emptyDraft(), kind: 'qr' as const, qrMode: 'wifi' as const }
  const network = { ssid: 'Home; 5G', password: 'p:w', security: 'WPA' as const, hidden: true }

  it('seals the join code its fields build, not the free text', () => {
    const draft = { ...wifi, secret: 'ignored', wifi: network }
    expect(draftProblem(draft, limits)).toBeNull()
    expect(draftContent(draft)).toEqual({
      v: 1,
      kind: 'qr',
      text: 'WIFI:T:WPA;S:Home\\; 5G;P:p\\:w;H:true;;',
    })
  })

  it('names the field that is missing: the network, or the password of a secured one', () => {
    expect(draftProblems(wifi, limits)).toEqual({
      wifiName: 'wifiNoName',
      wifiPassword: 'wifiNoPassword',
    })
    const open = { ...network, security: 'nopass' as const, password: '' }
    expect(draftProblems({ ...wifi, wifi: open }, limits)).toEqual({})
    const long = { ...network, password: 'x'.repeat(1100) }
    expect(draftProblems({ ...wifi, wifi: long }, limits)).toEqual({ content: 'qrTooLong' })
  })
})

describe('draftProblems', () => {
  it('reports every field at once, so each shows its own error', () => {
    const draft = { ...emptyDraft(), views: 0, seconds: 10, passphrase: 'a' }
    expect(draftProblems(draft, limits)).toEqual({
      content: 'emptySecret',
      views: 'invalidViews',
      expiry: 'invalidExpiry',
      passphrase: 'passphraseMismatch',
    })
  })
})
