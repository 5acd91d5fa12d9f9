// A lifetime as people type it: an amount of minutes, hours or days, and back to seconds.

export const EXPIRY_UNITS = ['minutes', 'hours', 'days'] as const
export type ExpiryUnit = (typeof EXPIRY_UNITS)[number]

export const UNIT_SECONDS: Record<ExpiryUnit, number> = {
  minutes: 60,
  hours: 3600,
  days: 86_400,
}

export interface ExpiryAmount {
  amount: number
  unit: ExpiryUnit
}

/** The largest unit that counts the lifetime in whole numbers ("90 minutes", "2 days"). */
export function amountOf(seconds: number): ExpiryAmount {
  for (const unit of ['days', 'hours'] as const) {
    if (seconds >= UNIT_SECONDS[unit] && seconds % UNIT_SECONDS[unit] === 0)
      return { amount: seconds / UNIT_SECONDS[unit], unit }
  }
  return { amount: Math.max(1, Math.round(seconds / 60)), unit: 'minutes' }
}

/** Seconds of a typed amount; NaN (an empty or fractional field) stays NaN for the form to report. */
export function secondsOf({ amount, unit }: ExpiryAmount): number {
  return Number.isInteger(amount) ? amount * UNIT_SECONDS[unit] : Number.NaN
}
