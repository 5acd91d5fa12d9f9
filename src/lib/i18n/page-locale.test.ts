import { afterEach, describe, expect, it, vi } from 'vitest'
import { pageLocale, preferredLocale, SAVED_LOCALE_KEY } from './page-locale'

const SHIPPED = ['de', 'en', 'en-GB', 'fr', 'pt', 'pt-BR']

function browser(languages: string[], saved: string | null = null) {
  vi.stubGlobal('navigator', { languages, language: languages[0] })
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => (key === SAVED_LOCALE_KEY ? saved : null),
  })
}

describe('the page language before the app starts', () => {
  afterEach(() => void vi.unstubAllGlobals())

  it('takes a shipped URL prefix first, then the saved choice, then the browser, then English', () => {
    browser(['fr-CA', 'de'], 'de')
    expect(pageLocale('pt-BR', SHIPPED)).toBe('pt-BR')
    // A prefix in another spelling of a shipped locale, as the layout redirects it.
    expect(pageLocale('de-AT', SHIPPED)).toBe('de')
    expect(pageLocale('xx', SHIPPED)).toBe('de')
    expect(pageLocale(undefined, SHIPPED)).toBe('de')
    browser(['fr-CA', 'de'])
    expect(preferredLocale(SHIPPED)).toBe('fr')
    browser(['ja'])
    expect(preferredLocale(SHIPPED)).toBe('en')
  })

  it('ignores a saved choice this build lacks, and storage that throws', () => {
    browser(['pt-PT'], 'tlh')
    expect(preferredLocale(SHIPPED)).toBe('pt')
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('storage disabled')
      },
    })
    expect(preferredLocale(SHIPPED)).toBe('pt')
  })
})
