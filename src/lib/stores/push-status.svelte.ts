// Live status of dashboard pushes, read from GET /api/pushes/{id}/audit with each owner token.
import { errorMessage, type ErrorMessage } from '$lib/i18n/error-message'
import type { AuditResponse } from '$lib/protocol'
import { api } from './api'
import type { DashboardEntry } from './dashboard-entries'

export type PushStatus =
  | { state: 'checking'; audit?: AuditResponse }
  | { state: 'known'; audit: AuditResponse }
  /** The server has forgotten the push (its trail passed the retention period). */
  | { state: 'gone' }
  | { state: 'failed'; message: ErrorMessage; audit?: AuditResponse }

export const pushStatus = $state<Record<string, PushStatus>>({})

/** Fetches one push's audit; the last answer stays on screen while a new one is on its way. */
export async function refreshStatus(
  entry: Pick<DashboardEntry, 'id' | 'ownerToken'>,
): Promise<void> {
  const previous = pushStatus[entry.id]
  const audit = previous && 'audit' in previous ? previous.audit : undefined
  pushStatus[entry.id] = { state: 'checking', audit }
  const result = await api.audit(entry.id, entry.ownerToken)
  if (result.ok) pushStatus[entry.id] = { state: 'known', audit: result.data }
  else if (result.status === 404) pushStatus[entry.id] = { state: 'gone' }
  else pushStatus[entry.id] = { state: 'failed', message: errorMessage(result), audit }
}

/** Settled pushes no longer change: a forgotten one stays forgotten, an ended one stays ended. */
function isSettled(id: string): boolean {
  const status = pushStatus[id]
  return (
    status?.state === 'gone' || (status?.state === 'known' && status.audit.push.status === 'ended')
  )
}

/**
 * Reads the status of every push, or with `onlyLive` just those that can still change: polling
 * forgotten pushes would only collect 404s, which the server's rate limit counts against this IP.
 */
export function refreshAll(entries: readonly DashboardEntry[], onlyLive = false): Promise<void> {
  const wanted = entries.filter(
    (e) => pushStatus[e.id]?.state !== 'gone' && !(onlyLive && isSettled(e.id)),
  )
  return Promise.all(wanted.map(refreshStatus)).then(() => undefined)
}

/** Ended when the server says so, or (until it answers) when its time has run out. */
export function hasEnded(entry: DashboardEntry, now: number): boolean {
  const status = pushStatus[entry.id]
  if (status?.state === 'gone') return true
  const audit = status && 'audit' in status ? status.audit : undefined
  if (audit) return audit.push.status === 'ended' || Date.parse(audit.push.expiresAt) <= now
  return Date.parse(entry.expiresAt) <= now
}
