import { describe, expect, it } from 'vitest'
import { eventText, formatDateTime, reasonText, unrecordedLines } from './audit-labels'

const translate = (id: string, options?: { values: Record<string, string | number> }) =>
  options ? `${id}(${Object.values(options.values).join(',')})` : id

describe('audit labels', () => {
  it('names events, with their reason when there is one', () => {
    expect(eventText({ kind: 'viewed', reason: null }, translate)).toBe('audit.events.viewed')
    expect(eventText({ kind: 'failed_view', reason: 'bad_passphrase' }, translate)).toBe(
      'audit.eventWithReason(audit.events.failed_view,audit.reasons.bad_passphrase)',
    )
  })

  it('shows what a newer server sends as it is', () => {
    expect(reasonText('solar_flare', translate)).toBe('solar_flare')
    expect(eventText({ kind: 'archived' as never, reason: null }, translate)).toBe('archived')
  })

  it('says per reason how many failed views the trail left out, if any', () => {
    expect(unrecordedLines({ bad_link: 50, ended: 0 }, translate)).toEqual([
      'audit.failuresNotRecorded(50,audit.reasons.bad_link)',
    ])
    expect(unrecordedLines({ bad_link: 0, ended: 0 }, translate)).toEqual([])
    expect(unrecordedLines(undefined, translate)).toEqual([])
  })

  it('formats times in the given locale', () => {
    expect(formatDateTime('2030-01-02T03:04:05.000Z', 'en')).toMatch(/2030/)
  })
})
