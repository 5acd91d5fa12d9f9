// The embedded connection: batches of one turn share a commit, a failing batch fails alone, and
// `onlyIf` skips a statement without changing any other result.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openPrepared, type PreparedConnection } from './prepared'

let dir: string
let conn: PreparedConnection

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-prepared-'))
  conn = openPrepared(join(dir, 'db'), [
    'PRAGMA journal_mode = WAL',
    'PRAGMA wal_autocheckpoint = 0',
  ])
  await conn.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
})
afterEach(() => {
  conn.close()
  rmSync(dir, { recursive: true, force: true })
})

const insert = (id: number, v = 'x') => ({
  sql: 'INSERT INTO t (id, v) VALUES (?, ?)',
  args: [id, v],
})
const ids = async () => (await conn.execute('SELECT id FROM t ORDER BY id')).rows.map((r) => r.id)
/** Frames in the WAL (as a passive checkpoint reports them); then empties it. */
async function walFrames(): Promise<number> {
  const rs = await conn.execute('PRAGMA wal_checkpoint(PASSIVE)')
  await conn.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  return Number(rs.rows[0].log)
}

describe('group commit', () => {
  it('commits the batches asked for in one turn together, and answers only after', async () => {
    await walFrames()
    const pending = [1, 2, 3, 4, 5, 6].map((id) => conn.batch([insert(id)], 'write'))
    expect(await ids()).toEqual([]) // nothing runs before the turn ends
    await Promise.all(pending)
    expect(await ids()).toEqual([1, 2, 3, 4, 5, 6])
    const grouped = await walFrames()

    for (const id of [7, 8, 9, 10, 11, 12]) await conn.batch([insert(id)], 'write')
    const oneByOne = await walFrames()
    // Six commits write the table's page six times; one commit writes it once.
    expect(grouped).toBeLessThan(oneByOne)
    expect(oneByOne).toBeGreaterThanOrEqual(6)
  })

  it('rolls back a failing batch alone: the others of its turn still land, whole', async () => {
    const results = await Promise.allSettled([
      conn.batch([insert(1), insert(2)], 'write'),
      conn.batch([insert(3), insert(1)], 'write'), // 1 exists by then: UNIQUE constraint
      conn.batch([insert(4)], 'write'),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/)
    expect(await ids()).toEqual([1, 2, 4]) // 3 went with its batch
  })

  it('hands each batch its own results', async () => {
    const [a, b] = await Promise.all([
      conn.batch(
        [insert(1, 'a'), { sql: 'SELECT v FROM t WHERE id = ?', args: [1], one: true }],
        'write',
      ),
      conn.batch([insert(2, 'b'), { sql: 'SELECT v FROM t ORDER BY id', args: [] }], 'write'),
    ])
    expect(a.map((r) => r.rows)).toEqual([[], [{ v: 'a' }]])
    expect(b.map((r) => r.rows)).toEqual([[], [{ v: 'a' }, { v: 'b' }]])
    expect(a[0].rowsAffected).toBe(1)
  })
})

describe('onlyIf', () => {
  it('skips a statement when its condition fails on the results before it, and runs it otherwise', async () => {
    await conn.execute(insert(1))
    const returning = (id: number) => ({
      sql: "UPDATE t SET v = 'seen' WHERE id = ? RETURNING id",
      args: [id],
      one: true,
    })
    const won = (earlier: readonly { rows: unknown[] }[]) => earlier[0].rows.length > 0
    const missed = await conn.batch([returning(99), { ...insert(50), onlyIf: won }], 'write')
    expect(missed[1]).toEqual({ rows: [], rowsAffected: 0 })
    const hit = await conn.batch([returning(1), { ...insert(51), onlyIf: won }], 'write')
    expect(hit[1].rowsAffected).toBe(1)
    expect(await ids()).toEqual([1, 51])
  })
})
