// The admin page's reads (server/admin/): counts of pushes and requests, bytes stored, failed
// views per day and by address, and the admin log. Cold reads an admin asks for now and then:
// they scan their tables (no index serves them, so no write pays for one). Never any content:
// no ciphertext, no label.
import {
  ADMIN_FAILURE_DAYS,
  ADMIN_TOP_ADDRESSES,
  DAY_SECONDS,
  END_REASONS,
  PUSH_KINDS,
  type AdminAction,
  type EndReason,
  type PushKind,
} from '../../src/lib/protocol'
import type { AdminLogRow } from './admin-schema'
import { tableReader, type Database, type Stmt } from './sqlite'
import { adminLog } from './schema'

const DAY_MS = DAY_SECONDS * 1000

export interface InstanceCounts {
  byKind: { kind: PushKind; active: number; ended: number }[]
  byEndReason: { reason: EndReason; count: number }[]
  bytes: { ciphertexts: number; files: number; total: number }
  requests: { open: number; closed: number }
}

export interface FailureCounts {
  /** Day number (ms since the epoch / a day), oldest first, every day of the window. */
  days: { day: number; count: number }[]
  topAddresses: { ip: string; count: number; lastAt: number }[]
}

/**
 * The admin log's row for an action on a push, written only when the batch's ending UPDATE won
 * (the push carries `mark`): a takedown of an already ended push logs nothing.
 */
export function adminLogInsert(
  admin: string,
  action: AdminAction,
  pushId: string,
  at: number,
  mark: string,
): Stmt {
  return {
    sql: `INSERT INTO admin_log (email, action, push_id, at)
          SELECT ?, ?, id, ? FROM pushes WHERE id = ? AND write_mark = ?`,
    args: [admin, action, at, pushId, mark],
  }
}

export function createAdminStore({ statements }: Database) {
  const logRow = tableReader(adminLog)
  const rows = async (sql: string, args: (string | number)[] = []) =>
    (await statements.execute({ sql, args })).rows

  return {
    async counts(now: number): Promise<InstanceCounts> {
      const pushRows = await rows(
        `SELECT kind, (ended_at IS NULL AND expires_at > ?) AS active,
                coalesce(end_reason, 'time') AS reason, count(*) AS n
         FROM pushes GROUP BY kind, active, reason`,
        [now],
      )
      const byKind = PUSH_KINDS.map((kind) => ({ kind, active: 0, ended: 0 }))
      const byEndReason = END_REASONS.map((reason) => ({ reason, count: 0 }))
      for (const row of pushRows) {
        const n = Number(row.n)
        const kind = byKind.find((k) => k.kind === row.kind)
        if (Number(row.active)) {
          if (kind) kind.active += n
          continue
        }
        if (kind) kind.ended += n
        const reason = byEndReason.find((r) => r.reason === row.reason)
        if (reason) reason.count += n
      }
      const [bytes] = await rows(
        `SELECT (SELECT coalesce(sum(length(data)), 0) FROM ciphertexts) AS c,
                (SELECT coalesce(sum(length(data)), 0) FROM file_chunks) AS f`,
      )
      const [requests] = await rows(
        `SELECT coalesce(sum(closed_at IS NULL AND expires_at > ?), 0) AS open, count(*) AS total
         FROM requests`,
        [now],
      )
      const ciphertexts = Number(bytes.c)
      const files = Number(bytes.f)
      const open = Number(requests.open)
      return {
        byKind,
        byEndReason,
        bytes: { ciphertexts, files, total: ciphertexts + files },
        requests: { open, closed: Number(requests.total) - open },
      }
    },

    /** Failed views of the last ADMIN_FAILURE_DAYS days (UTC), today included, as the trails hold them. */
    async failures(now: number): Promise<FailureCounts> {
      const today = Math.floor(now / DAY_MS)
      const first = today - ADMIN_FAILURE_DAYS + 1
      const since = first * DAY_MS
      const perDay = await rows(
        `SELECT at / ${DAY_MS} AS day, count(*) AS n FROM events
         WHERE kind = 'failed_view' AND at >= ? GROUP BY day`,
        [since],
      )
      const counted = new Map(perDay.map((row) => [Number(row.day), Number(row.n)]))
      const days = Array.from({ length: ADMIN_FAILURE_DAYS }, (_, i) => ({
        day: first + i,
        count: counted.get(first + i) ?? 0,
      }))
      const top = await rows(
        `SELECT ip, count(*) AS n, max(at) AS last FROM events
         WHERE kind = 'failed_view' AND at >= ? AND ip IS NOT NULL
         GROUP BY ip ORDER BY n DESC, last DESC LIMIT ?`,
        [since, ADMIN_TOP_ADDRESSES],
      )
      return {
        days,
        topAddresses: top.map((row) => ({
          ip: String(row.ip),
          count: Number(row.n),
          lastAt: Number(row.last),
        })),
      }
    },

    /** Up to `limit` entries older than `before` (an id; none: the newest), newest first. */
    async log(before: number | null, limit: number): Promise<AdminLogRow[]> {
      const found = await rows(
        `SELECT ${logRow.columns} FROM admin_log WHERE id < ? ORDER BY id DESC LIMIT ?`,
        [before ?? Number.MAX_SAFE_INTEGER, limit],
      )
      return found.map((row) => logRow.read(row))
    },
  }
}

export type AdminStore = ReturnType<typeof createAdminStore>
