// What the dashboard calls a push: its label, else its kind and the day it was made.
import type { DashboardEntry } from '$lib/stores/dashboard-entries'

type Translate = (id: string, options?: { values: Record<string, string | Date> }) => string

/** "Server password", or "Text, 3 Dec 2026" for a push without a label (never "Untitled"). */
export function pushTitle(
  entry: Pick<DashboardEntry, 'label' | 'kind' | 'createdAt'>,
  translate: Translate,
): string {
  if (entry.label) return entry.label
  return translate('dashboard.unlabelled', {
    values: { kind: translate(`kinds.${entry.kind}`), at: new Date(entry.createdAt) },
  })
}
