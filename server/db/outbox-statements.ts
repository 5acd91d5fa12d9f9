// The statements that queue a notice in the batch that writes its event, so none is lost and none
// exists for an event rolled back. A notice goes out on each channel the push has: its webhook,
// and an e-mail to its signed-in creator for the events they chose (pushes.mail_events). In the
// hot batches (a view, an end) the first UPDATE also returns `notify` and `mail_events`, and
// `onlyIf` skips the notices of channels the push lacks, so a push without any pays two RETURNING
// columns and nothing more.
import type { EventKind } from '../../src/lib/protocol'
import type { Actor } from './push-statements'
import type { StatementResult, Stmt } from './sqlite'

/** Failed views are gathered: a new notice of them is due no sooner than this after the last. */
export const FAILED_NOTICE_WINDOW_MS = 5 * 60_000

/** The events an owner may have e-mailed, as bits of users.mail_events and pushes.mail_events. */
export const MAIL_BITS = { viewed: 1, failedViews: 2, ended: 4 } as const

/** The bit of an event of the trail: expired, deleted and locked all tell of a push `ended`. */
export const mailBitOf = (kind: string): number =>
  kind === 'viewed'
    ? MAIL_BITS.viewed
    : kind === 'failed_view'
      ? MAIL_BITS.failedViews
      : MAIL_BITS.ended

/** RETURNING columns of a batch's first UPDATE on pushes: which channels the push notifies. */
export const NOTIFY_COLUMNS = 'webhook_url IS NOT NULL AS notify, mail_events'

type OnlyIf = NonNullable<Stmt['onlyIf']>

/** `onlyIf` of a webhook notice: the first statement won and its push has a webhook. */
export const firstNotifies: OnlyIf = (earlier) =>
  earlier[0].rows.length > 0 && Boolean(earlier[0].rows[0].notify)

/** `onlyIf` of an e-mail notice: the first statement won and its push mails this event. */
const firstMails =
  (bit: number): OnlyIf =>
  (earlier: readonly StatementResult[]) =>
    earlier[0].rows.length > 0 && (Number(earlier[0].rows[0].mail_events) & bit) !== 0

interface Channel {
  name: 'webhook' | 'email'
  /** SQL on pushes: the push notifies on this channel. */
  has: string
  /** The outbox columns only this channel fills, and their values selected from pushes. */
  columns: string
  values: string
  /** The pushes column that spaces this channel's failed-view notices. */
  window: string
  onlyIf: OnlyIf
}

const webhook: Channel = {
  name: 'webhook',
  has: 'webhook_url IS NOT NULL',
  columns: 'url, format, secret',
  values: 'webhook_url, webhook_format, webhook_secret',
  window: 'failed_notice_at',
  onlyIf: firstNotifies,
}

function email(bit: number): Channel {
  return {
    name: 'email',
    has: `(mail_events & ${bit}) != 0`,
    columns: 'user_id',
    values: '(SELECT user_id FROM push_owners WHERE push_id = pushes.id)',
    window: 'failed_mail_at',
    onlyIf: firstMails(bit),
  }
}

const both = (guard: OnlyIf | undefined, onlyIf: OnlyIf): OnlyIf =>
  guard ? (earlier) => guard(earlier) && onlyIf(earlier) : onlyIf

/**
 * The notices of `kind` for the push `id` when `where` (SQL on pushes, with `args`) holds: one per
 * channel, each run only when the batch's first UPDATE says the push has it (and `guard` holds).
 */
export function noticeInserts(
  id: string,
  kind: EventKind,
  reason: string | null,
  at: number,
  actor: Actor,
  where = '1',
  args: unknown[] = [],
  guard?: OnlyIf,
): Stmt[] {
  return [webhook, email(mailBitOf(kind))].map((channel) => ({
    sql: `INSERT INTO outbox (channel, delivery_id, push_id, push_kind, event, reason, at, ip,
            user_agent, ${channel.columns}, next_attempt_at)
          SELECT '${channel.name}', lower(hex(randomblob(16))), id, kind, ?, ?, ?, ?, ?,
            ${channel.values}, ?
          FROM pushes WHERE id = ? AND ${channel.has} AND ${where}`,
    args: [kind, reason, at, actor.ip, actor.userAgent, at, id, ...(args as never[])],
    onlyIf: both(guard, channel.onlyIf),
  }))
}

const PENDING_FAILED = `SELECT 1 FROM outbox WHERE push_id = ? AND channel = ?
  AND event = 'failed_view' AND attempts = 0 AND claimed_until IS NULL`

/**
 * A failed view's notices, per channel: added to the one still waiting, if any; else a new one,
 * due no sooner than FAILED_NOTICE_WINDOW_MS after the channel's last, so a flood sends few.
 */
export function failedNotices(
  id: string,
  reason: string,
  at: number,
  actor: Actor,
  where = '1',
  args: unknown[] = [],
): Stmt[] {
  const a = args as never[]
  return [webhook, email(MAIL_BITS.failedViews)].flatMap((channel): Stmt[] => {
    const pending = [id, channel.name]
    const statements: Stmt[] = [
      {
        sql: `UPDATE pushes SET ${channel.window} = max(?, coalesce(${channel.window}, 0) + ?)
              WHERE id = ? AND ${channel.has} AND ${where} AND NOT EXISTS (${PENDING_FAILED})`,
        args: [at, FAILED_NOTICE_WINDOW_MS, id, ...a, ...pending],
      },
      {
        sql: `INSERT INTO outbox (channel, delivery_id, push_id, push_kind, event, reason, at, ip,
                user_agent, count, ${channel.columns}, next_attempt_at)
              SELECT '${channel.name}', lower(hex(randomblob(16))), id, kind, 'failed_view', ?, ?,
                ?, ?, 0, ${channel.values}, ${channel.window}
              FROM pushes WHERE id = ? AND ${channel.has} AND ${where}
              AND NOT EXISTS (${PENDING_FAILED})`,
        args: [reason, at, actor.ip, actor.userAgent, id, ...a, ...pending],
      },
      {
        sql: `UPDATE outbox SET count = count + 1 WHERE push_id = ? AND channel = ?
              AND event = 'failed_view' AND attempts = 0 AND claimed_until IS NULL
              AND EXISTS (SELECT 1 FROM pushes WHERE id = ? AND ${channel.has} AND ${where})`,
        args: [...pending, id, ...a],
      },
    ]
    return statements.map((statement) => ({ ...statement, onlyIf: channel.onlyIf }))
  })
}

/**
 * The statements of a batch that holds several pushes' writes, each group's `onlyIf` reading the
 * results from its own first statement on (they read `earlier[0]`), as if it ran alone.
 */
export function groupedBatch(groups: Stmt[][]): Stmt[] {
  let start = 0
  return groups.flatMap((group) => {
    const offset = start
    start += group.length
    if (offset === 0) return group
    return group.map((s) => {
      const onlyIf = s.onlyIf
      return onlyIf ? { ...s, onlyIf: (earlier) => onlyIf(earlier.slice(offset)) } : s
    })
  })
}
