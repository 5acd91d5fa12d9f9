// The statements that end a push (mark it, erase its bytes, log it once) and the batch that uses
// one view, which ends the push on its last. Each multi-step write is one atomic batch; a random
// "write mark" set by the batch's first UPDATE lets the later statements act only when that
// UPDATE won, so racing requests can never both consume or both end a push.
import type { InValue } from '@libsql/client'
import type { EndReason, EventKind } from '../../src/lib/protocol'
import { NOTIFY_COLUMNS, noticeInserts } from './outbox-statements'
import { eventInsert, newMark, type Actor } from './push-statements'
import type { Database, StatementResult, Stmt } from './sqlite'

/** The event that records a push ending for `reason`. */
function endEvent(reason: EndReason): [EventKind, string | null] {
  if (reason === 'views' || reason === 'time') return ['expired', reason]
  return reason === 'locked' ? ['locked', null] : ['deleted', reason]
}

/**
 * Overwrites a push's ciphertext with zeros, then deletes it. On an embedded file secure_delete
 * already zeroes freed pages; a libSQL server (sqld) accepts no such PRAGMA and keeps old pages in
 * its logs and snapshots, where only the zeros written first replace the bytes (docs/deploy.md).
 * A file push's rows stay while a download holds them: that download deletes them when it ends.
 */
function eraseBytes(id: string, condition: string, args: InValue[]): Stmt[] {
  const tables: [string, string, InValue[]][] = [
    ['ciphertexts', condition, args],
    ['file_chunks', `${condition} AND ${NO_DOWNLOAD}`, [...args, id]],
  ]
  return tables.flatMap(([table, where, whereArgs]) => [
    {
      sql: `UPDATE ${table} SET data = zeroblob(length(data)) WHERE push_id = ? AND ${where}`,
      args: [id, ...whereArgs],
    },
    { sql: `DELETE FROM ${table} WHERE push_id = ? AND ${where}`, args: [id, ...whereArgs] },
  ])
}

/** True while no download of the push (its id the one argument) is in progress. */
export const NO_DOWNLOAD = 'NOT EXISTS (SELECT 1 FROM file_downloads WHERE push_id = ?)'

/** Statements that end a push if it is still active: mark it, delete its bytes, log it once. */
export function endStatements(
  id: string,
  reason: EndReason,
  at: number,
  actor: Actor,
  mark: string,
): Stmt[] {
  const [kind, eventReason] = endEvent(reason)
  return [
    {
      sql: `UPDATE pushes SET ended_at = ?, end_reason = ?, write_mark = ?
            WHERE id = ? AND ended_at IS NULL RETURNING id, ${NOTIFY_COLUMNS}`,
      args: [at, reason, mark, id],
    },
    ...eraseBytes(id, '1', []),
    eventInsert(id, kind, at, actor, eventReason, mark),
    ...noticeInserts(id, kind, eventReason, at, actor, 'write_mark = ?', [mark]),
  ]
}

/**
 * Statements that end the push when the batch's first UPDATE won (it carries `mark`) and left it
 * in `state` (e.g. no views remaining): mark it ended, delete its bytes, log it once.
 */
export function endWhenMarked(
  id: string,
  state: string,
  reason: EndReason,
  at: number,
  actor: Actor,
  mark: string,
  onlyIf: Stmt['onlyIf'],
): Stmt[] {
  const [kind, eventReason] = endEvent(reason)
  const marked = `id = ? AND write_mark = ? AND ${state}`
  const statements: Stmt[] = [
    {
      sql: `UPDATE pushes SET ended_at = ?, end_reason = ? WHERE ${marked}`,
      args: [at, reason, id, mark],
    },
    ...eraseBytes(id, `EXISTS (SELECT 1 FROM pushes WHERE ${marked})`, [id, mark]),
    {
      sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
            SELECT id, ?, ?, ?, ?, ? FROM pushes WHERE ${marked}`,
      args: [kind, at, actor.ip, actor.userAgent, eventReason, id, mark],
    },
  ]
  const notices = noticeInserts(
    id,
    kind,
    eventReason,
    at,
    actor,
    `write_mark = ? AND ${state}`,
    [mark],
    onlyIf,
  )
  return [...statements.map((statement) => ({ ...statement, onlyIf })), ...notices]
}

/**
 * `onlyIf` of the statements after a batch's first, marking UPDATE … RETURNING: they match only
 * rows carrying its mark, so when it returned no row they have nothing to act on.
 */
export const firstWon = (earlier: readonly StatementResult[]) => earlier[0].rows.length > 0

/** `onlyIf` of statements that act only when the first statement returned `column` = 0. */
export const firstLeftZero = (column: string) => (earlier: readonly StatementResult[]) =>
  earlier[0].rows.length > 0 && Number(earlier[0].rows[0][column]) === 0

/**
 * One view as one write batch: the conditional UPDATE that uses it (the only place views are
 * counted), then `readBytes`, which acts only if this request's mark won (a text push reads its
 * bytes; a file push registers its download), the `viewed` event (and its webhook notice) and, on
 * the last view, the end of the push. Null when no view could be used.
 */
export async function useOneView(
  statements: Database['statements'],
  push: { id: string; kindCondition: string },
  now: number,
  actor: Actor,
  passChecked: boolean,
  readBytes: (mark: string) => Stmt,
): Promise<{ viewsRemaining: number; bytes: Record<string, unknown>[] } | null> {
  const { id } = push
  const mark = newMark()
  const [won, bytes] = await statements.batch(
    [
      {
        sql: `UPDATE pushes SET views_remaining = views_remaining - 1, write_mark = ?,
              pass_checks = max(pass_checks - ?, 0)
              WHERE id = ? AND ${push.kindCondition} AND ended_at IS NULL AND views_remaining > 0
              AND expires_at > ?
              RETURNING views_remaining, ${NOTIFY_COLUMNS}`,
        args: [mark, passChecked ? 1 : 0, id, now],
        one: true,
      },
      { ...readBytes(mark), onlyIf: firstWon },
      { ...eventInsert(id, 'viewed', now, actor, null, mark), onlyIf: firstWon },
      ...noticeInserts(id, 'viewed', null, now, actor, 'write_mark = ?', [mark]),
      ...endWhenMarked(
        id,
        'views_remaining = 0',
        'views',
        now,
        actor,
        mark,
        firstLeftZero('views_remaining'),
      ),
    ],
    'write',
  )
  if (won.rows.length === 0 || bytes.rows.length === 0) return null
  return { viewsRemaining: Number(won.rows[0].views_remaining), bytes: bytes.rows }
}
