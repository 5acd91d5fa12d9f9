import { describe, expect, it } from 'vitest'
import { durationMessage, remainingMessage } from './duration'

describe('durationMessage', () => {
  it('names each expiry preset in its natural unit', () => {
    expect(durationMessage(3600)).toEqual({ id: 'duration.hours', values: { count: 1 } })
    expect(durationMessage(86_400)).toEqual({ id: 'duration.days', values: { count: 1 } })
    expect(durationMessage(30 * 86_400)).toEqual({ id: 'duration.days', values: { count: 30 } })
  })

  it('falls back to hours, then whole minutes', () => {
    expect(durationMessage(36 * 3600)).toEqual({ id: 'duration.hours', values: { count: 36 } })
    expect(durationMessage(90 * 60)).toEqual({ id: 'duration.minutes', values: { count: 90 } })
    expect(durationMessage(60)).toEqual({ id: 'duration.minutes', values: { count: 1 } })
  })
})

describe('remainingMessage', () => {
  it('rounds time left to the nearest unit, and uses the smaller unit below two of a kind', () => {
    expect(remainingMessage(7 * 86_400 - 30)).toEqual({ id: 'duration.days', values: { count: 7 } })
    expect(remainingMessage(2 * 86_400 - 1)).toEqual({
      id: 'duration.hours',
      values: { count: 48 },
    })
    expect(remainingMessage(7199)).toEqual({ id: 'duration.minutes', values: { count: 120 } })
    expect(remainingMessage(5)).toEqual({ id: 'duration.minutes', values: { count: 1 } })
  })
})
