// Opens the database (embedded libSQL file, or a libSQL server) and brings its schema up to date.
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient, type Client } from '@libsql/client'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { retryWhenBusy, withRetries } from './busy-retry'
import { startCheckpointer, type Checkpointer } from './checkpointer'
import { openPrepared, type Statements, type Stmt } from './prepared'
import * as schema from '../schema'

export type Db = LibSQLDatabase<typeof schema>

export interface Database {
  client: Client
  db: Db
  /**
   * Where the store runs its statements: for a file, a second connection that keeps them
   * prepared (so never hold an interactive `client.transaction()` open across an await);
   * for a server, `client` itself.
   */
  statements: Statements
  /** True for an embedded file; false for a libSQL server (sqld, Turso). */
  isLocalFile: boolean
  /** Moves the WAL into the main file and truncates it, so deleted bytes leave the WAL too. */
  checkpoint(): Promise<void>
  /** Checkpoints run so far by the background worker; null when there is none (server, memory). */
  readonly backgroundCheckpoints: number | null
  /**
   * Closes the connections, and waits for the checkpoint worker to end. `checkpoint` (a clean
   * shutdown) first folds the WAL back into the main file, whatever that costs; a failure there
   * does not keep the database open.
   */
  close(options?: { checkpoint?: boolean }): Promise<void>
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations')

// secure_delete zeroes freed pages; WAL + synchronous=NORMAL survives process crashes without
// losing committed transactions (a power cut may lose the last ones, never corrupt the file).
const FILE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA secure_delete = ON',
  'PRAGMA foreign_keys = ON',
]

/** SQLite's own checkpoint after a commit that takes the WAL past 1,000 pages (its default). */
const AUTOCHECKPOINT = 'PRAGMA wal_autocheckpoint = 1000'
const NO_AUTOCHECKPOINT = 'PRAGMA wal_autocheckpoint = 0'

function isFileUrl(url: string): boolean {
  return url.startsWith('file:') || url === ':memory:'
}

function ensureDirectory(url: string): void {
  if (!url.startsWith('file:')) return
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
  if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
}

/**
 * `task`, run on the next turn of the event loop and shared by every call until it starts: when
 * many pushes end at once (single-view reveals under load), one checkpoint serves them all, where
 * one each cost more than the reveals themselves. Each caller's own writes precede the run.
 */
function oncePerTurn(task: () => Promise<void>): () => Promise<void> {
  let next: Promise<void> | null = null
  return () =>
    (next ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        next = null
        task().then(resolve, reject)
      }),
    ))
}

/** The path of a plain database file; null for memory, URL options or a server. */
function plainFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null
  const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
  return path && !path.includes(':memory:') && !path.includes('?') ? path : null
}

/**
 * Write batches one process keeps in flight on a libSQL server. With 200 at once, some never
 * came back from sqld (in about a third of runs, @libsql/client 0.18 and the sqld the recipes
 * pin); with 4, none did, and the whole burst finished sooner: sqld runs one write at a time.
 */
const SERVER_WRITE_BATCHES = 4

/** The client as the store's Statements: a server gets the SQL and arguments, never the hints. */
function serverStatements(client: Client): Statements {
  const plain = (s: Stmt | string) =>
    typeof s === 'string' ? s : { sql: s.sql, args: s.args ?? [] }
  let active = 0
  const waiting: (() => void)[] = []
  return {
    execute: (s) => client.execute(plain(s)),
    async batch(stmts, mode) {
      while (active >= SERVER_WRITE_BATCHES) await new Promise<void>((go) => waiting.push(go))
      active++
      try {
        return await client.batch(stmts.map(plain), mode)
      } finally {
        active--
        waiting.shift()?.()
      }
    },
  }
}

export interface DatabaseOptions {
  /** The WAL size past which the checkpoint worker starts it over (checkpointer.ts). */
  walLimitBytes?: number
}

export async function openDatabase(
  url: string,
  authToken?: string,
  options: DatabaseOptions = {},
): Promise<Database> {
  const isLocalFile = isFileUrl(url)
  ensureDirectory(url)
  // One connection for a file: PRAGMAs hold per connection, and one writer avoids SQLITE_BUSY.
  const client = createClient({ url, authToken, concurrency: isLocalFile ? 1 : undefined })
  if (isLocalFile) {
    for (const pragma of FILE_PRAGMAS) await client.execute(pragma)
  } else {
    retryWhenBusy(client)
    await client.execute('PRAGMA foreign_keys = ON').catch(() => undefined)
  }
  const db = drizzle(client, { schema })
  // Replicas starting together on one libSQL server race to migrate it: the loser's batch fails
  // as a whole, and its next try reads the winner's journal and finds nothing left to do.
  await withRetries(() => migrate(db, { migrationsFolder: MIGRATIONS }), {
    attempts: isLocalFile ? 1 : 6,
    baseDelayMs: 50,
    maxDelayMs: 1000,
    retryOn: () => true,
  })
  const path = plainFilePath(url)
  // A plain file: its connections leave checkpoints to a background worker (checkpointer.ts).
  let checkpointer: Checkpointer | null = null
  if (path) await client.execute(NO_AUTOCHECKPOINT)
  const prepared = path
    ? openPrepared(
        path,
        [...FILE_PRAGMAS, NO_AUTOCHECKPOINT],
        () => checkpointer?.wrote(),
        () => checkpointer?.writesMayStart() ?? null,
      )
    : null
  if (path && prepared) {
    checkpointer = startCheckpointer({
      path,
      pragmas: FILE_PRAGMAS,
      walLimitBytes: options.walLimitBytes,
      onFailure(error) {
        console.error(
          JSON.stringify({
            level: 'error',
            msg: 'background checkpoints stopped; the server connections checkpoint again',
            error: String(error),
          }),
        )
        checkpointer = null
        void client.execute(AUTOCHECKPOINT).catch(() => undefined)
        void prepared.execute(AUTOCHECKPOINT).catch(() => undefined)
      },
    })
  }
  const statements = prepared ?? serverStatements(client)
  const checkpoint = oncePerTurn(async () => {
    if (!isLocalFile) return
    // On the worker, off the event loop; here only if there is none (any more).
    const done = await checkpointer?.truncate().then(
      () => true,
      () => false,
    )
    if (!done) await statements.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  })
  return {
    client,
    db,
    statements,
    isLocalFile,
    checkpoint,
    get backgroundCheckpoints() {
      return checkpointer?.runs ?? null
    },
    async close(options: { checkpoint?: boolean } = {}) {
      if (options.checkpoint) await checkpoint().catch(() => undefined)
      prepared?.close()
      client.close()
      await checkpointer?.close()
    },
  }
}
