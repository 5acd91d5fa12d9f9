// The push store: every query of the server lives here. Each multi-step write is one atomic
// batch; a random "write mark" set by the batch's first UPDATE lets the later statements act
// only when that UPDATE won, so racing requests can never both consume or both end a push.
import { randomUUID } from 'node:crypto'
import type { InValue } from '@libsql/client'
import { asc, eq } from 'drizzle-orm'
import type { CappedFailureReason, EndReason, EventKind, PushKind } from '../../src/lib/protocol'
import type { Database } from './sqlite/client'
import type { StatementResult, Stmt } from './sqlite/prepared'
import { blobBytes, tableReader } from './sqlite/rows'
import { events, pushes, type PushRow } from './schema'

export type { PushRow }

/** Where a request came from, as the audit trail records it (already reduced per IP mode). */
export interface Actor {
  ip: string | null
  userAgent: string | null
}

export interface NewPush {
  id: string
  kind: PushKind
  ciphertext: Uint8Array
  linkTokenHash: Uint8Array
  ownerTokenHash: Uint8Array
  passphrase: {
    tokenHash: Uint8Array
    salt: string
    opslimit: number
    memlimit: number
    attempts: number
  } | null
  expireAfterViews: number
  createdAt: number
  expiresAt: number
  retrievalStep: boolean
  deletableByViewer: boolean
  locale: string | null
}

/** The columns of a new push row, in the order newPushValues gives their values. */
export const NEW_PUSH_COLUMNS = `id, kind, link_token_hash, owner_token_hash, pass_token_hash, pass_salt,
  pass_opslimit, pass_memlimit, pass_attempts_left, expire_after_views, views_remaining,
  created_at, expires_at, retrieval_step, deletable_by_viewer, locale, size`
export const NEW_PUSH_PLACEHOLDERS = NEW_PUSH_COLUMNS.replace(/\w+/g, '?')

/** Values for NEW_PUSH_COLUMNS: text and file pushes differ only in kind and stored size. */
export function newPushValues(
  p: Omit<NewPush, 'ciphertext' | 'kind'>,
  kind: PushKind,
  size: number,
): InValue[] {
  const pass = p.passphrase
  return [
    p.id,
    kind,
    p.linkTokenHash,
    p.ownerTokenHash,
    pass?.tokenHash ?? null,
    pass?.salt ?? null,
    pass?.opslimit ?? null,
    pass?.memlimit ?? null,
    pass?.attempts ?? null,
    p.expireAfterViews,
    p.expireAfterViews,
    p.createdAt,
    p.expiresAt,
    p.retrievalStep ? 1 : 0,
    p.deletableByViewer ? 1 : 0,
    p.locale,
    size,
  ]
}

export type ConsumeResult =
  { ok: true; ciphertext: Uint8Array; viewsRemaining: number; ended: boolean } | { ok: false }

export type PassphraseFailure = { attemptsRemaining: number; locked: boolean } | null

export interface EventRow {
  kind: EventKind
  at: number
  ip: string | null
  userAgent: string | null
  reason: string | null
}

/** Lets requests waiting on the event loop run between the rounds of a long job. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Deletes the ids `chosen` selects (`SELECT id … < ? … LIMIT ?`, given `before` and `limit`) from
 * each table of `deletes` in turn, `where` naming its id column, the owning table last: one batch
 * per round until a round removes fewer than `limit`. Every statement of a round chooses the same
 * rows, so racing sweepers only ever delete twice. Returns the owning rows removed.
 */
export async function deleteInRounds(
  statements: Database['statements'],
  chosen: string,
  before: number,
  limit: number,
  deletes: { table: string; where: string }[],
): Promise<number> {
  const args = [before, limit]
  let removed = 0
  for (;;) {
    const results = await statements.batch(
      deletes.map(({ table, where }) => ({
        sql: `DELETE FROM ${table} WHERE ${where} IN (${chosen})`,
        args,
      })),
      'write',
    )
    const round = results[results.length - 1].rowsAffected
    removed += round
    if (round < limit) return removed
    await nextTurn()
  }
}

/** Unique per write, not secret: randomUUID() draws from a cached pool, randomBytes() does not. */
export const newMark = () => randomUUID()

export function eventInsert(
  pushId: string,
  kind: EventKind,
  at: number,
  actor: Actor,
  reason: string | null,
  mark?: string,
): Stmt {
  if (mark === undefined) {
    return {
      sql: 'INSERT INTO events (push_id, kind, at, ip, user_agent, reason) VALUES (?, ?, ?, ?, ?, ?)',
      args: [pushId, kind, at, actor.ip, actor.userAgent, reason],
    }
  }
  return {
    sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
          SELECT ?, ?, ?, ?, ?, ? FROM pushes WHERE id = ? AND write_mark = ?`,
    args: [pushId, kind, at, actor.ip, actor.userAgent, reason, pushId, mark],
  }
}

/** The column counting a capped reason's failed views (recorded or not). */
export const FAILURE_COLUMNS: Record<CappedFailureReason, string> = {
  bad_link: 'bad_link_failures',
  ended: 'ended_failures',
}

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
function endStatements(
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
            WHERE id = ? AND ended_at IS NULL RETURNING id`,
      args: [at, reason, mark, id],
    },
    ...eraseBytes(id, '1', []),
    eventInsert(id, kind, at, actor, eventReason, mark),
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
  return statements.map((statement) => ({ ...statement, onlyIf }))
}

/**
 * `onlyIf` of the statements after a batch's first, marking UPDATE … RETURNING: they match only
 * rows carrying its mark, so when it returned no row they have nothing to act on.
 */
const firstWon = (earlier: readonly StatementResult[]) => earlier[0].rows.length > 0

/** `onlyIf` of statements that act only when the first statement returned `column` = 0. */
const firstLeftZero = (column: string) => (earlier: readonly StatementResult[]) =>
  earlier[0].rows.length > 0 && Number(earlier[0].rows[0][column]) === 0

/**
 * One view as one write batch: the conditional UPDATE that uses it (the only place views are
 * counted), then `readBytes`, which acts only if this request's mark won (a text push reads its
 * bytes; a file push registers its download), the `viewed` event and, on the last view, the end
 * of the push. Null when no view could be used.
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
              RETURNING views_remaining`,
        args: [mark, passChecked ? 1 : 0, id, now],
        one: true,
      },
      { ...readBytes(mark), onlyIf: firstWon },
      { ...eventInsert(id, 'viewed', now, actor, null, mark), onlyIf: firstWon },
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

    /** endPush for many pushes in one transaction (the sweeper's batches); how many it ended. */
    async endPushes(ids: string[], reason: EndReason, now: number, actor: Actor): Promise<number> {
      if (ids.length === 0) return 0
      const perPush = ids.map((id) => endStatements(id, reason, now, actor, newMark()))
      const results = await statements.batch(perPush.flat(), 'write')
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
            sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
                  SELECT id, 'failed_view', ?, ?, ?, ? FROM pushes WHERE id = ? AND ${counted} < ?`,
            args: [now, actor.ip, actor.userAgent, reason, id, cap],
          },
          { sql: `UPDATE pushes SET ${counted} = ${counted} + 1 WHERE id = ?`, args: [id] },
        ],
        'write',
      )
    },

    /**
     * Takes one of the passphrase checks still allowed, BEFORE the guess is compared: a guess is
     * only tested while attempts left exceed the checks in flight, so concurrent guesses can never
     * test more passphrases than the lockout allows. False: none free (or the push is over).
     */
    async reservePassphraseCheck(id: string, now: number): Promise<boolean> {
      const rs = await statements.execute({
        sql: `UPDATE pushes SET pass_checks = pass_checks + 1, pass_checked_at = ?
              WHERE id = ? AND ended_at IS NULL AND expires_at > ? AND pass_attempts_left - pass_checks > 0
              RETURNING id`,
        args: [now, id, now],
      })
      return rs.rows.length > 0
    },

    /** Gives a check back unused: the guess was right but no view could be used (yet). */
    async releasePassphraseCheck(id: string): Promise<void> {
      await statements.execute({
        sql: 'UPDATE pushes SET pass_checks = max(pass_checks - 1, 0) WHERE id = ?',
        args: [id],
      })
    },

    /**
     * Gives back the checks of pushes where none was taken since `before`: a check lives for one
     * comparison and one write, so these were left by a crash and would lock the push for good.
     */
    async releaseStaleChecks(before: number): Promise<number> {
      const rs = await statements.execute({
        // No stamp: taken before the column existed, so long ago.
        sql: `UPDATE pushes SET pass_checks = 0
              WHERE pass_checks > 0 AND (pass_checked_at IS NULL OR pass_checked_at < ?)`,
        args: [before],
      })
      return rs.rowsAffected
    },

    /** Counts a wrong passphrase and gives its check back; the last allowed one locks the push. */
    async failPassphrase(id: string, now: number, actor: Actor): Promise<PassphraseFailure> {
      const mark = newMark()
      const [left] = await statements.batch(
        [
          {
            sql: `UPDATE pushes SET pass_attempts_left = pass_attempts_left - 1,
                  pass_checks = max(pass_checks - 1, 0), write_mark = ?
                  WHERE id = ? AND ended_at IS NULL AND expires_at > ?
                  RETURNING pass_attempts_left`,
            args: [mark, id, now],
            one: true,
          },
          {
            ...eventInsert(id, 'failed_view', now, actor, 'bad_passphrase', mark),
            onlyIf: firstWon,
          },
          ...endWhenMarked(
            id,
            'pass_attempts_left = 0',
            'locked',
            now,
            actor,
            mark,
            firstLeftZero('pass_attempts_left'),
          ),
        ],
        'write',
      )
      if (left.rows.length === 0) return null
      const attemptsRemaining = Number(left.rows[0].pass_attempts_left)
      return { attemptsRemaining, locked: attemptsRemaining === 0 }
    },

    async listEvents(id: string): Promise<EventRow[]> {
      const rows = await db
        .select()
        .from(events)
        .where(eq(events.pushId, id))
        .orderBy(asc(events.id))
        .all()
      return rows.map((r) => ({
        kind: r.kind as EventKind,
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
     * Removes pushes that ended before `before`, with their events, `limit` at a time. Each round
     * is one batch choosing the same rows thrice, so racing sweepers only ever delete twice.
     */
    async purgeEndedBefore(before: number, limit = 500): Promise<number> {
      const chosen = `SELECT id FROM pushes WHERE ended_at IS NOT NULL AND ended_at < ?
                      ORDER BY ended_at, id LIMIT ?`
      // Explicit, not ON DELETE CASCADE: a libSQL server may not enforce foreign keys.
      return deleteInRounds(statements, chosen, before, limit, [
        { table: 'events', where: 'push_id' },
        { table: 'ciphertexts', where: 'push_id' },
        { table: 'pushes', where: 'id' },
      ])
    },

    async ping(): Promise<boolean> {
      const rs = await statements.execute('SELECT 1 AS ok')
      return rs.rows.length === 1
    },
  }
}

export type Store = ReturnType<typeof createStore>
