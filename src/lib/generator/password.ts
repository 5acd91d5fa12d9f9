// Random passwords from character classes or from a word list, with a caller-supplied unbiased
// source of random integers (libsodium's randombytes_uniform in the app, see random.ts).

/** Returns a uniformly random integer in [0, upperBound), with no modulo bias. */
export type RandomBelow = (upperBound: number) => number

export const CHARACTER_SETS = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!#$%&*+-=?@^_~',
} as const

export type CharacterClass = keyof typeof CHARACTER_SETS
export const CHARACTER_CLASSES = Object.keys(CHARACTER_SETS) as CharacterClass[]

/** Characters that are easily mistaken for one another when read aloud or copied by hand. */
const LOOK_ALIKES = new Set('0Oo1lI|')

export const LENGTH_BOUNDS = { min: 8, max: 128, default: 20 } as const
export const WORD_COUNT_BOUNDS = { min: 3, max: 12, default: 6 } as const
export const WORD_SEPARATORS = ['-', ' ', '.', ''] as const

export interface CharacterOptions {
  length: number
  classes: Record<CharacterClass, boolean>
  avoidLookAlikes: boolean
}

export interface WordOptions {
  count: number
  separator: string
  capitalize: boolean
  addDigit: boolean
}

function alphabetOf(set: string, avoidLookAlikes: boolean): string[] {
  return [...set].filter((c) => !avoidLookAlikes || !LOOK_ALIKES.has(c))
}

function chosenAlphabets(options: CharacterOptions): string[][] {
  return CHARACTER_CLASSES.filter((name) => options.classes[name]).map((name) =>
    alphabetOf(CHARACTER_SETS[name], options.avoidLookAlikes),
  )
}

function clampInteger(value: number, bounds: { min: number; max: number; default: number }) {
  if (!Number.isFinite(value)) return bounds.default
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(value)))
}

/**
 * Uniform over every password of that length drawn from the chosen classes that holds at least one
 * character of each class: candidates are drawn whole and rejected, never patched (which would bias).
 */
export function generateCharacters(options: CharacterOptions, randomBelow: RandomBelow): string {
  const alphabets = chosenAlphabets(options)
  if (alphabets.length === 0) throw new RangeError('choose at least one character class')
  const length = clampInteger(options.length, LENGTH_BOUNDS)
  const pool = alphabets.flat()
  for (;;) {
    const chars = Array.from({ length }, () => pool[randomBelow(pool.length)])
    if (alphabets.every((alphabet) => chars.some((c) => alphabet.includes(c))))
      return chars.join('')
  }
}

/** Words picked independently and uniformly; the optional digit goes after a random word. */
export function generateWords(
  words: readonly string[],
  options: WordOptions,
  randomBelow: RandomBelow,
): string {
  if (words.length < 2) throw new RangeError('the word list is empty')
  const count = clampInteger(options.count, WORD_COUNT_BOUNDS)
  const picked = Array.from({ length: count }, () => {
    const word = words[randomBelow(words.length)]
    return options.capitalize ? word.charAt(0).toUpperCase() + word.slice(1) : word
  })
  if (options.addDigit) picked[randomBelow(count)] += String(randomBelow(10))
  return picked.join(options.separator)
}

/** Bits of randomness of a character password (an upper bound; the class rule removes a little). */
export function characterEntropyBits(options: CharacterOptions): number {
  const size = chosenAlphabets(options).flat().length
  return size === 0 ? 0 : Math.floor(clampInteger(options.length, LENGTH_BOUNDS) * Math.log2(size))
}

export function wordEntropyBits(wordListSize: number, options: WordOptions): number {
  const count = clampInteger(options.count, WORD_COUNT_BOUNDS)
  const digit = options.addDigit ? Math.log2(10 * count) : 0
  return Math.floor(count * Math.log2(wordListSize) + digit)
}
