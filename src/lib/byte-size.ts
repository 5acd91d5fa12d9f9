// Sizes in one unit system everywhere (web app, CLI, docs): binary multiples, KiB, MiB and GiB,
// the units the server's limits are set in (50 MiB of files, 1 MiB of text); under 1 KiB, bytes.

export const BINARY_UNITS = ['KiB', 'MiB', 'GiB'] as const
export type BinaryUnit = (typeof BINARY_UNITS)[number]

/** Puts a formatted amount and its unit together, in the reader's language. */
export type UnitLabel = (unit: BinaryUnit, amount: string) => string

/** The IEC symbols, as English and most languages write them. */
export const IEC_LABEL: UnitLabel = (unit, amount) => `${amount}\u00a0${unit}`

const UNITS = BINARY_UNITS.map((unit, i) => [unit, 2 ** (10 * (i + 1))] as const)

/**
 * "46 bytes", "1.5 KiB", "50 MiB": numbers in the locale's digits, bytes spelled out by Intl,
 * one decimal below 100 of a unit. An amount that rounds up to 1024 moves to the next unit.
 */
export function formatBytes(
  bytes: number,
  locale?: string | null,
  label: UnitLabel = IEC_LABEL,
): string {
  const tag = locale ?? undefined
  if (bytes < 1024) {
    return new Intl.NumberFormat(tag, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(
      bytes,
    )
  }
  let index = UNITS.findLastIndex(([, size]) => bytes >= size)
  const rounded = (i: number) => {
    const amount = bytes / UNITS[i][1]
    const digits = amount < 100 ? 1 : 0
    return Math.round(amount * 10 ** digits) / 10 ** digits
  }
  if (rounded(index) >= 1024 && index < UNITS.length - 1) index++
  const amount = rounded(index)
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: amount < 100 ? 1 : 0 })
  return label(UNITS[index][0], number.format(amount))
}
