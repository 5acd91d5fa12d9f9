// Opens the database (embedded libSQL file, or a libSQL server) and brings its schema up to date.
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import * as schema from './schema'

export type Db = LibSQLDatabase<typeof schema>

export interface Database {
  client: Client
  db: Db
  /** True for an embedded file; false for a libSQL server (sqld, Turso). */
  isLocalFile: boolean
  /** Moves the WAL into the main file and truncates it, so deleted bytes leave the WAL too. */
  checkpoint(): Promise<void>
  close(): void
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations')

// secure_delete zeroes freed pages; WAL + synchronous=NORMAL survives process crashes without
// losing committed transactions (a power cut may lose the last ones, never corrupt the file).
const FILE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA secure_delete = ON',
  'PRAGMA foreign_keys = ON',
]

function isFileUrl(url: string): boolean {
  return url.startsWith('file:') || url === ':memory:'
}

function ensureDirectory(url: string): void {
  if (!url.startsWith('file:')) return
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
  if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
}

export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const isLocalFile = isFileUrl(url)
  ensureDirectory(url)
  // One connection for a file: PRAGMAs hold per connection, and one writer avoids SQLITE_BUSY.
  const client = createClient({ url, authToken, concurrency: isLocalFile ? 1 : undefined })
  if (isLocalFile) {
    for (const pragma of FILE_PRAGMAS) await client.execute(pragma)
  } else {
    await client.execute('PRAGMA foreign_keys = ON').catch(() => undefined)
  }
  const db = drizzle(client, { schema })
  await migrate(db, { migrationsFolder: MIGRATIONS })
  return {
    client,
    db,
    isLocalFile,
    async checkpoint() {
      if (isLocalFile) await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    },
    close: () => client.close(),
  }
}
