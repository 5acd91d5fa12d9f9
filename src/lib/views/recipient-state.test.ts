import { describe, expect, it } from 'vitest'
import type { PushMetadata } from '$lib/protocol'
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

describe('stateAfterMetadataFailure', () => {
  it('maps 404, 410, network and anything else to their own screens', () => {
    expect(stateAfterMetadataFailure(404, { error: 'not_found', message: '' })).toEqual({
      step: 'unknown',
    })
    expect(
      stateAfterMetadataFailure(410, { error: 'ended', message: '', reason: 'locked' }),
    ).toEqual({
      step: 'ended',
      reason: 'locked',
    })
    expect(stateAfterMetadataFailure(0, { error: 'network', message: '' })).toEqual({
      step: 'unreachable',
    })
    expect(stateAfterMetadataFailure(429, { error: 'rate_limited', message: 'Slow down' })).toEqual(
      {
        step: 'failed',
        message: 'Slow down',
      },
    )
  })

  it('ignores an end reason the protocol does not define', () => {
    const error = { error: 'ended', message: '', reason: 'bogus' as never }
    expect(stateAfterMetadataFailure(410, error)).toEqual({ step: 'ended', reason: null })
  })
})

describe('stateAfterRevealFailure', () => {
  it('keeps the form open with the attempts left after a wrong passphrase', () => {
    const state = stateAfterRevealFailure(meta, 403, {
      error: 'bad_passphrase',
      message: '',
      attemptsRemaining: 3,
    })
    expect(state).toMatchObject({
      step: 'ready',
      problem: { kind: 'badPassphrase', attemptsRemaining: 3 },
    })
  })

  it('shows the locked page after the wrong guess that used the last attempt', () => {
    const error = { error: 'bad_passphrase', message: '', attemptsRemaining: 0 }
    expect(stateAfterRevealFailure(meta, 403, error)).toEqual({ step: 'ended', reason: 'locked' })
  })

  it('keeps the form for network trouble, but ends on 410', () => {
    expect(stateAfterRevealFailure(meta, 0, { error: 'network', message: '' })).toMatchObject({
      step: 'ready',
      problem: { kind: 'network' },
    })
    expect(
      stateAfterRevealFailure(meta, 410, { error: 'ended', message: '', reason: 'views' }),
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
