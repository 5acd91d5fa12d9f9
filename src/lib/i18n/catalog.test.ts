import { describe, expect, it } from 'vitest'
import {
  compareKeys,
  flattenMessages,
  parseMessage,
  placeholderNames,
  pluralProblems,
} from './catalog'

describe('flattenMessages', () => {
  it('turns nested objects into dotted keys and rejects non-string leaves', () => {
    expect(flattenMessages({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual({
      'a.b': 'x',
      'a.c.d': 'y',
      e: 'z',
    })
    expect(() => flattenMessages({ a: { b: 1 } })).toThrow('a.b')
  })
})

describe('compareKeys', () => {
  it('lists what the target lacks and what it has on top', () => {
    expect(compareKeys({ a: '', b: '' }, { b: '', c: '' })).toEqual({
      missing: ['a'],
      extra: ['c'],
    })
  })
})

describe('placeholderNames', () => {
  it('collects arguments inside plurals and tags, but not # or text', () => {
    const ast = parseMessage(
      '{n, plural, one {# of {total}} other {<b>{who}</b>}} {at, date, medium}',
      'en',
    )
    expect(placeholderNames(ast)).toEqual(['<b>', 'at', 'n', 'total', 'who'])
  })

  it('sees an argument disappear when an apostrophe quotes it', () => {
    expect(placeholderNames(parseMessage("l'{duration}", 'fr'))).toEqual([])
  })

  it('rejects broken ICU syntax and plurals without "other"', () => {
    expect(() => parseMessage('{count, plural, one {# day}', 'en')).toThrow()
    expect(() => parseMessage('{count, plural, one {# day}}', 'en')).toThrow('MISSING_OTHER_CLAUSE')
  })
})

describe('pluralProblems', () => {
  const problems = (message: string, locale: string) =>
    pluralProblems(parseMessage(message, locale), locale)

  it('accepts a plural with the categories of the language', () => {
    expect(problems('{n, plural, =0 {none} one {# day} other {# days}}', 'en')).toEqual([])
    expect(
      problems('{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}', 'ru'),
    ).toEqual([])
    expect(problems('{n, plural, other {#日}}', 'ja')).toEqual([])
  })

  it('flags a category the language lacks, and one that whole numbers need', () => {
    expect(problems('{n, plural, one {# Tag} few {# Tage} other {# Tage}}', 'de')).toEqual([
      'n: "few" is not a cardinal category of de',
    ])
    expect(problems('{n, plural, one {# день} other {# дней}}', 'ru')).toEqual([
      'n: no "many" case',
      'n: no "few" case',
    ])
  })
})
