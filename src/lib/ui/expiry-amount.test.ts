import { describe, expect, it } from 'vitest'
import { amountOf, secondsOf } from './expiry-amount'

describe('expiry amounts', () => {
  it('name a lifetime in the largest whole unit', () => {
    expect(amountOf(60)).toEqual({ amount: 1, unit: 'minutes' })
    expect(amountOf(90 * 60)).toEqual({ amount: 90, unit: 'minutes' })
    expect(amountOf(3 * 3600)).toEqual({ amount: 3, unit: 'hours' })
    expect(amountOf(36 * 3600)).toEqual({ amount: 36, unit: 'hours' })
    expect(amountOf(7 * 86_400)).toEqual({ amount: 7, unit: 'days' })
  })

  it('turn back into the same seconds', () => {
    for (const seconds of [60, 5400, 10_800, 129_600, 604_800, 7_776_000])
      expect(secondsOf(amountOf(seconds))).toBe(seconds)
  })

  it('leave an empty or fractional amount as NaN, never a guess', () => {
    expect(secondsOf({ amount: Number.NaN, unit: 'days' })).toBeNaN()
    expect(secondsOf({ amount: 1.5, unit: 'hours' })).toBeNaN()
    expect(secondsOf({ amount: 30, unit: 'minutes' })).toBe(1800)
  })
})
