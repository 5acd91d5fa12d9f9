import { describe, expect, it } from 'vitest'
import { matchLocale, textDirection } from './match-locale'

describe('matchLocale', () => {
  const available = ['de', 'en', 'pt-BR', 'zh-CN']

  it('prefers an exact match, ignoring case', () => {
    expect(matchLocale(['pt-br'], available)).toBe('pt-BR')
  })

  it('falls back to the same base language in either direction', () => {
    expect(matchLocale(['de-AT'], available)).toBe('de')
    expect(matchLocale(['pt'], available)).toBe('pt-BR')
  })

  it('walks the wanted list in order and returns null when nothing fits', () => {
    expect(matchLocale(['fr', 'zh-CN', 'de'], available)).toBe('zh-CN')
    expect(matchLocale(['fr', 'ja'], available)).toBeNull()
  })
})

describe('textDirection', () => {
  it('is rtl for Arabic, Hebrew, Persian and Urdu only', () => {
    expect(['ar', 'he-IL', 'fa', 'ur'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl'])
    expect(textDirection('de')).toBe('ltr')
  })
})
