// The metadata request of recipient-early.ts, handed to the app: the early script starts it before
// the app's own scripts have arrived, and the recipient page takes it over once, for the same push
// and link token only. No key is kept here: the link token is what the page sends anyway.
import type { ApiResult } from '$lib/api/http'
import type { PushMetadata } from '$lib/protocol'

export interface EarlyMetadata {
  id: string
  linkToken: string
  metadata: Promise<ApiResult<PushMetadata>>
}

/** The global the early script leaves its request under. */
export const EARLY_METADATA = '__hushlinkEarlyMetadata'
/**
 * The global index.html's inline script sets when it starts the early script: a promise that
 * settles once that script has run (or failed to load). The app waits for it (up to
 * EARLY_SCRIPT_WAIT_MS) before it asks itself, so the metadata is not asked twice however the two
 * scripts' downloads race.
 */
export const EARLY_SCRIPT = '__hushlinkEarlyScript'

/** How long the app waits for the early script before it asks itself. */
export const EARLY_SCRIPT_WAIT_MS = 3000

type WithEarly = typeof globalThis & {
  [EARLY_METADATA]?: EarlyMetadata
  [EARLY_SCRIPT]?: Promise<unknown>
}

export function leaveEarlyMetadata(early: EarlyMetadata): void {
  ;(globalThis as WithEarly)[EARLY_METADATA] = early
}

/** The early answer for this push and token, once; null when there is none or it is another's. */
export async function takeEarlyMetadata(
  id: string,
  linkToken: string,
): Promise<ApiResult<PushMetadata> | null> {
  const holder = globalThis as WithEarly
  // Waited for once, and not for ever: a download that stalls must not hold the page.
  const script = holder[EARLY_SCRIPT]
  delete holder[EARLY_SCRIPT]
  if (script) await Promise.race([script, new Promise((r) => setTimeout(r, EARLY_SCRIPT_WAIT_MS))])
  if (!Object.hasOwn(holder, EARLY_METADATA)) return null
  const early = holder[EARLY_METADATA]
  if (typeof early?.id !== 'string' || early.id !== id || early.linkToken !== linkToken) return null
  delete holder[EARLY_METADATA]
  return early.metadata
}
