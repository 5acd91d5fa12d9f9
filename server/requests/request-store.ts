// The request store: every query about requests. Answering is one batch whose first UPDATE takes
// an answer slot (only while the request is open), so no more answers than allowed ever land.
import type { RequestEventKind } from '../../src/lib/protocol'
import { tableReader, type Database, type Stmt } from '../db/sqlite'
import type { SealedKind } from '../../src/lib/protocol'
import { pushes, requestEvents, requests, type PushRow, type RequestRow } from '../db/schema'
import {
  NEW_PUSH_COLUMNS,
  NEW_PUSH_PLACEHOLDERS,
  deleteInRounds,
  newMark,
  newPushValues,
  type Actor,
  type NewPush,
} from '../db/push-statements'

export type { RequestRow }

export interface NewRequest {
  id: string
  ownerTokenHash: Uint8Array
  publicKey: string
  label: string
  answersAllowed: number
  pushViews: number
  pushSeconds: number
  createdAt: number
  expiresAt: number
}

export interface RequestEventRow {
  kind: RequestEventKind
  at: number
  ip: string | null
  userAgent: string | null
  reason: string | null
}

function requestEvent(
  requestId: string,
  kind: RequestEventKind,
  at: number,
  actor: Actor,
  reason: string | null,
  mark?: string,
): Stmt {
  const values = [requestId, kind, at, actor.ip, actor.userAgent, reason]
  if (mark === undefined) {
    return {
      sql: 'INSERT INTO request_events (request_id, kind, at, ip, user_agent, reason) VALUES (?, ?, ?, ?, ?, ?)',
      args: values,
    }
  }
  return {
    sql: `INSERT INTO request_events (request_id, kind, at, ip, user_agent, reason)
          SELECT ?, ?, ?, ?, ?, ? FROM requests WHERE id = ? AND write_mark = ?`,
    args: [...values, requestId, mark],
  }
}

/** An answer push: sealed by a sender as JSON, never a file stream. */
export type AnswerRow = PushRow & { kind: SealedKind }

const isAnswer = (push: PushRow): push is AnswerRow => push.kind !== 'file'

export function createRequestStore(database: Database) {
  const { statements } = database
  const requestRow = tableReader(requests)
  const pushRow = tableReader(pushes)
  const eventRow = tableReader(requestEvents)
  const pushColumns = pushRow.columns
    .split(', ')
    .map((column) => 'p.' + column)
    .join(', ')

  return {
    async createRequest(r: NewRequest, actor: Actor): Promise<void> {
      await statements.batch(
        [
          {
            sql: `INSERT INTO requests (id, owner_token_hash, public_key, label, answers_allowed, push_views,
                  push_seconds, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            args: [
              r.id,
              r.ownerTokenHash,
              r.publicKey,
              r.label,
              r.answersAllowed,
              r.pushViews,
              r.pushSeconds,
              r.createdAt,
              r.expiresAt,
            ],
          },
          requestEvent(r.id, 'request_created', r.createdAt, actor, null),
        ],
        'write',
      )
    },

    async findRequest(id: string): Promise<RequestRow | undefined> {
      const rs = await statements.execute({
        sql: `SELECT ${requestRow.columns} FROM requests WHERE id = ?`,
        args: [id],
      })
      return rs.rows.length ? requestRow.read(rs.rows[0]) : undefined
    },

    /**
     * Stores `push` as an answer if the request is open, unexpired and has an answer left; closes
     * the request on its last one. Null when no slot was free (nothing is stored then).
     */
    async answerRequest(
      requestId: string,
      push: NewPush,
      actor: Actor,
    ): Promise<{ answersRemaining: number } | null> {
      const mark = newMark()
      const won = `EXISTS (SELECT 1 FROM requests WHERE id = ? AND write_mark = ?)`
      const [slot] = await statements.batch(
        [
          {
            sql: `UPDATE requests SET answers_used = answers_used + 1, write_mark = ?
                  WHERE id = ? AND closed_at IS NULL AND answers_used < answers_allowed AND expires_at > ?
                  RETURNING answers_allowed - answers_used AS remaining`,
            args: [mark, requestId, push.createdAt],
          },
          {
            sql: `INSERT INTO pushes (${NEW_PUSH_COLUMNS}) SELECT ${NEW_PUSH_PLACEHOLDERS} WHERE ${won}`,
            args: [...newPushValues(push, push.kind, push.ciphertext.length), requestId, mark],
          },
          {
            sql: `INSERT INTO ciphertexts (push_id, data) SELECT ?, ? WHERE ${won}`,
            args: [push.id, push.ciphertext, requestId, mark],
          },
          {
            sql: `INSERT INTO request_answers (push_id, request_id, created_at) SELECT ?, ?, ? WHERE ${won}`,
            args: [push.id, requestId, push.createdAt, requestId, mark],
          },
          // The push row exists only if the slot was won: its 'created' event follows it.
          {
            sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
                  SELECT id, 'created', ?, ?, ?, NULL FROM pushes WHERE id = ?`,
            args: [push.createdAt, actor.ip, actor.userAgent, push.id],
          },
          requestEvent(requestId, 'request_answered', push.createdAt, actor, null, mark),
          {
            sql: `INSERT INTO request_events (request_id, kind, at, ip, user_agent, reason)
                  SELECT id, 'request_closed', ?, ?, ?, 'answers' FROM requests
                  WHERE id = ? AND write_mark = ? AND answers_used >= answers_allowed`,
            args: [push.createdAt, actor.ip, actor.userAgent, requestId, mark],
          },
          {
            sql: `UPDATE requests SET closed_at = ?, close_reason = 'answers'
                  WHERE id = ? AND write_mark = ? AND answers_used >= answers_allowed`,
            args: [push.createdAt, requestId, mark],
          },
        ],
        'write',
      )
      if (slot.rows.length === 0) return null
      return { answersRemaining: Number(slot.rows[0].remaining) }
    },

    /** The answer pushes of a request, oldest first (purged ones are gone from the list). */
    async listAnswers(requestId: string): Promise<AnswerRow[]> {
      const rs = await statements.execute({
        sql: `SELECT ${pushColumns} FROM request_answers a JOIN pushes p ON p.id = a.push_id
              WHERE a.request_id = ? ORDER BY a.created_at, a.rowid`,
        args: [requestId],
      })
      return rs.rows.map((row) => pushRow.read(row)).filter(isAnswer)
    },

    /** Whether `pushId` is an answer of `requestId`. */
    async isAnswerOf(requestId: string, pushId: string): Promise<boolean> {
      const rs = await statements.execute({
        sql: 'SELECT 1 FROM request_answers WHERE push_id = ? AND request_id = ?',
        args: [pushId, requestId],
      })
      return rs.rows.length > 0
    },

    async listRequestEvents(requestId: string): Promise<RequestEventRow[]> {
      const rs = await statements.execute({
        sql: `SELECT ${eventRow.columns} FROM request_events WHERE request_id = ? ORDER BY id`,
        args: [requestId],
      })
      return rs.rows.map((row) => {
        const { kind, at, ip, userAgent, reason } = eventRow.read(row)
        return { kind, at, ip, userAgent, reason }
      })
    },

    /**
     * Removes requests closed before `before` (by their last answer, or by time: `expires_at`),
     * with their events, answer links and owner, `limit` at a time. A request with an answer still
     * active stays, so its owner can reveal it; answers are pushes and follow push retention.
     */
    async purgeClosedBefore(before: number, limit = 500): Promise<number> {
      const chosen = `SELECT r.id FROM requests r WHERE COALESCE(r.closed_at, r.expires_at) < ?
                      AND NOT EXISTS (SELECT 1 FROM request_answers a JOIN pushes p ON p.id = a.push_id
                                      WHERE a.request_id = r.id AND p.ended_at IS NULL)
                      ORDER BY r.id LIMIT ?`
      return deleteInRounds(statements, chosen, before, limit, [
        { table: 'request_events', where: 'request_id' },
        { table: 'request_answers', where: 'request_id' },
        { table: 'request_owners', where: 'request_id' },
        { table: 'requests', where: 'id' },
      ])
    },
  }
}

export type RequestStore = ReturnType<typeof createRequestStore>
