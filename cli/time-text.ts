// Times as a person at a terminal reads them: in the local time zone and locale, and relative to
// now ("Dec 10, 2026, 1:00 PM (in 7 days)"). --json keeps the API's ISO 8601 UTC strings.

export interface TimeOptions {
  /** Now, in ms since the epoch; tests pin it. */
  now?: number
  /** A BCP 47 tag; else the system's (LANG), as `date` does. */
  locale?: string
  /** An IANA zone; else the system's (TZ). */
  timeZone?: string
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

/** "in 7 days", "3 hours ago", "now": the largest unit that is at least one whole. */
export function relativeTime(iso: string, { now = Date.now(), locale }: TimeOptions = {}): string {
  const seconds = (Date.parse(iso) - now) / 1000
  const [unit, size] =
    UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? UNITS[UNITS.length - 1]
  const format = new Intl.RelativeTimeFormat(locale ?? 'en', { numeric: 'auto' })
  return format.format(Math.round(seconds / size), unit)
}

/** "Dec 10, 2026, 1:00:00 PM", in the local time zone. */
export function localTime(iso: string, { locale, timeZone }: TimeOptions = {}): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone,
  }).format(new Date(iso))
}

/** Local time with how far off it is: "Dec 10, 2026, 1:00:00 PM (in 7 days)". */
export function whenText(iso: string, options: TimeOptions = {}): string {
  return `${localTime(iso, options)} (${relativeTime(iso, options)})`
}
