import { describe, expect, it } from 'vitest'
import {
  mergeEntries,
  parseEntry,
  parseExport,
  parseStoredEntries,
  serializeExport,
  type DashboardEntry,
} from './dashboard-entries'
import type { KeptRequest } from './kept-request-entries'

// The last character carries 4 spare bits, which canonical base64url leaves at zero.
const id = (c: string) => c.repeat(21) + 'A'
const token = 'T'.repeat(43)
// private key ‖ owner token: 64 bytes, canonical base64url
const fragment = 'A'.repeat(85) + 'Q'

function kept(c: string, label = 'Wi-Fi'): KeptRequest {
  return { id: id(c), label, fragment, expiresAt: '2030-02-01T00:00:00.000Z' }
}

function entry(c: string, extra: Partial<DashboardEntry> = {}): DashboardEntry {
  return {
    id: id(c),
    ownerToken: token,
    label: '',
    kind: 'text',
    createdAt: `2030-01-0${c === 'a' ? 1 : 2}T00:00:00.000Z`,
    expiresAt: '2030-02-01T00:00:00.000Z',
    expireAfterViews: 5,
    locale: null,
    ...extra,
  }
}

describe('parseEntry', () => {
  it('keeps a well-formed entry and only its known fields', () => {
    expect(parseEntry({ ...entry('a'), secret: 'no', extra: 1 })).toEqual(entry('a'))
  })

  it('rejects bad ids, tokens, kinds, dates, counts and labels', () => {
    expect(parseEntry({ ...entry('a'), id: 'short' })).toBeNull()
    expect(parseEntry({ ...entry('a'), ownerToken: 'x' })).toBeNull()
    expect(parseEntry({ ...entry('a'), kind: 'html' })).toBeNull()
    expect(parseEntry({ ...entry('a'), createdAt: 'yesterday' })).toBeNull()
    expect(parseEntry({ ...entry('a'), expireAfterViews: 1.5 })).toBeNull()
    expect(parseEntry({ ...entry('a'), label: 'x'.repeat(201) })).toBeNull()
    expect(parseEntry({ ...entry('a'), locale: '<script>' })).toBeNull()
    expect(parseEntry('text')).toBeNull()
    expect(parseEntry(null)).toBeNull()
  })

  it('accepts a remembered link only if it is a secret link to the same push', () => {
    const link = `https://example.org/p/${id('a')}#${'k'.repeat(43)}`
    expect(parseEntry({ ...entry('a'), link })?.link).toBe(link)
    expect(
      parseEntry({ ...entry('a'), link: `https://example.org/p/${id('b')}#${'k'.repeat(43)}` }),
    ).toBeNull()
    expect(parseEntry({ ...entry('a'), link: 'javascript:alert(1)' })).toBeNull()
  })
})

describe('export and import', () => {
  it('round-trips', () => {
    const list = [entry('a', { label: 'Wi-Fi' }), entry('b')]
    expect(parseExport(serializeExport({ pushes: list, requests: [] }))).toEqual({
      pushes: list,
      requests: [],
    })
  })

  it('carries the kept requests, private key included', () => {
    const file = { pushes: [entry('a')], requests: [kept('r', 'VPN'), kept('s', '')] }
    const text = serializeExport(file)
    expect(JSON.parse(text).requests[0].fragment).toBe(fragment)
    expect(parseExport(text)).toEqual(file)
  })

  it('reads a file from before requests travelled', () => {
    const old = { format: 'hushlink-dashboard', version: 1, pushes: [entry('a')] }
    expect(parseExport(JSON.stringify(old))).toEqual({ pushes: [entry('a')], requests: [] })
  })

  it('refuses the whole file when one kept request is bad', () => {
    const file = (requests: unknown) =>
      JSON.stringify({ format: 'hushlink-dashboard', version: 1, pushes: [entry('a')], requests })
    expect(parseExport(file([kept('r')]))).not.toBeNull()
    for (const bad of [
      { ...kept('r'), fragment: fragment.slice(1) }, // cut short
      { ...kept('r'), fragment: fragment.slice(0, 85) + 'B' }, // not canonical
      { ...kept('r'), fragment: 'A'.repeat(43) }, // a public key, not a private link's
      { ...kept('r'), id: '../../api' },
      { ...kept('r'), label: 'x'.repeat(201) },
      { ...kept('r'), label: 7 },
      { ...kept('r'), expiresAt: 'soon' },
      'text',
      null,
    ]) {
      expect(parseExport(file([kept('s'), bad])), JSON.stringify(bad)).toBeNull()
    }
    expect(parseExport(file({ 0: kept('r') }))).toBeNull()
    expect(parseExport(file(null))).toBeNull()
  })

  it('refuses files that are not our export, or hold a bad entry', () => {
    expect(parseExport('not json')).toBeNull()
    expect(parseExport(JSON.stringify([entry('a')]))).toBeNull()
    expect(parseExport(JSON.stringify({ format: 'other', version: 1, pushes: [] }))).toBeNull()
    const bad = { format: 'hushlink-dashboard', version: 1, pushes: [entry('a'), { id: 1 }] }
    expect(parseExport(JSON.stringify(bad))).toBeNull()
  })

  it('drops broken stored entries but keeps the good ones', () => {
    expect(parseStoredEntries(JSON.stringify([entry('a'), { nope: true }, entry('a')]))).toEqual([
      entry('a'),
    ])
    expect(parseStoredEntries('{')).toEqual([])
    expect(parseStoredEntries(null)).toEqual([])
  })
})

describe('mergeEntries', () => {
  it('adds new pushes, skips known ones, newest first', () => {
    const result = mergeEntries([entry('a')], [entry('a'), entry('b')])
    expect(result.added).toBe(1)
    expect(result.skipped).toBe(1)
    expect(result.entries.map((e) => e.id)).toEqual([id('b'), id('a')])
  })

  it('keeps the local label but fills in what is missing', () => {
    const link = `https://example.org/p/${id('a')}#${'k'.repeat(43)}`
    const merged = mergeEntries(
      [entry('a', { label: 'mine' })],
      [entry('a', { label: 'theirs', link })],
    )
    expect(merged.entries[0]).toMatchObject({ label: 'mine', link })
  })
})
