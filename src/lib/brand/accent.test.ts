import { describe, expect, it } from 'vitest'
import { accentFits, accentForTheme, accentProperties, contrast } from './accent'

describe('contrast', () => {
  it('is 21 for black on white and 1 for a colour on itself, either way round', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5)
    expect(contrast([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5)
    expect(contrast([11, 114, 133], [11, 114, 133])).toBe(1)
  })
})

describe('an operator accent', () => {
  it('is used in the light theme only when it is dark enough, and in the dark only when light enough', () => {
    // A deep teal: AA against white and behind white text, too dark for the dark theme.
    expect(accentFits([0x0b, 0x72, 0x85], 'light')).toBe(true)
    expect(accentFits([0x0b, 0x72, 0x85], 'dark')).toBe(false)
    // A pale yellow: the other way round.
    expect(accentFits([0xff, 0xe0, 0x66], 'light')).toBe(false)
    expect(accentFits([0xff, 0xe0, 0x66], 'dark')).toBe(true)
    // Mid grey fails both: white text on it and it on the dark page are both too faint.
    expect(accentFits([0x80, 0x80, 0x80], 'light')).toBe(false)
    expect(accentFits([0x80, 0x80, 0x80], 'dark')).toBe(false)
  })

  it('is kept as given in the theme it fits, and shaded until it fits in the other', () => {
    const teal = accentProperties('#0b7285', [0x0b, 0x72, 0x85])
    expect(teal['--brand-accent-light']).toBe('#0b7285')
    const dark = teal['--brand-accent-dark']
    const [r, g, b] = dark.match(/\d+/g)!.map(Number)
    expect(accentFits([r, g, b], 'dark')).toBe(true)
    // Lighter than the given teal, still teal: blue and green above red.
    expect(r).toBeGreaterThan(0x0b)
    expect(g).toBeGreaterThan(r)
    const yellow = accentProperties('#ffe066', [0xff, 0xe0, 0x66])
    expect(yellow['--brand-accent-dark']).toBe('#ffe066')
    expect(yellow['--brand-accent-light']).toMatch(/^rgb\(/)
  })

  it('always finds a shade: black and white are the ends of the search', () => {
    for (const rgb of [
      [0x80, 0x80, 0x80],
      [255, 255, 255],
      [0, 0, 0],
      [255, 0, 0],
    ] as const) {
      expect(accentForTheme(rgb, 'light'), String(rgb)).not.toBeNull()
      expect(accentForTheme(rgb, 'dark'), String(rgb)).not.toBeNull()
    }
    expect(Object.keys(accentProperties('#808080', [0x80, 0x80, 0x80]))).toHaveLength(6)
  })
})
