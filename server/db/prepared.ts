// The store's statements on an embedded libSQL file, run on one connection that keeps each SQL
// text prepared. @libsql/client prepares every statement anew on every call, which cost more than
// running it: the hot paths (reveal, create, metadata) were several times slower through it.
import Database from 'libsql'
import type { InStatement, InValue } from '@libsql/client'

export interface StatementResult {
  rows: Record<string, unknown>[]
  rowsAffected: number
}

/** What the store needs of a connection: @libsql/client's Client has it too (for a server). */
export interface Statements {
  execute(stmt: InStatement): Promise<StatementResult>
  /** The statements in one write transaction, all or nothing. */
  batch(stmts: InStatement[], mode: 'write'): Promise<StatementResult[]>
}

type Prepared = { stmt: Database.Statement; reader: boolean }

const toDriver = (value: InValue): unknown =>
  typeof value === 'boolean'
    ? Number(value)
    : value instanceof ArrayBuffer
      ? Buffer.from(value)
      : value

export interface PreparedConnection extends Statements {
  close(): void
}

/**
 * Opens `path` with `pragmas` applied. Every call runs synchronously from start to end, so a
 * batch's transaction never interleaves with anything else this process does on the file.
 */
export function openPrepared(path: string, pragmas: readonly string[]): PreparedConnection {
  const db = new Database(path)
  for (const pragma of pragmas) db.exec(pragma)
  const cache = new Map<string, Prepared>()

  const prepare = (sql: string): Prepared => {
    let prepared = cache.get(sql)
    if (!prepared) {
      const stmt = db.prepare(sql)
      prepared = { stmt, reader: stmt.reader }
      cache.set(sql, prepared)
    }
    return prepared
  }

  const run = (statement: InStatement): StatementResult => {
    const { sql, args = [] } = typeof statement === 'string' ? { sql: statement } : statement
    const { stmt, reader } = prepare(sql)
    const values = Array.isArray(args) ? args.map(toDriver) : args
    if (reader) return { rows: stmt.all(values) as Record<string, unknown>[], rowsAffected: 0 }
    return { rows: [], rowsAffected: stmt.run(values).changes }
  }

  const begin = prepare('BEGIN IMMEDIATE').stmt
  const commit = prepare('COMMIT').stmt
  const rollback = prepare('ROLLBACK').stmt

  return {
    async execute(statement) {
      return run(statement)
    },
    async batch(statements) {
      begin.run()
      try {
        const results = statements.map(run)
        commit.run()
        return results
      } catch (err) {
        if (db.inTransaction) rollback.run()
        throw err
      }
    },
    close() {
      cache.clear()
      if (db.open) db.close()
    },
  }
}
