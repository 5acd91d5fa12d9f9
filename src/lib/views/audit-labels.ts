// Words for audit events, end reasons and times, in the active locale.
import { EVENT_KINDS, type AuditEvent, type EventKind } from '$lib/protocol'

type Translate = (id: string, options?: { values: Record<string, string | number> }) => string

/** Reasons this client knows in words, each `audit.reasons.<reason>`. */
export const AUDIT_REASONS = [
  'bad_link',
  'bad_passphrase',
  'ended',
  'views',
  'time',
  'owner',
  'viewer',
  'locked',
  'admin',
]

/** A reason this client knows in words; an unknown one (a newer server) is shown as sent. */
export function reasonText(reason: string, translate: Translate): string {
  return AUDIT_REASONS.includes(reason) ? translate(`audit.reasons.${reason}`) : reason
}

export function eventText(
  event: Pick<AuditEvent, 'kind' | 'reason'>,
  translate: Translate,
): string {
  const known = EVENT_KINDS.includes(event.kind as EventKind)
  const name = known ? translate(`audit.events.${event.kind}`) : event.kind
  if (!event.reason) return name
  return translate('audit.eventWithReason', {
    values: { event: name, reason: reasonText(event.reason, translate) },
  })
}

/**
 * "And N more failed attempts (wrong link) not recorded", one line per reason the trail left
 * failed views out of; none when it left out nothing (or the server is older and does not say).
 */
export function unrecordedLines(
  counts: Partial<Record<string, number>> | undefined,
  translate: Translate,
): string[] {
  return Object.entries(counts ?? {})
    .filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0)
    .map(([reason, count]) =>
      translate('audit.failuresNotRecorded', {
        values: { count, reason: reasonText(reason, translate) },
      }),
    )
}

export function formatDateTime(iso: string, locale: string | null | undefined): string {
  return new Intl.DateTimeFormat(locale ?? undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(iso))
}
