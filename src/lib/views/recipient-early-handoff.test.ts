import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ApiResult } from '$lib/api/http'
import type { PushMetadata } from '$lib/protocol'
import {
  EARLY_METADATA,
  EARLY_SCRIPT,
  EARLY_SCRIPT_WAIT_MS,
  leaveEarlyMetadata,
  takeEarlyMetadata,
} from './recipient-early-handoff'

const holder = globalThis as Record<string, unknown>
const answer = { ok: true, status: 200, data: { id: 'push' } } as ApiResult<PushMetadata>

describe('the early metadata request, handed to the app', () => {
  afterEach(() => {
    delete holder[EARLY_METADATA]
    delete holder[EARLY_SCRIPT]
  })

  it('is taken once, for the same push and link token only', async () => {
    leaveEarlyMetadata({ id: 'push', linkToken: 'token', metadata: Promise.resolve(answer) })
    expect(await takeEarlyMetadata('other', 'token')).toBeNull()
    expect(await takeEarlyMetadata('push', 'other-token')).toBeNull()
    expect(await takeEarlyMetadata('push', 'token')).toBe(answer)
    // A second check (a retry) asks the server again.
    expect(await takeEarlyMetadata('push', 'token')).toBeNull()
  })

  it('waits for the early script to have run before saying there is none', async () => {
    let ran: () => void = () => {}
    holder[EARLY_SCRIPT] = new Promise<void>((resolve) => (ran = resolve))
    const taken = takeEarlyMetadata('push', 'token')
    leaveEarlyMetadata({ id: 'push', linkToken: 'token', metadata: Promise.resolve(answer) })
    ran()
    expect(await taken).toBe(answer)
  })

  it('waits for a stalled early script a few seconds at most, then lets the app ask', async () => {
    vi.useFakeTimers()
    try {
      holder[EARLY_SCRIPT] = new Promise(() => {}) // never loads
      const taken = takeEarlyMetadata('push', 'token')
      await vi.advanceTimersByTimeAsync(EARLY_SCRIPT_WAIT_MS)
      expect(await taken).toBeNull()
      // Only the first take waits.
      expect(EARLY_SCRIPT in holder).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('takes only what the early script itself left, not an element named like it', async () => {
    Object.setPrototypeOf(
      holder,
      Object.create(Object.getPrototypeOf(holder), {
        [EARLY_METADATA]: {
          value: { id: 'push', linkToken: 'token', metadata: Promise.resolve(answer) },
          configurable: true,
        },
      }),
    )
    try {
      expect(await takeEarlyMetadata('push', 'token')).toBeNull()
    } finally {
      Object.setPrototypeOf(holder, Object.getPrototypeOf(Object.getPrototypeOf(holder)))
    }
  })

  it('is none when the page never started the early script', async () => {
    expect(await takeEarlyMetadata('push', 'token')).toBeNull()
  })
})
