// The SQLite machinery, behind one door: the rest of the server opens a Database here and runs
// its statements through `Statements`, never through the files of this folder.
//
// What it guarantees (tests beside each file; numbers and reasons in docs/performance.md):
// - Atomic batches. `statements.batch(stmts, 'write')` is all or nothing. Batches asked for in
//   one turn of the event loop are group-committed in one transaction (prepared.ts); if one
//   fails, the group is rolled back and each batch runs again alone, so one bad batch never
//   takes another down.
// - Durability. A write's promise resolves only after the COMMIT that holds it: once a request
//   has answered, its write survives kill -9 (WAL, synchronous = NORMAL;
//   server/durability.test.ts).
// - Bytes gone after an end. Every connection runs with secure_delete = ON, and `checkpoint()`
//   (one per turn, shared by all callers: client.ts) moves the WAL into the main file and
//   truncates it, on a worker thread (checkpointer.ts), so a deleted push leaves no copy in any
//   database file. Only the ending service (server/pushes/ending.ts) and the sweeper call it.
// - No stalls. Statements stay prepared (prepared.ts), rows are built by compiled readers
//   (rows.ts), a checkpoint holding the write lock makes writes wait asynchronously, and a
//   libSQL server's SQLITE_BUSY is retried with backoff (busy-retry.ts).
export { openDatabase, type Database, type DatabaseOptions, type Db } from './client'
export type { StatementResult, Statements, Stmt } from './prepared'
export { blobBytes, tableReader, type TableReader } from './rows'
