import { describe, expect, it } from 'vitest'
import type { ApiErrorBody, PushMetadata } from '$lib/protocol'
import {
  revealsOnLoad,
  stateAfterMetadataFailure,
  stateAfterRevealFailure,
  stateForLink,
} from './recipient-state'

const meta: PushMetadata = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  kind: 'text',
  status: 'active',
  viewsRemaining: 1,
  expiresAt: '2030-01-01T00:00:00.000Z',
  retrievalStep: true,
  deletableByViewer: true,
  locale: null,
  size: 300,
  passphrase: { salt: 'AAAAAAAAAAAAAAAAAAAAAA', opslimit: 2, memlimit: 67108864 },
}

const failure = (status: number, error: ApiErrorBody, retryAfterSeconds?: number) => ({
  status,
  error,
  retryAfterSeconds,
})

describe('stateAfterMetadataFailure', () => {
  it('maps 404, 410, network and anything else to their own screens', () => {
    expect(stateAfterMetadataFailure(failure(404, { error: 'not_found', message: '' }))).toEqual({
      step: 'unknown',
    })
    expect(
      stateAfterMetadataFailure(failure(410, { error: 'ended', message: '', reason: 'locked' })),
    ).toEqual({
      step: 'ended',
      reason: 'locked',
    })
    expect(stateAfterMetadataFailure(failure(0, { error: 'network', message: '' }))).toEqual({
      step: 'unreachable',
    })
  })

  it('names the localized message of anything else, never the server text', () => {
    const limited = failure(429, { error: 'rate_limited', message: 'Slow down' }, 12)
    expect(stateAfterMetadataFailure(limited)).toEqual({
      step: 'failed',
      message: { id: 'errors.rate_limited', values: { seconds: 12 } },
    })
  })

  it('ignores an end reason the protocol does not define', () => {
    const error = { error: 'ended', message: '', reason: 'bogus' as never }
    expect(stateAfterMetadataFailure(failure(410, error))).toEqual({ step: 'ended', reason: null })
  })
})

describe('stateAfterRevealFailure', () => {
  it('keeps the form open with the attempts left after a wrong passphrase', () => {
    const state = stateAfterRevealFailure(
      meta,
      failure(403, { error: 'bad_passphrase', message: '', attemptsRemaining: 3 }),
    )
    expect(state).toMatchObject({
      step: 'ready',
      problem: { kind: 'badPassphrase', attemptsRemaining: 3 },
    })
  })

  it('shows the locked page after the wrong guess that used the last attempt', () => {
    const error = { error: 'bad_passphrase', message: '', attemptsRemaining: 0 }
    expect(stateAfterRevealFailure(meta, failure(403, error))).toEqual({
      step: 'ended',
      reason: 'locked',
    })
  })

  it('keeps the form for network trouble and a busy server, but ends on 410', () => {
    expect(
      stateAfterRevealFailure(meta, failure(0, { error: 'network', message: '' })),
    ).toMatchObject({
      step: 'ready',
      problem: { kind: 'failed', message: { id: 'errors.network' } },
    })
    expect(
      stateAfterRevealFailure(meta, failure(503, { error: 'busy', message: 'Many downloads' })),
    ).toMatchObject({
      step: 'ready',
      problem: { kind: 'failed', message: { id: 'errors.busy' } },
    })
    expect(
      stateAfterRevealFailure(meta, failure(410, { error: 'ended', message: '', reason: 'views' })),
    ).toEqual({
      step: 'ended',
      reason: 'views',
    })
  })
})

describe('stateForLink', () => {
  it('tells an unknown id from a missing or damaged key', () => {
    expect(stateForLink('not-an-id', 'A'.repeat(43))).toEqual({ step: 'unknown' })
    expect(stateForLink(meta.id, '')).toEqual({ step: 'wrongLink' })
    expect(stateForLink(meta.id, 'A'.repeat(40))).toEqual({ step: 'wrongLink' })
    expect(stateForLink(meta.id, 'A'.repeat(43))).toBeNull()
  })
})

describe('revealsOnLoad', () => {
  it('reveals at once only when the sender turned the retrieval step off and set no passphrase', () => {
    expect(revealsOnLoad({ retrievalStep: true, passphrase: null })).toBe(false)
    expect(revealsOnLoad({ retrievalStep: false, passphrase: null })).toBe(true)
    expect(revealsOnLoad({ retrievalStep: false, passphrase: meta.passphrase })).toBe(false)
  })
})
