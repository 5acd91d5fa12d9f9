// Requests the requester chose to keep in this browser, with their private key: the one secret
// Hushlink ever puts in localStorage, and only on the requester's say-so (an unticked box).
import { mergeKeptRequests, parseStoredRequests, type KeptRequest } from './kept-request-entries'

export type { KeptRequest } from './kept-request-entries'

const STORAGE_KEY = 'hushlink.requests'

function readStorage(): KeptRequest[] {
  try {
    return parseStoredRequests(localStorage.getItem(STORAGE_KEY))
  } catch {
    return []
  }
}

export const keptRequests = $state({
  entries: typeof localStorage === 'undefined' ? [] : readStorage(),
})

function save(entries: KeptRequest[]): boolean {
  keptRequests.entries = entries
  try {
    if (entries.length === 0) localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(entries))
    return true
  } catch {
    return false
  }
}

export function keepRequest(entry: KeptRequest): boolean {
  return save([entry, ...keptRequests.entries.filter((e) => e.id !== entry.id)])
}

export function findKeptRequest(id: string): KeptRequest | undefined {
  return keptRequests.entries.find((e) => e.id === id)
}

export function forgetRequest(id: string): void {
  save(keptRequests.entries.filter((e) => e.id !== id))
}

/** Adds imported requests; those already kept here are left as they are. */
export function importRequests(incoming: readonly KeptRequest[]): {
  added: number
  skipped: number
} {
  const { entries, added, skipped } = mergeKeptRequests(keptRequests.entries, incoming)
  if (added > 0) save(entries)
  return { added, skipped }
}
