// The push store: creating, reading, viewing and ending pushes, their trail, and the purge of old
// ones. The statements live in push-statements.ts and ending-statements.ts; the passphrase lockout
// in passphrase-store.ts. Ending a push here deletes its bytes; the WAL checkpoint that takes them
// out of the database files is the ending service's (server/pushes/ending.ts).
import { asc, eq } from 'drizzle-orm'
import type { CappedFailureReason, EndReason, EventKind } from '../../src/lib/protocol'
import { adminLogInsert } from './admin-store'
import { endStatements, firstWon, useOneView } from './ending-statements'
import { failedNotices, groupedBatch, NOTIFY_COLUMNS } from './outbox-statements'
import { passphraseQueries } from './passphrase-store'
import {
  FAILURE_COLUMNS,
  NEW_PUSH_COLUMNS,
  NEW_PUSH_PLACEHOLDERS,
  deleteInRounds,
  eventInsert,
  newMark,
  newPushValues,
  type Actor,
  type NewPush,
} from './push-statements'
import { blobBytes, tableReader, type Database } from './sqlite'
import { events, pushes, type PushRow } from './schema'

export type { PushRow }
export type { Actor, NewPush } from './push-statements'
export type { PassphraseFailure } from './passphrase-store'

export type ConsumeResult =
  { ok: true; ciphertext: Uint8Array; viewsRemaining: number; ended: boolean } | { ok: false }

export interface EventRow {
  kind: EventKind
  at: number
  ip: string | null
  userAgent: string | null
  reason: string | null
}

export function createStore(database: Database) {
  const { statements, db } = database
  const pushRow = tableReader(pushes)
  const findPushSql = `SELECT ${pushRow.columns} FROM pushes WHERE id = ?`

  return {
    async createPush(p: NewPush, actor: Actor): Promise<void> {
      await statements.batch(
        [
          {
            sql: `INSERT INTO pushes (${NEW_PUSH_COLUMNS}) VALUES (${NEW_PUSH_PLACEHOLDERS})`,
            args: newPushValues(p, p.kind, p.ciphertext.length),
          },
          {
            sql: 'INSERT INTO ciphertexts (push_id, data) VALUES (?, ?)',
            args: [p.id, p.ciphertext],
          },
          eventInsert(p.id, 'created', p.createdAt, actor, null),
        ],
        'write',
      )
    },

    async findPush(id: string): Promise<PushRow | undefined> {
      const rs = await statements.execute({ sql: findPushSql, args: [id], one: true })
      return rs.rows.length ? pushRow.read(rs.rows[0]) : undefined
    },

    /**
     * Uses one view if the push is active, unexpired and has views left; ends it on the last one.
     * `passChecked`: the caller holds a passphrase check (reservePassphraseCheck) and gives it back.
     */
    async consumeView(
      id: string,
      now: number,
      actor: Actor,
      passChecked = false,
    ): Promise<ConsumeResult> {
      const view = await useOneView(
        statements,
        { id, kindCondition: '1' },
        now,
        actor,
        passChecked,
        (mark) => ({
          sql: `SELECT c.data FROM ciphertexts c JOIN pushes p ON p.id = c.push_id
              WHERE c.push_id = ? AND p.write_mark = ?`,
          args: [id, mark],
          one: true,
        }),
      )
      if (!view) return { ok: false }
      const { viewsRemaining, bytes } = view
      return {
        ok: true,
        ciphertext: blobBytes(bytes[0].data),
        viewsRemaining,
        ended: viewsRemaining === 0,
      }
    },

    /** Ends an active push for `reason`; false if it had already ended (nothing is logged twice). */
    async endPush(id: string, reason: EndReason, now: number, actor: Actor): Promise<boolean> {
      const [ended] = await statements.batch(
        endStatements(id, reason, now, actor, newMark()),
        'write',
      )
      return ended.rows.length > 0
    },

    /**
     * An admin's takedown: ends the push as `admin` (the trail says `deleted`, `admin`, with no
     * address: the admin log says who) and logs it in the same batch; false if it had ended.
     */
    async takeDown(id: string, now: number, admin: string): Promise<boolean> {
      const mark = newMark()
      const [ended] = await statements.batch(
        [
          ...endStatements(id, 'admin', now, { ip: null, userAgent: null }, mark),
          { ...adminLogInsert(admin, 'takedown', id, now, mark), onlyIf: firstWon },
        ],
        'write',
      )
      return ended.rows.length > 0
    },

    /** endPush for many pushes in one transaction (the sweeper's batches); how many it ended. */
    async endPushes(ids: string[], reason: EndReason, now: number, actor: Actor): Promise<number> {
      if (ids.length === 0) return 0
      const perPush = ids.map((id) => endStatements(id, reason, now, actor, newMark()))
      const results = await statements.batch(groupedBatch(perPush), 'write')
      let ended = 0
      for (let i = 0, at = 0; i < perPush.length; at += perPush[i].length, i++) {
        if (results[at].rows.length > 0) ended++
      }
      return ended
    },

    /**
     * Counts a failed view and logs it while its reason has fewer than `cap`: a flood of one
     * reason can neither grow a trail without end nor crowd out the events of another.
     */
    async recordFailedView(
      id: string,
      reason: CappedFailureReason,
      now: number,
      actor: Actor,
      cap: number,
    ): Promise<void> {
      const counted = FAILURE_COLUMNS[reason]
      await statements.batch(
        [
          {
            sql: `UPDATE pushes SET ${counted} = ${counted} + 1 WHERE id = ?
                  RETURNING ${counted} AS counted, ${NOTIFY_COLUMNS}`,
            args: [id],
          },
          {
            sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
                  SELECT id, 'failed_view', ?, ?, ?, ? FROM pushes WHERE id = ? AND ${counted} <= ?`,
            args: [now, actor.ip, actor.userAgent, reason, id, cap],
          },
          ...failedNotices(id, reason, now, actor),
        ],
        'write',
      )
    },

    async listEvents(id: string): Promise<EventRow[]> {
      const rows = await db
        .select()
        .from(events)
        .where(eq(events.pushId, id))
        .orderBy(asc(events.id))
        .all()
      return rows.map((r) => ({
        kind: r.kind,
        at: r.at,
        ip: r.ip,
        userAgent: r.userAgent,
        reason: r.reason,
      }))
    },

    /** Active pushes whose time has run out, oldest first. */
    async findExpired(now: number, limit: number): Promise<string[]> {
      const rs = await statements.execute({
        sql: 'SELECT id FROM pushes WHERE ended_at IS NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?',
        args: [now, limit],
      })
      return rs.rows.map((r) => String(r.id))
    },

    /**
     * Removes pushes that ended before `before`, with their events, bytes and owner row, `limit`
     * at a time. Each round is one batch whose every statement chooses the same rows, so racing
     * sweepers only ever delete twice.
     */
    async purgeEndedBefore(before: number, limit = 500): Promise<number> {
      const chosen = `SELECT id FROM pushes WHERE ended_at IS NOT NULL AND ended_at < ?
                      ORDER BY ended_at, id LIMIT ?`
      // Explicit, not ON DELETE CASCADE: a libSQL server may not enforce foreign keys.
      return deleteInRounds(statements, chosen, before, limit, [
        { table: 'events', where: 'push_id' },
        { table: 'ciphertexts', where: 'push_id' },
        { table: 'push_owners', where: 'push_id' },
        { table: 'pushes', where: 'id' },
      ])
    },

    /** Seconds the oldest active push is past its expiry: 0 while the sweeper keeps up. */
    async overdueSeconds(now: number): Promise<number> {
      const rs = await statements.execute(
        'SELECT min(expires_at) AS at FROM pushes WHERE ended_at IS NULL',
      )
      const at = rs.rows[0]?.at
      return typeof at === 'number' && at < now ? (now - at) / 1000 : 0
    },

    async ping(): Promise<boolean> {
      const rs = await statements.execute('SELECT 1 AS ok')
      return rs.rows.length === 1
    },

    ...passphraseQueries(statements),
  }
}

export type Store = ReturnType<typeof createStore>
