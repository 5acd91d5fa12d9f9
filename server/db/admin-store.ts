// The admin page's reads (server/admin/): counts of pushes and requests, bytes stored, failed
// views per day and by address, and the admin log. Cold reads an admin asks for now and then, so
// no write pays for them: the counts scan their tables a slice at a time (sliced-sums.ts), so
// requests run between slices; only failed views, rate-limited, pay for the index the failure
// counts read (events_failed_view). Never any content: no ciphertext, no label.
import { setImmediate as nextTurn } from 'node:timers/promises'
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
import { SLICE_ROWS, sumInSlices } from './sliced-sums'

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

/** An SQL string literal of one of the protocol's names (kinds, end reasons). */
const literal = (name: string) => `'${name.replaceAll("'", "''")}'`

export function createAdminStore(
  { statements }: Database,
  /** Rows per statement of the counts' scans (sliced-sums.ts); tests pass a few. */
  sliceRows = SLICE_ROWS,
) {
  const logRow = tableReader(adminLog)
  const rows = async (sql: string, args: (string | number)[] = []) =>
    (await statements.execute({ sql, args })).rows

  return {
    async counts(now: number): Promise<InstanceCounts> {
      const pushes = await sumInSlices(
        statements,
        {
          table: 'pushes',
          columns: `kind, (ended_at IS NULL AND expires_at > ?) AS active,
                    coalesce(end_reason, 'time') AS reason`,
          args: [now],
          sums: Object.fromEntries([
            ...PUSH_KINDS.flatMap((kind) => [
              [`active ${kind}`, `kind = ${literal(kind)} AND active`],
              [`ended ${kind}`, `kind = ${literal(kind)} AND NOT active`],
            ]),
            ...END_REASONS.map((reason) => [reason, `reason = ${literal(reason)} AND NOT active`]),
          ]),
        },
        sliceRows,
      )
      const bytes = (table: string) =>
        sumInSlices(
          statements,
          { table, columns: 'length(data) AS bytes', sums: { bytes: 'bytes' } },
          sliceRows,
        )
      const { bytes: ciphertexts } = await bytes('ciphertexts')
      const { bytes: files } = await bytes('file_chunks')
      const requests = await sumInSlices(
        statements,
        {
          table: 'requests',
          columns: '(closed_at IS NULL AND expires_at > ?) AS open',
          args: [now],
          sums: { open: 'open', total: '1' },
        },
        sliceRows,
      )
      return {
        byKind: PUSH_KINDS.map((kind) => ({
          kind,
          active: pushes[`active ${kind}`],
          ended: pushes[`ended ${kind}`],
        })),
        byEndReason: END_REASONS.map((reason) => ({ reason, count: pushes[reason] })),
        bytes: { ciphertexts, files, total: ciphertexts + files },
        requests: { open: requests.open, closed: requests.total - requests.open },
      }
    },

    /** Failed views of the last ADMIN_FAILURE_DAYS days (UTC), today included, as the trails hold them. */
    async failures(now: number): Promise<FailureCounts> {
      const first = Math.floor(now / DAY_MS) - ADMIN_FAILURE_DAYS + 1
      const days: FailureCounts['days'] = []
      const byAddress = new Map<string, { ip: string; count: number; lastAt: number }>()
      // A day per statement, read from events_failed_view: its GROUP BY sorts only that day's
      // failed views, and requests run between days.
      for (let day = first; day < first + ADMIN_FAILURE_DAYS; day++) {
        if (day > first) await nextTurn()
        const perAddress = await rows(
          `SELECT ip, count(*) AS n, max(at) AS last FROM events
           WHERE kind = 'failed_view' AND at >= ? AND at < ? GROUP BY ip`,
          [day * DAY_MS, (day + 1) * DAY_MS],
        )
        let count = 0
        for (const row of perAddress) {
          const n = Number(row.n)
          count += n
          if (row.ip === null) continue
          const ip = String(row.ip)
          const seen = byAddress.get(ip)
          const last = Number(row.last)
          if (!seen) byAddress.set(ip, { ip, count: n, lastAt: last })
          else Object.assign(seen, { count: seen.count + n, lastAt: Math.max(seen.lastAt, last) })
        }
        days.push({ day, count })
      }
      const topAddresses = [...byAddress.values()]
        .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || (a.ip < b.ip ? -1 : 1))
        .slice(0, ADMIN_TOP_ADDRESSES)
      return { days, topAddresses }
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
