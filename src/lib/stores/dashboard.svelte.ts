// The pushes created in (or imported into) this browser, kept in localStorage and shared by all tabs.
import {
  mergeEntries,
  parseStoredEntries,
  type DashboardEntry,
  type MergeResult,
} from './dashboard-entries'

const STORAGE_KEY = 'hushlink.dashboard'

function readStorage(): { entries: DashboardEntry[]; available: boolean } {
  try {
    return { entries: parseStoredEntries(localStorage.getItem(STORAGE_KEY)), available: true }
  } catch {
    return { entries: [], available: false }
  }
}

export const dashboard = $state(readStorage())

function save(entries: DashboardEntry[]): boolean {
  dashboard.entries = entries
  try {
    if (entries.length === 0) localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(entries))
    return true
  } catch {
    dashboard.available = false
    return false
  }
}

// Another tab created or deleted a push: follow its list.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) dashboard.entries = readStorage().entries
  })
}

export function findPush(id: string): DashboardEntry | undefined {
  return dashboard.entries.find((entry) => entry.id === id)
}

/** Returns false when the browser refuses storage (the page then says so). */
export function rememberPush(entry: DashboardEntry): boolean {
  return save([entry, ...dashboard.entries.filter((e) => e.id !== entry.id)])
}

export function updatePush(
  id: string,
  change: Partial<Pick<DashboardEntry, 'label' | 'link'>>,
): void {
  save(
    dashboard.entries.map((entry) => {
      if (entry.id !== id) return entry
      const updated = { ...entry, ...change }
      if (updated.link === undefined) delete updated.link
      return updated
    }),
  )
}

export function forgetPush(id: string): void {
  save(dashboard.entries.filter((entry) => entry.id !== id))
}

export function clearDashboard(): void {
  save([])
}

export function importPushes(incoming: readonly DashboardEntry[]): MergeResult {
  const result = mergeEntries(dashboard.entries, incoming)
  save(result.entries)
  return result
}
