import { describe, expect, it } from 'vitest'
import type { ApiErrorBody, PushMetadata } from '$lib/protocol'
import {
  openedMarkOf,
  readyNoteOf,
  revealsOnLoad,
  stateAfterMetadataFailure,
  stateAfterRevealFailure,
  stateForLink,
  type RevealProblem,
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

describe('a reload after the key was wiped', () => {
  const id = 'AAAAAAAAAAAAAAAAAAAAAA'
  const key = 'A'.repeat(43)

  it('says the secret was already shown here, or only offered, when this tab opened it', () => {
    expect(stateForLink(id, '', 'revealed')).toEqual({ step: 'alreadyOpened', revealed: true })
    expect(stateForLink(id, '', 'offered')).toEqual({ step: 'alreadyOpened', revealed: false })
  })

  it('is still an incomplete link when this tab never opened it, or the key is damaged', () => {
    expect(stateForLink(id, '', null)).toEqual({ step: 'wrongLink' })
    expect(stateForLink(id, 'truncated', 'revealed')).toEqual({ step: 'wrongLink' })
    expect(stateForLink('bad', '', 'revealed')).toEqual({ step: 'unknown' })
    expect(stateForLink(id, key, 'revealed')).toBeNull() // the link pasted again opens as usual
  })

  it('is remembered from the screens that wipe a key, and from no other', () => {
    const shown = {
      viewsRemaining: 1,
      expiresAt: '',
      deletableByViewer: false,
      burn: 'idle',
    } as const
    expect(openedMarkOf({ step: 'ready', meta, revealing: false, problem: null })).toBe('offered')
    expect(
      openedMarkOf({ step: 'revealed', content: { v: 1, kind: 'text', text: 'x' }, ...shown }),
    ).toBe('revealed')
    expect(openedMarkOf({ step: 'revealedFiles', files: [], ...shown })).toBe('revealed')
    for (const step of ['loading', 'unknown', 'wrongLink', 'unreachable'] as const) {
      expect(openedMarkOf({ step })).toBeNull()
    }
    expect(openedMarkOf({ step: 'ended', reason: 'views' })).toBeNull()
  })
})

describe('readyNoteOf', () => {
  const ready = (revealing: boolean, problem: RevealProblem | null) =>
    ({ step: 'ready', meta, revealing, problem }) as const

  it('says "still sealed" only while nothing counts down and nothing is being opened', () => {
    expect(readyNoteOf(ready(false, null))).toBe('sealed')
    expect(readyNoteOf(ready(false, { kind: 'passphraseRequired' }))).toBe('sealed')
    expect(
      readyNoteOf(ready(false, { kind: 'failed', message: { id: 'errors.unexpected' } })),
    ).toBe('sealed')
  })

  it('never claims nothing is used while wrong passphrases count towards the lock', () => {
    expect(readyNoteOf(ready(false, { kind: 'badPassphrase', attemptsRemaining: 1 }))).toBe(
      'attemptsCount',
    )
  })

  it('says a view is being used while the reveal or a file download runs', () => {
    expect(readyNoteOf(ready(true, null))).toBe('opening')
    // The wrong guess before does not outlive the next try.
    expect(readyNoteOf(ready(true, { kind: 'badPassphrase', attemptsRemaining: 1 }))).toBe(
      'opening',
    )
  })

  it('follows the transitions: a wrong passphrase, then the next try', () => {
    const failed = stateAfterRevealFailure(
      meta,
      failure(403, { error: 'bad_passphrase', message: '', attemptsRemaining: 1 }),
    )
    expect(failed.step === 'ready' && readyNoteOf(failed)).toBe('attemptsCount')
    const locked = stateAfterRevealFailure(
      meta,
      failure(403, { error: 'bad_passphrase', message: '', attemptsRemaining: 0 }),
    )
    expect(locked).toEqual({ step: 'ended', reason: 'locked' })
  })
})
