import { describe, expect, it } from 'vitest'
import {
  CHARACTER_SETS,
  characterEntropyBits,
  generateCharacters,
  generateWords,
  wordEntropyBits,
  type CharacterOptions,
} from './password'
import { sodiumRandomBelow } from './random'
import { loadWordList } from './wordlist'

const allClasses: CharacterOptions = {
  length: 20,
  classes: { lowercase: true, uppercase: true, digits: true, symbols: true },
  avoidLookAlikes: false,
}

describe('generateCharacters', () => {
  it('has the asked length and at least one character of every chosen class', async () => {
    const random = await sodiumRandomBelow()
    for (let i = 0; i < 200; i++) {
      const password = generateCharacters({ ...allClasses, length: 8 }, random)
      expect(password).toHaveLength(8)
      for (const set of Object.values(CHARACTER_SETS)) {
        expect([...password].some((c) => set.includes(c))).toBe(true)
      }
    }
  })

  it('uses only the chosen classes and can leave out look-alikes', async () => {
    const random = await sodiumRandomBelow()
    const options: CharacterOptions = {
      length: 128,
      classes: { lowercase: false, uppercase: true, digits: true, symbols: false },
      avoidLookAlikes: true,
    }
    const password = generateCharacters(options, random)
    expect(password).toMatch(/^[A-HJ-NP-Z2-9]{128}$/)
  })

  it('redraws whole candidates instead of patching them (a fixed source shows the rejection)', () => {
    // First candidate "aaaaaaaa" lacks a digit and is thrown away; the second one has one.
    const draws = [...Array(8).fill(0), ...Array(7).fill(0), 26]
    const options: CharacterOptions = {
      length: 8,
      classes: { lowercase: true, uppercase: false, digits: true, symbols: false },
      avoidLookAlikes: false,
    }
    expect(generateCharacters(options, () => draws.shift()!)).toBe('aaaaaaa0')
  })

  it('spreads characters evenly (no modulo bias)', async () => {
    const random = await sodiumRandomBelow()
    const options: CharacterOptions = { ...allClasses, length: 128 }
    const counts = new Map<string, number>()
    for (let i = 0; i < 200; i++) {
      for (const c of generateCharacters(options, random)) counts.set(c, (counts.get(c) ?? 0) + 1)
    }
    const pool = Object.values(CHARACTER_SETS).join('').length
    const expected = (200 * 128) / pool
    expect(counts.size).toBe(pool)
    for (const count of counts.values())
      expect(Math.abs(count - expected)).toBeLessThan(expected * 0.4)
  })

  it('refuses an empty choice and reports entropy', () => {
    const none = {
      ...allClasses,
      classes: { lowercase: false, uppercase: false, digits: false, symbols: false },
    }
    expect(() => generateCharacters(none, () => 0)).toThrow(RangeError)
    expect(characterEntropyBits(none)).toBe(0)
    expect(characterEntropyBits(allClasses)).toBe(Math.floor(20 * Math.log2(76)))
  })
})

describe('generateWords', () => {
  it('joins the asked number of words with the separator', async () => {
    const words = await loadWordList()
    const random = await sodiumRandomBelow()
    const passphrase = generateWords(
      words,
      { count: 6, separator: '-', capitalize: false, addDigit: false },
      random,
    )
    const parts = passphrase.split('-')
    expect(parts).toHaveLength(6)
    for (const part of parts) expect(words).toContain(part)
  })

  it('capitalizes and adds one digit when asked', () => {
    const words = ['alpha', 'bravo', 'charlie']
    const draws = [0, 1, 2, 1, 7]
    const result = generateWords(
      words,
      { count: 3, separator: ' ', capitalize: true, addDigit: true },
      () => draws.shift()!,
    )
    expect(result).toBe('Alpha Bravo7 Charlie')
    expect(
      wordEntropyBits(2048, { count: 6, separator: '', capitalize: false, addDigit: false }),
    ).toBe(66)
  })
})

describe('the word list', () => {
  it('holds 2,048 distinct lowercase words', async () => {
    const words = await loadWordList()
    expect(words).toHaveLength(2048)
    expect(new Set(words).size).toBe(2048)
    for (const word of words) expect(word).toMatch(/^[a-z]{3,8}$/)
  })
})
