// What the dashboard keeps of a push, how a saved or imported list is checked, and how two lists merge.
import { parseLink } from '$lib/link'
import { ID_PATTERN, isLocaleTag, PUSH_KINDS, TOKEN_PATTERN, type PushKind } from '$lib/protocol'
import { isIsoDate, parseRequestList, uniqueById, type KeptRequest } from './kept-request-entries'

export interface DashboardEntry {
  id: string
  /** Lets this browser delete the push and read its trail; never the key to its content. */
  ownerToken: string
  label: string
  kind: PushKind
  createdAt: string
  expiresAt: string
  expireAfterViews: number
  locale: string | null
  /** The full link, key included: only when the sender ticked "remember link". */
  link?: string
}

export const EXPORT_FORMAT = 'hushlink-dashboard'
export const EXPORT_VERSION = 1
export const MAX_LABEL_LENGTH = 200
/** An export of thousands of pushes stays far below this; bigger files are not read at all. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

/** A checked copy of one entry, or null: stored and imported data is never trusted as it is. */
export function parseEntry(value: unknown): DashboardEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || !ID_PATTERN.test(v.id)) return null
  if (typeof v.ownerToken !== 'string' || !TOKEN_PATTERN.test(v.ownerToken)) return null
  if (!PUSH_KINDS.includes(v.kind as PushKind)) return null
  if (!isIsoDate(v.createdAt) || !isIsoDate(v.expiresAt)) return null
  const views = v.expireAfterViews
  if (typeof views !== 'number' || !Number.isInteger(views) || views < 1 || views > 100_000)
    return null
  const label = v.label ?? ''
  if (typeof label !== 'string' || label.length > MAX_LABEL_LENGTH) return null
  const locale = v.locale ?? null
  if (locale !== null && (typeof locale !== 'string' || !isLocaleTag(locale))) return null
  const entry: DashboardEntry = {
    id: v.id,
    ownerToken: v.ownerToken,
    label,
    kind: v.kind as PushKind,
    // One spelling (UTC, milliseconds), so the list sorts as text.
    createdAt: new Date(v.createdAt).toISOString(),
    expiresAt: new Date(v.expiresAt).toISOString(),
    expireAfterViews: views,
    locale,
  }
  if (v.link !== undefined && v.link !== null) {
    if (typeof v.link !== 'string' || parseLink(v.link)?.id !== v.id) return null
    entry.link = v.link
  }
  return entry
}

/** The saved list: entries that fail the checks are dropped rather than breaking the page. */
export function parseStoredEntries(text: string | null): DashboardEntry[] {
  if (!text) return []
  try {
    const list: unknown = JSON.parse(text)
    if (!Array.isArray(list)) return []
    return uniqueById(list.map(parseEntry).filter((e): e is DashboardEntry => e !== null))
  } catch {
    return []
  }
}

/** What an export file carries: the pushes, and the requests kept in this browser (optional). */
export interface DashboardExport {
  pushes: DashboardEntry[]
  /** With their private keys: whoever holds the file can open their answers. */
  requests: KeptRequest[]
}

/** An imported file is all or nothing: one bad entry means it is not an export of ours. */
export function parseExport(text: string): DashboardExport | null {
  let file: unknown
  try {
    file = JSON.parse(text)
  } catch {
    return null
  }
  const f = file as Record<string, unknown> | null
  if (!f || typeof f !== 'object' || f.format !== EXPORT_FORMAT || f.version !== EXPORT_VERSION)
    return null
  if (!Array.isArray(f.pushes)) return null
  const entries = f.pushes.map(parseEntry)
  if (!entries.every((e) => e !== null)) return null
  // Files from before requests travelled have no `requests`: nothing to add then.
  const requests = f.requests === undefined ? [] : parseRequestList(f.requests)
  if (requests === null) return null
  return { pushes: uniqueById(entries as DashboardEntry[]), requests }
}

export function serializeExport(
  { pushes, requests }: Readonly<DashboardExport>,
  now = new Date(),
): string {
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    pushes,
    requests,
  }
  return JSON.stringify(file, null, 2) + '\n'
}

export interface MergeResult {
  entries: DashboardEntry[]
  added: number
  skipped: number
}

/** Adds the pushes not yet listed; a listed one keeps its data but gains a missing label or link. */
export function mergeEntries(
  current: readonly DashboardEntry[],
  incoming: readonly DashboardEntry[],
): MergeResult {
  const byId = new Map(current.map((e) => [e.id, e]))
  let added = 0
  let skipped = 0
  for (const entry of incoming) {
    const known = byId.get(entry.id)
    if (!known) {
      byId.set(entry.id, entry)
      added++
      continue
    }
    skipped++
    byId.set(entry.id, {
      ...known,
      label: known.label || entry.label,
      link: known.link ?? entry.link,
    })
  }
  const entries = [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return { entries, added, skipped }
}
