import { describe, expect, it } from 'vitest'
import { formatBytes } from './byte-size'

describe('formatBytes', () => {
  it('spells out small sizes in bytes, never "0 kB"', () => {
    expect(formatBytes(46, 'en')).toBe('46 bytes')
    expect(formatBytes(1, 'en')).toBe('1 byte')
    expect(formatBytes(0, 'en')).toBe('0 bytes')
    expect(formatBytes(1023, 'en')).toBe('1,023 bytes')
  })

  it('uses binary units, so the server limits read as set', () => {
    expect(formatBytes(52_428_800, 'en')).toBe('50\u00a0MiB')
    expect(formatBytes(1_048_576, 'en')).toBe('1\u00a0MiB')
    expect(formatBytes(1536, 'en')).toBe('1.5\u00a0KiB')
    expect(formatBytes(2 ** 30, 'en')).toBe('1\u00a0GiB')
    expect(formatBytes(150 * 2 ** 20 + 123_456, 'en')).toBe('150\u00a0MiB')
  })

  it('moves to the next unit instead of showing 1024 of one', () => {
    expect(formatBytes(2 ** 20 - 1, 'en')).toBe('1\u00a0MiB')
    expect(formatBytes(1023.96 * 1024, 'en')).toBe('1\u00a0MiB')
  })

  it("writes numbers in the locale's way, with the label it is given", () => {
    expect(formatBytes(1536, 'de')).toBe('1,5\u00a0KiB')
    expect(formatBytes(46, 'de')).toBe('46 Byte')
    expect(formatBytes(1536, 'fr', (unit, amount) => `${amount} ${unit.replace('B', 'o')}`)).toBe(
      '1,5 Kio',
    )
    expect(formatBytes(46, 'ar')).toBe('46 بايت')
  })
})
