// Requests the requester chose to keep in this browser, with their private key: the one secret
// Hushlink ever puts in localStorage, and only on the requester's say-so (the form says so).
import { ID_PATTERN } from '$lib/protocol'

const STORAGE_KEY = 'hushlink.requests'

export interface KeptRequest {
  id: string
  label: string
  /** private key ‖ owner token, base64url: opens and lists the answers. */
  fragment: string
  expiresAt: string
}

function isKept(value: unknown): value is KeptRequest {
  const v = value as Record<string, unknown> | null
  return (
    !!v &&
    typeof v.id === 'string' &&
    ID_PATTERN.test(v.id) &&
    typeof v.label === 'string' &&
    typeof v.fragment === 'string' &&
    /^[A-Za-z0-9_-]{86}$/.test(v.fragment) &&
    typeof v.expiresAt === 'string'
  )
}

function readStorage(): KeptRequest[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isKept) : []
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
