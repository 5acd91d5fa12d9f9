// The store's statements on an embedded libSQL file, run on one connection that keeps each SQL
// text prepared. @libsql/client prepares every statement anew on every call, which cost more than
// running it: the hot paths (reveal, create, metadata) were several times slower through it.
//
// Write batches are group-committed: every batch asked for during one turn of the event loop runs
// in one transaction at the end of that turn, and each caller hears back only after its COMMIT.
// A commit writes its pages to the WAL (and, every 1,000 pages, checkpoints and syncs); shared by
// all the requests of a turn it costs each of them a fraction (docs/performance.md). Each batch
// stays all-or-nothing: if any statement fails, the whole group is rolled back and every batch of
// it runs again in a transaction of its own, so one bad batch never takes the others down.
import Database from 'libsql'
import type { InValue } from '@libsql/client'

export interface StatementResult {
  rows: Record<string, unknown>[]
  rowsAffected: number
}

/**
 * A statement of the store. `sql` and `args` are all a libSQL server sees; the other fields are
 * hints the embedded connection uses and a server ignores, so they must never change a result.
 */
export interface Stmt {
  sql: string
  args?: InValue[]
  /** Returns at most one row (a lookup by primary key): read with a single step. */
  one?: boolean
  /**
   * In a batch: the statement runs only when this holds of the results before it. Only for
   * statements whose own SQL condition would then match nothing, so skipping them changes
   * nothing but the time they take (they answer no rows, 0 affected).
   */
  onlyIf?: (earlier: readonly StatementResult[]) => boolean
}

/** What the store needs of a connection: a libSQL server's client is wrapped to match. */
export interface Statements {
  execute(stmt: Stmt | string): Promise<StatementResult>
  /** The statements in one write transaction, all or nothing. */
  batch(stmts: Stmt[], mode: 'write'): Promise<StatementResult[]>
}

const SKIPPED: StatementResult = Object.freeze({ rows: [], rowsAffected: 0 }) as StatementResult

type Prepared = {
  stmt: Database.Statement
  reader: boolean
  /** May change the database (anything but a SELECT or PRAGMA that returns rows). */
  writes: boolean
  /** Builds a row object from the raw array the driver gives (one object shape per statement). */
  row: (values: unknown[]) => Record<string, unknown>
}

const toDriver = (value: InValue): unknown =>
  typeof value === 'boolean'
    ? Number(value)
    : value instanceof ArrayBuffer
      ? Buffer.from(value)
      : value

/**
 * A function that turns `[v0, v1, …]` into `{ name0: v0, name1: v1, … }`, compiled once per
 * statement: an object literal of fixed shape costs a fraction of the driver's own row objects.
 * The names are the statement's result columns, quoted with JSON.stringify.
 */
function rowBuilder(names: string[]): Prepared['row'] {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')
  return new Function('v', `return { ${fields} }`) as Prepared['row']
}

export interface PreparedConnection extends Statements {
  close(): void
}

interface Job {
  stmts: Stmt[]
  resolve(results: StatementResult[]): void
  reject(err: unknown): void
}

/**
 * Opens `path` with `pragmas` applied. Statements run synchronously, and a group's transaction
 * runs from BEGIN to COMMIT without yielding, so it never interleaves with anything else this
 * process does on the file.
 */
export function openPrepared(
  path: string,
  pragmas: readonly string[],
  /** Called after each statement or transaction that may have changed the database. */
  onWrite: () => void = () => undefined,
  /** Null when writes may start; else when they may (another connection is about to hold the lock). */
  writeGate: () => Promise<void> | null = () => null,
): PreparedConnection {
  const db = new Database(path)
  for (const pragma of pragmas) db.exec(pragma)
  const cache = new Map<string, Prepared>()

  const prepare = (sql: string): Prepared => {
    let prepared = cache.get(sql)
    if (!prepared) {
      const stmt = db.prepare(sql)
      const reader = stmt.reader
      if (reader) stmt.raw(true)
      const names = reader ? stmt.columns().map((c: { name: string }) => c.name) : []
      const writes = !(reader && /^\s*(SELECT|PRAGMA)\b/i.test(sql))
      prepared = { stmt, reader, writes, row: rowBuilder(names) }
      cache.set(sql, prepared)
    }
    return prepared
  }

  const run = (statement: Stmt | string, prepared?: Prepared): StatementResult => {
    const {
      sql,
      args = [],
      one = false,
    } = typeof statement === 'string' ? { sql: statement } : statement
    const { stmt, reader, writes, row } = prepared ?? prepare(sql)
    const values = args.map(toDriver)
    let result: StatementResult
    if (!reader) result = { rows: [], rowsAffected: stmt.run(values).changes }
    else if (one) {
      const first = stmt.get(values) as unknown[] | undefined
      result = { rows: first ? [row(first)] : [], rowsAffected: 0 }
    } else result = { rows: (stmt.all(values) as unknown[][]).map(row), rowsAffected: 0 }
    // In a transaction, its COMMIT reports the write.
    if (writes && !db.inTransaction) onWrite()
    return result
  }

  const runBatch = (stmts: Stmt[]): StatementResult[] => {
    const results: StatementResult[] = []
    for (const s of stmts) results.push(s.onlyIf && !s.onlyIf(results) ? SKIPPED : run(s))
    return results
  }

  const begin = prepare('BEGIN IMMEDIATE').stmt
  const commit = prepare('COMMIT').stmt
  const rollback = prepare('ROLLBACK').stmt
  const rollbackIfOpen = () => {
    if (db.inTransaction) rollback.run()
  }

  /** One batch in a transaction of its own. */
  const runAlone = (job: Job) => {
    try {
      begin.run()
      const results = runBatch(job.stmts)
      commit.run()
      onWrite()
      job.resolve(results)
    } catch (err) {
      rollbackIfOpen()
      job.reject(err)
    }
  }

  let queue: Job[] = []
  const flush = () => {
    // Waiting here, not in SQLite's busy handler, which would sleep on the event loop.
    const gate = writeGate()
    if (gate) return void gate.then(() => setImmediate(flush))
    const jobs = queue
    queue = []
    if (jobs.length === 1) return runAlone(jobs[0])
    const done: StatementResult[][] = []
    try {
      begin.run()
      for (const job of jobs) done.push(runBatch(job.stmts))
      commit.run()
      onWrite()
    } catch {
      // Which batch failed, and whether the others would have, is only known by running each on
      // its own: nothing of the group was committed.
      rollbackIfOpen()
      for (const job of jobs) runAlone(job)
      return
    }
    jobs.forEach((job, i) => job.resolve(done[i]))
  }

  return {
    async execute(statement) {
      const prepared = prepare(typeof statement === 'string' ? statement : statement.sql)
      if (prepared.writes) {
        const gate = writeGate()
        if (gate) await gate
      }
      return run(statement, prepared)
    },
    batch(stmts) {
      return new Promise((resolve, reject) => {
        if (queue.push({ stmts, resolve, reject }) === 1) setImmediate(flush)
      })
    },
    close() {
      if (queue.length) flush()
      cache.clear()
      if (db.open) db.close()
    },
  }
}
