// What this browser keeps of a request the requester chose to keep, how a saved or imported list
// is checked, and how two lists merge. Pure, so the SPA's store and the tests share it.
import { ID_PATTERN, REQUEST_LIMITS } from '$lib/protocol'
import { privateFragmentOf } from '$lib/request-link'

export interface KeptRequest {
  id: string
  label: string
  /** private key ‖ owner token, base64url: opens and lists the answers. */
  fragment: string
  expiresAt: string
}

/** A time as stored and exported (ISO 8601), bounded so a hostile file cannot be huge. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value))
}

/** A checked copy of one kept request, or null: stored and imported data is never trusted as is. */
export function parseKeptRequest(value: unknown): KeptRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || !ID_PATTERN.test(v.id)) return null
  if (typeof v.label !== 'string' || v.label.length > REQUEST_LIMITS.maxLabelChars) return null
  if (typeof v.fragment !== 'string' || privateFragmentOf(v.fragment) === null) return null
  if (!isIsoDate(v.expiresAt)) return null
  const expiresAt = new Date(v.expiresAt).toISOString()
  return { id: v.id, label: v.label, fragment: v.fragment, expiresAt }
}

/** The saved list: entries that fail the checks are dropped rather than breaking the page. */
export function parseStoredRequests(text: string | null): KeptRequest[] {
  if (!text) return []
  try {
    const list: unknown = JSON.parse(text)
    if (!Array.isArray(list)) return []
    return uniqueById(list.map(parseKeptRequest).filter((e): e is KeptRequest => e !== null))
  } catch {
    return []
  }
}

/** All or nothing, as an imported file must be: null when any entry fails the checks. */
export function parseRequestList(list: unknown): KeptRequest[] | null {
  if (!Array.isArray(list)) return null
  const entries = list.map(parseKeptRequest)
  return entries.every((e) => e !== null) ? uniqueById(entries as KeptRequest[]) : null
}

export function uniqueById<T extends { id: string }>(entries: T[]): T[] {
  const seen = new Set<string>()
  return entries.filter((e) => !seen.has(e.id) && seen.add(e.id))
}

/** Adds the requests not yet kept; one already kept stays exactly as it is. */
export function mergeKeptRequests(
  current: readonly KeptRequest[],
  incoming: readonly KeptRequest[],
): { entries: KeptRequest[]; added: number; skipped: number } {
  const known = new Set(current.map((e) => e.id))
  const fresh = incoming.filter((e) => !known.has(e.id))
  return {
    entries: [...current, ...fresh],
    added: fresh.length,
    skipped: incoming.length - fresh.length,
  }
}
