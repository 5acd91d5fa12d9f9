// If-None-Match against the ETags of the built app's files (static.ts).
import { describe, expect, it } from 'vitest'
import { matchesEtag } from './static'

describe('If-None-Match', () => {
  it('compares weakly, in lists, and takes *', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true)
    expect(matchesEtag('W/"a"', '"a"')).toBe(true)
    expect(matchesEtag('"b" , W/"a"', '"a"')).toBe(true)
    expect(matchesEtag('*', '"a"')).toBe(true)
    expect(matchesEtag('"b"', '"a"')).toBe(false)
    expect(matchesEtag('a', '"a"')).toBe(false)
    expect(matchesEtag('"a', '"a"')).toBe(false)
  })
})
