// Turns a lifetime in seconds into the message that names it ("7 days", "1 hour", "90 minutes").
import { DAY_SECONDS } from '$lib/protocol'

export interface DurationMessage {
  id: 'duration.days' | 'duration.hours' | 'duration.minutes'
  values: { count: number }
}

/** Uses the largest unit that divides the lifetime exactly, else rounds to whole minutes. */
export function durationMessage(seconds: number): DurationMessage {
  if (seconds >= DAY_SECONDS && seconds % DAY_SECONDS === 0) {
    return { id: 'duration.days', values: { count: seconds / DAY_SECONDS } }
  }
  if (seconds >= 3600 && seconds % 3600 === 0) {
    return { id: 'duration.hours', values: { count: seconds / 3600 } }
  }
  return { id: 'duration.minutes', values: { count: Math.max(1, Math.round(seconds / 60)) } }
}

type Translate = (id: string, options: { values: Record<string, number> }) => string

/** The lifetime in words, through the active locale's translate function (`$_`). */
export function formatDuration(seconds: number, translate: Translate): string {
  const message = durationMessage(seconds)
  return translate(message.id, { values: message.values })
}

/** Time left to the nearest unit, switching down a unit below two of it ("47 hours", not "2 days"). */
export function remainingMessage(seconds: number): DurationMessage {
  if (seconds >= 2 * DAY_SECONDS) {
    return { id: 'duration.days', values: { count: Math.round(seconds / DAY_SECONDS) } }
  }
  if (seconds >= 2 * 3600)
    return { id: 'duration.hours', values: { count: Math.round(seconds / 3600) } }
  return { id: 'duration.minutes', values: { count: Math.max(1, Math.round(seconds / 60)) } }
}

export function formatRemaining(seconds: number, translate: Translate): string {
  const message = remainingMessage(seconds)
  return translate(message.id, { values: message.values })
}
