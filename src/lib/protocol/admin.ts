// Wire shapes of the admin page (docs/api.md "Admin"): counts, bytes and failures of the whole
// instance, its settings with secrets redacted, takedowns and the admin log. Never any content:
// no ciphertext, no label (a label is the sender's words), no link.
import { z } from 'zod'
import { ADMIN_ACTIONS, ADMIN_FAILURE_DAYS, ADMIN_TOP_ADDRESSES } from './vocabulary'
import { count, endReason, pushId, pushKind, time } from './fields'

export const adminOverview = z.object({
  generatedAt: time,
  pushes: z.object({
    byKind: z.array(z.object({ kind: pushKind, active: count, ended: count })).meta({
      description: 'Every kind, zero included. A push whose time ran out counts as ended',
    }),
    byEndReason: z
      .array(z.object({ reason: endReason, count }))
      .meta({ description: 'Ended pushes still kept (HUSHLINK_RETENTION_DAYS), every reason' }),
  }),
  bytes: z.object({
    ciphertexts: count.meta({ description: 'Bytes of text, URL and QR ciphertexts stored' }),
    files: count.meta({ description: 'Bytes of file uploads stored' }),
    total: count,
  }),
  requests: z.object({ open: count, closed: count }),
  failedViews: z.object({
    days: z
      .array(z.object({ day: z.string().meta({ description: 'YYYY-MM-DD, UTC' }), count }))
      .meta({
        description:
          `The last ${ADMIN_FAILURE_DAYS} days, oldest first, today last, zero days included; ` +
          'as the trails recorded them (at most HUSHLINK_MAX_FAILED_VIEW_EVENTS per push and reason)',
      }),
    topAddresses: z
      .array(
        z.object({
          ip: z
            .string()
            .meta({ description: 'As recorded (HUSHLINK_IP_MODE); escape before display' }),
          count,
          lastAt: time,
        }),
      )
      .meta({ description: `At most ${ADMIN_TOP_ADDRESSES}, most failures first, same window` }),
  }),
  environment: z
    .array(
      z.object({
        name: z.string(),
        value: z.string().nullable().meta({
          description: 'As set; null when unset (the default applies); `[redacted]` for secrets',
        }),
      }),
    )
    .meta({ description: 'Every variable the server reads, in the order it reads them' }),
  effective: z
    .array(z.object({ key: z.string(), value: z.string() }))
    .meta({ description: 'The configuration in effect, defaults applied, secrets `[redacted]`' }),
})
export type AdminOverview = z.infer<typeof adminOverview>

export const adminAction = z.enum(ADMIN_ACTIONS)

export const adminLogEntry = z.object({
  id: count.meta({ description: 'Ascending; pass as `before` for the next page' }),
  at: time,
  email: z.string().meta({ description: 'The admin who acted, as the provider gave it' }),
  action: adminAction,
  pushId: pushId.nullable(),
})
export type AdminLogEntry = z.infer<typeof adminLogEntry>

export const adminLog = z.object({
  entries: z.array(adminLogEntry).meta({ description: 'Newest first' }),
  next: count.nullable().meta({ description: '`before` of the next (older) page; null: no more' }),
})
export type AdminLog = z.infer<typeof adminLog>

export const takedownResponse = z.object({
  pushId,
  kind: pushKind,
  endedAt: time,
  reason: z.literal('admin'),
})
export type TakedownResponse = z.infer<typeof takedownResponse>
