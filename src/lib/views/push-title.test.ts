import { describe, expect, it } from 'vitest'
import { pushTitle } from './push-title'

// A stand-in translator that shows which message and values were asked for.
const translate = (id: string, options?: { values: Record<string, string | Date> }) =>
  options
    ? `${id}(${Object.entries(options.values)
        .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : v}`)
        .join(',')})`
    : id

describe('pushTitle', () => {
  it('is the label when there is one', () => {
    expect(
      pushTitle({ label: 'VPN', kind: 'text', createdAt: '2026-12-03T10:00:00Z' }, translate),
    ).toBe('VPN')
  })

  it('is the kind and the date without one, never "Untitled"', () => {
    const entry = { label: '', kind: 'qr' as const, createdAt: '2026-12-03T10:00:00.000Z' }
    expect(pushTitle(entry, translate)).toBe(
      'dashboard.unlabelled(kind=kinds.qr,at=2026-12-03T10:00:00.000Z)',
    )
  })
})
