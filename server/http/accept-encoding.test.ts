import { describe, expect, it } from 'vitest'
import { acceptedEncodings, chooseEncoding } from './accept-encoding'

describe('Accept-Encoding', () => {
  it('picks brotli, then gzip, then the bytes as they are', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(chooseEncoding('gzip;q=1.0, br;q=0.1')).toBe('br')
    expect(chooseEncoding('gzip')).toBe('gzip')
    expect(chooseEncoding('x-gzip')).toBe('gzip')
    expect(chooseEncoding('deflate')).toBe('identity')
    expect(chooseEncoding(undefined)).toBe('identity')
    expect(chooseEncoding('')).toBe('identity')
  })

  it('honours q=0 and the wildcard', () => {
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('br; q=0 , gzip; q=0.0')).toBe('identity')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*;q=0')).toBe('identity')
    expect(chooseEncoding('*, br;q=0')).toBe('gzip')
    expect(chooseEncoding('identity')).toBe('identity')
    expect(chooseEncoding('br;q=nonsense, gzip')).toBe('gzip')
  })

  it('remembers at most a bounded number of spellings', () => {
    for (let i = 0; i < 1000; i++) acceptedEncodings(`gzip;q=0.${i % 10}, x${i}`)
    expect(acceptedEncodings('gzip, br')).toEqual({ br: true, gzip: true })
  })
})
