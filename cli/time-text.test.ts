import { describe, expect, it } from 'vitest'
import { localTime, relativeTime, whenText } from './time-text'

const NOW = Date.parse('2030-01-01T12:00:00Z')

describe('relativeTime', () => {
  it('says how far off a time is, in the largest whole unit', () => {
    expect(relativeTime('2030-01-08T12:00:00Z', { now: NOW })).toBe('in 7 days')
    expect(relativeTime('2030-01-07T11:00:00Z', { now: NOW })).toBe('in 6 days')
    expect(relativeTime('2030-01-02T12:00:00Z', { now: NOW })).toBe('tomorrow')
    expect(relativeTime('2030-01-01T15:00:00Z', { now: NOW })).toBe('in 3 hours')
    expect(relativeTime('2030-01-01T11:30:00Z', { now: NOW })).toBe('30 minutes ago')
    expect(relativeTime('2030-01-01T12:00:00Z', { now: NOW })).toBe('now')
    expect(relativeTime('2030-03-31T12:00:00Z', { now: NOW })).toBe('in 89 days')
    expect(relativeTime('2026-01-01T12:00:00Z', { now: NOW })).toBe('4 years ago')
  })
})

describe('localTime', () => {
  it('shows the time in the given (else the local) time zone, not UTC', () => {
    const options = { locale: 'en-US', timeZone: 'Europe/Berlin' }
    expect(localTime('2030-01-01T12:00:00Z', options)).toBe('Jan 1, 2030, 1:00:00 PM')
    expect(localTime('2030-01-01T12:00:00Z', { locale: 'en-US', timeZone: 'UTC' })).toBe(
      'Jan 1, 2030, 12:00:00 PM',
    )
  })

  it('puts both together', () => {
    expect(
      whenText('2030-01-08T12:00:00Z', { now: NOW, locale: 'en-US', timeZone: 'Asia/Tokyo' }),
    ).toBe('Jan 8, 2030, 9:00:00 PM (in 7 days)')
  })
})
