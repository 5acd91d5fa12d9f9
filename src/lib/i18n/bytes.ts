// A byte count in words of the active locale ("46 bytes", "50 MiB"): the shared formatter, with
// the unit symbols as each language writes them (`files.sizeKiB`…).
import { get } from 'svelte/store'
import { _ } from 'svelte-i18n'
import { formatBytes as formatByteSize, type UnitLabel } from '$lib/byte-size'

const localLabel: UnitLabel = (unit, amount) =>
  get(_)(`files.size${unit}`, { values: { size: amount } })

export function formatBytes(bytes: number, locale: string | null | undefined): string {
  return formatByteSize(bytes, locale, localLabel)
}
