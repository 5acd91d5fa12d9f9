// The statements that queue a webhook notice in the batch that writes its event, so none is lost
// and none exists for an event rolled back. Each matches only a push with a webhook; in the hot
// batches (a view, an end) the first UPDATE also returns `notify`, and `onlyIf` skips them for
// pushes without one, which thus pay a RETURNING column and nothing more.
import type { Actor } from './push-statements'
import type { StatementResult, Stmt } from './sqlite'

/** Failed views are gathered: a new notice of them is due no sooner than this after the last. */
export const FAILED_NOTICE_WINDOW_MS = 5 * 60_000

/** RETURNING column of a batch's first UPDATE on pushes: whether the push has a webhook. */
export const NOTIFY_COLUMN = 'webhook_url IS NOT NULL AS notify'

/** `onlyIf` of a notice: the first statement won and its push has a webhook. */
export const firstNotifies = (earlier: readonly StatementResult[]) =>
  earlier[0].rows.length > 0 && Boolean(earlier[0].rows[0].notify)

/** A notice of `kind` for the push `id` when `where` (SQL on pushes, with `args`) holds. */
export function noticeInsert(
  id: string,
  kind: string,
  reason: string | null,
  at: number,
  actor: Actor,
  where = '1',
  args: unknown[] = [],
): Stmt {
  return {
    sql: `INSERT INTO outbox (delivery_id, push_id, push_kind, event, reason, at, ip, user_agent,
            url, format, secret, next_attempt_at)
          SELECT lower(hex(randomblob(16))), id, kind, ?, ?, ?, ?, ?, webhook_url, webhook_format,
            webhook_secret, ?
          FROM pushes WHERE id = ? AND webhook_url IS NOT NULL AND ${where}`,
    args: [kind, reason, at, actor.ip, actor.userAgent, at, id, ...(args as never[])],
  }
}

const PENDING_FAILED = `SELECT 1 FROM outbox WHERE push_id = ? AND event = 'failed_view'
  AND attempts = 0 AND claimed_until IS NULL`

/**
 * A failed view's notice: added to the one still waiting, if any; else a new one, due no sooner
 * than FAILED_NOTICE_WINDOW_MS after the last (failed_notice_at), so a flood sends few messages.
 */
export function failedNotice(
  id: string,
  reason: string,
  at: number,
  actor: Actor,
  where = '1',
  args: unknown[] = [],
): Stmt[] {
  const a = args as never[]
  return [
    {
      sql: `UPDATE pushes SET failed_notice_at = max(?, coalesce(failed_notice_at, 0) + ?)
            WHERE id = ? AND webhook_url IS NOT NULL AND ${where} AND NOT EXISTS (${PENDING_FAILED})`,
      args: [at, FAILED_NOTICE_WINDOW_MS, id, ...a, id],
    },
    {
      sql: `INSERT INTO outbox (delivery_id, push_id, push_kind, event, reason, at, ip, user_agent,
              count, url, format, secret, next_attempt_at)
            SELECT lower(hex(randomblob(16))), id, kind, 'failed_view', ?, ?, ?, ?, 0, webhook_url,
              webhook_format, webhook_secret, failed_notice_at
            FROM pushes WHERE id = ? AND webhook_url IS NOT NULL AND ${where}
            AND NOT EXISTS (${PENDING_FAILED})`,
      args: [reason, at, actor.ip, actor.userAgent, id, ...a, id],
    },
    {
      sql: `UPDATE outbox SET count = count + 1 WHERE push_id = ? AND event = 'failed_view'
            AND attempts = 0 AND claimed_until IS NULL
            AND EXISTS (SELECT 1 FROM pushes WHERE id = ? AND ${where})`,
      args: [id, id, ...a],
    },
  ]
}
