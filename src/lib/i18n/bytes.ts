// A byte count in words of the active locale ("980 kB", "1.2 MB"), for size limits.

export function formatBytes(bytes: number, locale: string | null | undefined): string {
  const megabytes = bytes >= 1_000_000
  return new Intl.NumberFormat(locale ?? undefined, {
    style: 'unit',
    unit: megabytes ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(bytes / (megabytes ? 1_000_000 : 1000))
}
