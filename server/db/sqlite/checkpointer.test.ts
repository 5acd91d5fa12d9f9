// Background checkpoints: the server's connections never checkpoint (so never fsync) themselves;
// a worker copies committed pages into the database file shortly after writes.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { openDatabase, type Database } from './client'

let dir: string
let path: string
let database: Database

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-checkpointer-'))
  path = join(dir, 'hushlink.db')
  database = await openDatabase(`file:${path}`)
  await database.statements.execute('CREATE TABLE filler (b BLOB)')
  await database.checkpoint()
})
afterEach(async () => {
  await database.close()
  rmSync(dir, { recursive: true, force: true })
})

const size = (file: string) => statSync(file).size
/** `megabytes` of rows in one write batch (so in one turn, one transaction). */
const fill = (megabytes: number) =>
  database.statements.batch(
    Array.from({ length: megabytes * 10 }, () => ({
      sql: 'INSERT INTO filler (b) VALUES (randomblob(100000))',
    })),
    'write',
  )

it('leaves a commit past 1,000 WAL pages in the WAL: the server connection does not checkpoint', async () => {
  const before = size(path)
  await fill(8) // ~2,000 pages: SQLite's default would checkpoint at this commit
  expect(size(path + '-wal')).toBeGreaterThan(8_000_000)
  expect(size(path)).toBe(before)
})

it('copies committed pages into the database file in the background', async () => {
  const before = size(path)
  const runs = database.backgroundCheckpoints!
  await fill(2)
  // The worker copies the pages, then says so: wait for both.
  await vi.waitFor(
    () => {
      expect(size(path)).toBeGreaterThan(before + 2_000_000)
      expect(database.backgroundCheckpoints).toBeGreaterThan(runs)
    },
    { timeout: 5000 },
  )
})

it('truncates the WAL on checkpoint(), after any background checkpoint in flight', async () => {
  await fill(2)
  await new Promise((resolve) => setTimeout(resolve, 100)) // the worker may be at it now
  await database.checkpoint()
  expect(size(path + '-wal')).toBe(0)
  expect(size(path)).toBeGreaterThan(2_000_000)
})

it('holds writes back while the worker truncates, instead of sleeping on the event loop', async () => {
  await fill(8) // a WAL of ~2,000 pages takes the worker a while to copy and sync
  const order: string[] = []
  const checkpoint = database.checkpoint().then(() => order.push('checkpoint'))
  await new Promise((resolve) => setImmediate(resolve)) // the checkpoint has started
  const write = fill(1).then(() => order.push('write'))
  await Promise.all([checkpoint, write])
  expect(order).toEqual(['checkpoint', 'write'])
  expect(size(path + '-wal')).toBeLessThan(2_000_000) // only the write after it
})

it('keeps the WAL file bounded under steady writes, where passive checkpoints never catch up', async () => {
  const bounded = await openDatabase(`file:${join(dir, 'bounded.db')}`, undefined, {
    walLimitBytes: 2_000_000,
  })
  try {
    await bounded.statements.execute('CREATE TABLE filler (b BLOB)')
    // 40 MB in 50 kB writes a millisecond apart, as a server under steady load writes: the
    // passive checkpoint is never done before the next write comes.
    for (let written = 0; written < 40_000_000; written += 50_000) {
      await bounded.statements.batch(
        [{ sql: 'INSERT INTO filler (b) VALUES (randomblob(50000))' }],
        'write',
      )
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    // Without the limit the WAL holds every frame written: more than 40 MB.
    expect(size(join(dir, 'bounded.db-wal'))).toBeLessThan(20_000_000)
  } finally {
    await bounded.close()
  }
})
