// Reads rows of a drizzle table from plain SQL results: the SELECT list and the column mapping
// are worked out once from the schema, so hot reads skip drizzle's per-call query building.
import { getTableColumns, type InferSelectModel } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'

export interface TableReader<T extends SQLiteTable> {
  /** Every column of the table, quoted, for `SELECT ${columns} FROM …`. */
  columns: string
  /** One result row (keyed by column name) as drizzle's select model of the table. */
  read(row: Record<string, unknown>): InferSelectModel<T>
}

export function tableReader<T extends SQLiteTable>(table: T): TableReader<T> {
  const fields = Object.entries(getTableColumns(table))
  return {
    columns: fields.map(([, column]) => `"${column.name}"`).join(', '),
    read(row) {
      const out: Record<string, unknown> = {}
      for (const [key, column] of fields) {
        const value = row[column.name]
        out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
      }
      return out as InferSelectModel<T>
    },
  }
}

/** A blob as bytes, whether the driver gave a Buffer (embedded file) or an ArrayBuffer (server). */
export const blobBytes = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer)
