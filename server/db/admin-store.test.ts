// The admin overview's reads give what one statement over each whole table gives, though they
// read a slice of rows (or one day of failed views) per statement: every kind, end reason,
// active and ended push, gaps left by deleted rows, bytes, requests, failed views per day and by
// address. Between slices other work runs, and every statement reads by rowid or by the index.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIN_FAILURE_DAYS,
  ADMIN_TOP_ADDRESSES,
  DAY_SECONDS,
  END_REASONS,
  PUSH_KINDS,
} from '../../src/lib/protocol'
import { createAdminStore, type FailureCounts, type InstanceCounts } from './admin-store'
import { openDatabase, type Database, type Stmt } from './sqlite'

const DAY = DAY_SECONDS * 1000
const NOW = Date.UTC(2026, 11, 3, 15, 30)
let dir: string
let database: Database

const run = (sql: string, args: (string | number | null | Uint8Array)[] = []) =>
  database.statements.execute({ sql, args })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hushlink-admin-'))
  database = await openDatabase(`file:${join(dir, 'admin.db')}`)
  // 96 pushes: each kind active, past its time but not yet swept, and ended for every reason.
  for (let i = 0; i < 96; i++) {
    const state = i % 8 // 0 active, 1 expired and not swept, 2… ended for END_REASONS[state - 2]
    await run(
      `INSERT INTO pushes (id, kind, link_token_hash, owner_token_hash, expire_after_views,
       views_remaining, created_at, expires_at, ended_at, end_reason, retrieval_step,
       deletable_by_viewer, size) VALUES (?, ?, x'00', x'00', 1, 1, ?, ?, ?, ?, 0, 0, 1)`,
      [
        `p${i}`,
        PUSH_KINDS[Math.floor(i / 8) % PUSH_KINDS.length],
        NOW - DAY,
        state === 1 ? NOW - (i % 3) : NOW + DAY, // expired exactly now counts as ended too
        state >= 2 ? NOW - 1000 : null,
        state >= 2 ? END_REASONS[state - 2] : null,
      ],
    )
    if (i % 3) {
      await run('INSERT INTO ciphertexts (push_id, data) VALUES (?, ?)', [
        `p${i}`,
        new Uint8Array(1 + ((i * 37) % 500)),
      ])
    }
  }
  for (let i = 0; i < 7; i++) {
    await run('INSERT INTO file_chunks (push_id, seq, data) VALUES (?, ?, ?)', [
      `p${i}`,
      i,
      new Uint8Array(100 * (i + 1)),
    ])
  }
  for (let i = 0; i < 9; i++) {
    await run(
      `INSERT INTO requests (id, owner_token_hash, public_key, label, answers_allowed, push_views,
       push_seconds, created_at, expires_at, closed_at) VALUES (?, x'00', 'k', 'l', 1, 1, 60, ?, ?, ?)`,
      [`r${i}`, NOW - DAY, i % 3 === 0 ? NOW - 1 : NOW + DAY, i % 3 === 1 ? NOW - 1 : null],
    )
  }
  // Failed views over more than the window, from a few addresses and none; other events too.
  for (let i = 0; i < 400; i++) {
    const at = NOW - (ADMIN_FAILURE_DAYS + 4) * DAY + i * 7_777_777 + (i % 13)
    const ip = i % 5 === 0 ? null : `198.51.100.${(i * 7) % 23}`
    await run(`INSERT INTO events (push_id, kind, at, ip, reason) VALUES (?, ?, ?, ?, NULL)`, [
      `p${i % 96}`,
      i % 4 === 0 ? 'viewed' : 'failed_view',
      Math.min(at, NOW),
      ip,
    ])
  }
  // Gaps in every table's rowids: deleted pushes (their ciphertexts and events go with them).
  await run(`DELETE FROM pushes WHERE id IN ('p0', 'p13', 'p14', 'p15', 'p50', 'p95')`)
  await run(`DELETE FROM ciphertexts WHERE push_id IN ('p20', 'p22', 'p23')`)
  await run(`DELETE FROM file_chunks WHERE seq = 3`)
  await run(`DELETE FROM requests WHERE id = 'r4'`)
})
afterAll(async () => {
  await database.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The counts as one statement over each whole table gives them (the store's first version). */
async function countsInOneGo(now: number): Promise<InstanceCounts> {
  const byKind = PUSH_KINDS.map((kind) => ({ kind, active: 0, ended: 0 }))
  const byEndReason = END_REASONS.map((reason) => ({ reason, count: 0 }))
  const groups = await run(
    `SELECT kind, (ended_at IS NULL AND expires_at > ?) AS active,
            coalesce(end_reason, 'time') AS reason, count(*) AS n
     FROM pushes GROUP BY kind, active, reason`,
    [now],
  )
  for (const row of groups.rows) {
    const kind = byKind.find((k) => k.kind === row.kind)!
    if (row.active) kind.active += Number(row.n)
    else {
      kind.ended += Number(row.n)
      byEndReason.find((r) => r.reason === row.reason)!.count += Number(row.n)
    }
  }
  const [sums] = (
    await run(
      `SELECT (SELECT sum(length(data)) FROM ciphertexts) AS c,
              (SELECT sum(length(data)) FROM file_chunks) AS f,
              (SELECT sum(closed_at IS NULL AND expires_at > ?) FROM requests) AS open,
              (SELECT count(*) FROM requests) AS total`,
      [now],
    )
  ).rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])))
  return {
    byKind,
    byEndReason,
    bytes: { ciphertexts: sums.c, files: sums.f, total: sums.c + sums.f },
    requests: { open: sums.open, closed: sums.total - sums.open },
  }
}

async function failuresInOneGo(now: number): Promise<FailureCounts> {
  const first = Math.floor(now / DAY) - ADMIN_FAILURE_DAYS + 1
  const perDay = await run(
    `SELECT at / ${DAY} AS day, count(*) AS n FROM events
     WHERE kind = 'failed_view' AND at >= ? GROUP BY day`,
    [first * DAY],
  )
  const top = await run(
    `SELECT ip, count(*) AS n, max(at) AS last FROM events
     WHERE kind = 'failed_view' AND at >= ? AND ip IS NOT NULL
     GROUP BY ip ORDER BY n DESC, last DESC LIMIT ?`,
    [first * DAY, ADMIN_TOP_ADDRESSES],
  )
  const counted = new Map(perDay.rows.map((row) => [Number(row.day), Number(row.n)]))
  return {
    days: Array.from({ length: ADMIN_FAILURE_DAYS }, (_, i) => ({
      day: first + i,
      count: counted.get(first + i) ?? 0,
    })),
    topAddresses: top.rows.map((row) => ({
      ip: String(row.ip),
      count: Number(row.n),
      lastAt: Number(row.last),
    })),
  }
}

/** The store on a connection that notes each statement it runs. */
function recordedStore(sliceRows?: number) {
  const seen: Stmt[] = []
  const statements = {
    ...database.statements,
    execute: (s: Stmt | string) => {
      seen.push(typeof s === 'string' ? { sql: s } : s)
      return database.statements.execute(s)
    },
  }
  return { admin: createAdminStore({ ...database, statements }, sliceRows), seen }
}

describe('the admin overview, a slice at a time', () => {
  it('counts what one statement over the whole tables counts, whatever the slice', async () => {
    const expected = await countsInOneGo(NOW)
    // The seed is not degenerate: every kind and reason appears, and some bytes and requests.
    expect(expected.byKind.every((k) => k.active > 0 && k.ended > 0)).toBe(true)
    expect(expected.byEndReason.every((r) => r.count > 0)).toBe(true)
    expect(expected.requests.open * expected.requests.closed).toBeGreaterThan(0)
    for (const sliceRows of [1, 2, 7, 89, 90, 91, 10_000]) {
      const { admin, seen } = recordedStore(sliceRows)
      expect([sliceRows, await admin.counts(NOW)]).toEqual([sliceRows, expected])
      const pushSlices = seen.filter((s) => /FROM pushes/.test(s.sql)).length
      expect(pushSlices).toBe(Math.floor(90 / sliceRows) + 1)
    }
  })

  it('counts failed views per day and by address as one statement over the window does', async () => {
    const expected = await failuresInOneGo(NOW)
    expect(expected.days.filter((d) => d.count > 0).length).toBeGreaterThan(20)
    expect(expected.topAddresses.length).toBe(ADMIN_TOP_ADDRESSES)
    expect(await createAdminStore(database).failures(NOW)).toEqual(expected)
  })

  it('lets other work run between slices', async () => {
    const { admin } = recordedStore(5)
    const order: string[] = []
    const counting = admin.counts(NOW).then(() => order.push('counts'))
    setImmediate(() => order.push('other'))
    await counting
    expect(order).toEqual(['other', 'counts'])
  })

  it('reads pushes and ciphertexts by rowid, and failed views from their index', async () => {
    const { admin, seen } = recordedStore(10)
    await admin.counts(NOW)
    await admin.failures(NOW)
    const plans = new Map<string, string>()
    for (const s of seen) {
      const plan = await run(`EXPLAIN QUERY PLAN ${s.sql}`, s.args as (string | number)[])
      plans.set(s.sql.match(/FROM (\w+)/g)!.at(-1)!, plan.rows.map((r) => r.detail).join('; '))
    }
    expect([...plans.keys()].sort()).toEqual(
      [
        'FROM ciphertexts',
        'FROM events',
        'FROM file_chunks',
        'FROM pushes',
        'FROM requests',
      ].sort(),
    )
    for (const [table, plan] of plans) {
      if (table === 'FROM events') {
        expect(plan).toMatch(
          /SEARCH events USING COVERING INDEX events_failed_view \(at>\? AND at<\?\)/,
        )
      } else expect(plan).toMatch(/SEARCH \w+ USING INTEGER PRIMARY KEY \(rowid>\?\)/)
    }
  })
})
