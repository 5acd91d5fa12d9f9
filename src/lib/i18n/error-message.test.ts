import { describe, expect, it } from 'vitest'
import { errorMessage, formatError } from './error-message'

const failure = (status: number, error: string, extra: object = {}) => ({
  status,
  error: { error, message: 'English from the server', ...extra },
})

describe('errorMessage', () => {
  it('names the message of the code, never the server text', () => {
    expect(errorMessage(failure(404, 'not_found'))).toEqual({ id: 'errors.not_found' })
    expect(errorMessage(failure(408, 'upload_expired'))).toEqual({ id: 'errors.upload_expired' })
    expect(errorMessage(failure(410, 'closed', { reason: 'time' }))).toEqual({
      id: 'errors.closed',
    })
  })

  it('passes the attempts left and the wait the server asked for', () => {
    expect(errorMessage(failure(403, 'bad_passphrase', { attemptsRemaining: 2 }))).toEqual({
      id: 'errors.bad_passphrase',
      values: { attempts: 2 },
    })
    expect(errorMessage({ ...failure(429, 'rate_limited'), retryAfterSeconds: 30 })).toEqual({
      id: 'errors.rate_limited',
      values: { seconds: 30 },
    })
    expect(errorMessage(failure(429, 'rate_limited'))).toEqual({
      id: 'errors.rate_limited',
      values: { seconds: 0 },
    })
    expect(errorMessage({ ...failure(429, 'too_many_downloads'), retryAfterSeconds: 5 })).toEqual({
      id: 'errors.too_many_downloads',
      values: { seconds: 5 },
    })
    expect(errorMessage({ ...failure(429, 'quota_exceeded'), retryAfterSeconds: 900 })).toEqual({
      id: 'errors.quota_exceeded',
    })
  })

  it('says the server could not be reached when there was no answer', () => {
    expect(errorMessage(failure(0, 'network'))).toEqual({ id: 'errors.network' })
  })

  it('reads an unknown code by its status, then by its class', () => {
    expect(errorMessage(failure(404, 'no_such_thing'))).toEqual({ id: 'errors.not_found' })
    expect(errorMessage(failure(429, 'http_429'))).toEqual({
      id: 'errors.rate_limited',
      values: { seconds: 0 },
    })
    expect(errorMessage(failure(502, 'http_502'))).toEqual({ id: 'errors.internal' })
    expect(errorMessage(failure(418, 'teapot'))).toEqual({ id: 'errors.rejected' })
    expect(errorMessage(failure(302, 'http_302'))).toEqual({ id: 'errors.unexpected' })
  })

  it('does not take a code from the prototype of an object', () => {
    expect(errorMessage(failure(400, 'constructor'))).toEqual({ id: 'errors.invalid_input' })
  })
})

describe('formatError', () => {
  it('translates the message with its values', () => {
    const translate = (id: string, options?: { values: Record<string, number> }) =>
      `${id}${options ? JSON.stringify(options.values) : ''}`
    expect(formatError(failure(403, 'bad_passphrase', { attemptsRemaining: 1 }), translate)).toBe(
      'errors.bad_passphrase{"attempts":1}',
    )
    expect(formatError(failure(503, 'busy'), translate)).toBe('errors.busy')
  })
})
