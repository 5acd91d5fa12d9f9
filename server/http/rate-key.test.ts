// The rate-limit key of an address: every spelling of one address shares it, and two IPv6
// addresses share it exactly when their first 64 bits match (one subscriber's /64).
import { isIP } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ipv6Groups } from './client-ip'
import { rateKeyOf } from './rate-limit'

interface Spelling {
  pad: boolean[]
  upper: boolean
  dotted: boolean
  /** Which run of zero groups "::" replaces (if any has zeros), and how much of it. */
  zeroRun: number | null
  runLength: number
  zone: string | null
}

const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }))
const groups = fc.array(group, { minLength: 8, maxLength: 8 })
const spelling: fc.Arbitrary<Spelling> = fc.record({
  pad: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  upper: fc.boolean(),
  dotted: fc.boolean(),
  zeroRun: fc.option(fc.nat(7)),
  runLength: fc.integer({ min: 1, max: 8 }),
  zone: fc.option(fc.constantFrom('eth0', '1', 'en0')),
})

const isMapped = (g: number[]) => g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff

/** `g` written the way `s` says: any of the spellings RFC 4291 allows. */
function spell(g: number[], s: Spelling): string {
  const hex = g.map((x, i) => {
    const text = s.pad[i] ? x.toString(16).padStart(4, '0') : x.toString(16)
    return s.upper ? text.toUpperCase() : text
  })
  const words = s.dotted
    ? [...hex.slice(0, 6), [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join('.')]
    : hex
  const compressible = s.dotted ? 6 : 8
  const zeros = [...Array(compressible).keys()].filter((i) => g[i] === 0)
  let text = words.join(':')
  if (s.zeroRun !== null && zeros.length > 0) {
    const start = zeros[s.zeroRun % zeros.length]
    let end = start + 1
    while (end < compressible && end - start < s.runLength && g[end] === 0) end++
    text = words.slice(0, start).join(':') + '::' + words.slice(end).join(':')
  }
  return s.zone ? `${text}%${s.zone}` : text
}

describe('ipv6Groups', () => {
  it('reads every spelling of an address as its eight groups', () => {
    fc.assert(
      fc.property(groups, spelling, (g, s) => {
        const text = spell(g, s)
        expect(isIP(text), text).toBe(6)
        expect(ipv6Groups(text), text).toEqual(g)
      }),
      { numRuns: 2000 },
    )
  })

  it('is null for what is not an IPv6 address', () => {
    for (const text of ['192.0.2.1', 'unknown', '', '1::2::3', '1:2:3:4:5:6:7:8:9'])
      expect(ipv6Groups(text)).toBeNull()
  })
})

describe('rateKeyOf', () => {
  it('separates /64s that differ after a "::" (the reported pair)', () => {
    expect(rateKeyOf('2001::5:1:2:3:4')).not.toBe(rateKeyOf('2001::6:1:2:3:4'))
    expect(rateKeyOf('2001::5:1:2:3:4')).toBe(rateKeyOf('2001:0000:0:5:ffff::1'))
  })

  it('gives all spellings of one address the same key', () => {
    fc.assert(
      fc.property(groups, spelling, spelling, (g, s1, s2) => {
        expect(rateKeyOf(spell(g, s1))).toBe(rateKeyOf(spell(g, s2)))
      }),
      { numRuns: 2000 },
    )
  })

  it('gives two IPv6 addresses the same key iff their first 64 bits match', () => {
    const pair = fc
      .tuple(groups, groups, fc.boolean())
      .map(([a, b, sharePrefix]) => [a, sharePrefix ? [...a.slice(0, 4), ...b.slice(4)] : b])
    fc.assert(
      fc.property(pair, spelling, spelling, ([a, b], s1, s2) => {
        fc.pre(!isMapped(a) && !isMapped(b))
        const samePrefix = a.slice(0, 4).every((x, i) => x === b[i])
        expect(rateKeyOf(spell(a, s1)) === rateKeyOf(spell(b, s2))).toBe(samePrefix)
      }),
      { numRuns: 2000 },
    )
  })

  it('keys an IPv4-mapped address, however spelled, as its IPv4 address', () => {
    const v4 = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }))
    fc.assert(
      fc.property(v4, spelling, ([hi, lo], s) => {
        const dotted = [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.')
        expect(rateKeyOf(spell([0, 0, 0, 0, 0, 0xffff, hi, lo], s))).toBe(dotted)
      }),
    )
  })
})
