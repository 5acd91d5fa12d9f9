// Kept requests: what a saved list may hold, and merging an import without losing what is kept.
import { describe, expect, it } from 'vitest'
import {
  mergeKeptRequests,
  parseKeptRequest,
  parseStoredRequests,
  type KeptRequest,
} from './kept-request-entries'

const fragment = 'A'.repeat(85) + 'Q' // 64 bytes, canonical base64url

function kept(c: string, label = ''): KeptRequest {
  return { id: c.repeat(21) + 'A', label, fragment, expiresAt: '2030-02-01T00:00:00.000Z' }
}

describe('parseKeptRequest', () => {
  it('keeps only the known fields, with one spelling of the date', () => {
    expect(parseKeptRequest({ ...kept('a'), extra: 1, expiresAt: '2030-02-01T00:00:00Z' })).toEqual(
      kept('a'),
    )
  })
})

describe('parseStoredRequests', () => {
  it('drops broken entries and duplicates but keeps the good ones', () => {
    const text = JSON.stringify([kept('a'), { ...kept('b'), fragment: 'x' }, kept('a', 'again')])
    expect(parseStoredRequests(text)).toEqual([kept('a')])
    expect(parseStoredRequests('{')).toEqual([])
    expect(parseStoredRequests(null)).toEqual([])
  })
})

describe('mergeKeptRequests', () => {
  it('adds new requests and leaves those already kept exactly as they are', () => {
    const mine = { ...kept('a', 'mine'), fragment: 'B' + fragment.slice(1) }
    const result = mergeKeptRequests([mine], [kept('a', 'theirs'), kept('b')])
    expect(result).toEqual({ entries: [mine, kept('b')], added: 1, skipped: 1 })
  })
})
