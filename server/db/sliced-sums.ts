// Sums over a whole table, read a slice of rows per statement. On a file the statements run on
// the event loop (sqlite/prepared.ts): one statement over a million pushes held every request
// back for seconds. A slice is a short read of its own, so it never holds the snapshot a long
// read would (which keeps the checkpointer's TRUNCATE waiting), and other requests run between
// slices. The same SQL runs on a libSQL server.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { InValue } from '@libsql/client'
import type { Statements } from './sqlite'

/**
 * Rows one statement reads: 10,000 pushes, with the admin overview's 14 sums, took 13–19 ms
 * (34 at most) on a shared 2-core VM; 10,000 ciphertexts' lengths about 10 (docs/performance.md
 * "Admin overview on a large instance").
 */
export const SLICE_ROWS = 10_000

export interface SlicedSums {
  /** A rowid table (one not declared WITHOUT ROWID: every table of this schema). */
  table: string
  /** What each row gives the sums, `expression AS name, …`; its `?` are bound from `args`. */
  columns: string
  args?: InValue[]
  /** The sums to return, by name: SQL expressions over `columns`' names, summed over the rows. */
  sums: Record<string, string>
}

// Below any rowid SQLite assigns (they start at 1), and below any explicit one a number can hold.
const BEFORE_FIRST_ROWID = Number.MIN_SAFE_INTEGER

/**
 * Each sum of `scan` over every row of its table, as one statement over the whole table would
 * give them, but read `sliceRows` rows at a time in rowid order, with a turn of the event loop
 * between slices. Not one snapshot: a row that changes while the scan runs counts once, as it
 * was when its slice was read.
 */
export async function sumInSlices(
  statements: Statements,
  scan: SlicedSums,
  sliceRows = SLICE_ROWS,
): Promise<Record<string, number>> {
  const names = Object.keys(scan.sums)
  // Sums in columns, not GROUP BY: a sum costs in proportion to the rows, a GROUP BY's sort more.
  const sql = `SELECT count(*) AS slice_rows, max(slice_rowid) AS slice_last,
      ${names.map((name) => `sum(${scan.sums[name]}) AS "${name}"`).join(', ')}
    FROM (SELECT rowid AS slice_rowid, ${scan.columns} FROM ${scan.table}
          WHERE rowid > ? ORDER BY rowid LIMIT ?)`
  const totals: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]))
  let after = BEFORE_FIRST_ROWID
  for (;;) {
    const args = [...(scan.args ?? []), after, sliceRows]
    const [slice] = (await statements.execute({ sql, args, one: true })).rows
    for (const name of names) totals[name] += Number(slice[name] ?? 0)
    if (Number(slice.slice_rows) < sliceRows) return totals
    after = Number(slice.slice_last)
    await nextTurn()
  }
}
