// Fills a database file with a realistic population of pushes for bench/scale.ts, fast: raw
// prepared inserts in sorted id order, big transactions, synchronous=OFF — before any server
// opens the file (a bench shortcut; the server itself never writes like this).
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs'
import Database from 'libsql'
import { hashToken } from '../src/lib/crypto'
import { openDatabase } from '../server/db/sqlite'
import type { PushRef } from './load'

export interface SeedPlan {
  /** Pushes in all, the pool included. */
  pushes: number
  /** Active pushes that run out of time at `expiresAt`: the sweeper's work. */
  expired: number
  /** When the `expired` pushes run out (default: a minute ago). */
  expiresAt?: number
  /** Active pushes with known link tokens and `poolViews` views, for the load. */
  pool: number
  poolViews: number
}

export interface SeedResult {
  pool: PushRef[]
  rows: { pushes: number; ciphertexts: number; events: number }
  megabytes: number
  seconds: number
}

const enum Kind {
  Active,
  Expired,
  EndedViews,
  EndedTime,
  EndedOwner,
  EndedViewer,
  Pool,
}

const DAY = 86_400_000
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
const CHUNK = 10_000

/** Exactly `counts[k]` of each kind, in random order. */
function shuffledKinds(counts: [Kind, number][]): Uint8Array {
  const kinds = new Uint8Array(counts.reduce((n, [, c]) => n + c, 0))
  let at = 0
  for (const [kind, count] of counts) kinds.fill(kind, at, (at += count))
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[kinds[i], kinds[j]] = [kinds[j], kinds[i]]
  }
  return kinds
}

export async function seed(
  path: string,
  plan: SeedPlan,
  progress?: (done: number) => void,
): Promise<SeedResult> {
  const started = Date.now()
  await (await openDatabase(`file:${path}`)).close() // creates the schema
  const db = new Database(path)
  for (const pragma of ['journal_mode = WAL', 'synchronous = OFF', 'cache_size = -131072'])
    db.exec(`PRAGMA ${pragma}`)
  const insertPush = db.prepare(
    `INSERT INTO pushes (id, kind, link_token_hash, owner_token_hash, expire_after_views, views_remaining,
     created_at, expires_at, ended_at, end_reason, retrieval_step, deletable_by_viewer, locale, size)
     VALUES (?, 'text', ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, NULL, 1065)`,
  )
  const insertBytes = db.prepare('INSERT INTO ciphertexts (push_id, data) VALUES (?, ?)')
  const insertEvent = db.prepare(
    'INSERT INTO events (push_id, kind, at, ip, user_agent, reason) VALUES (?, ?, ?, ?, ?, ?)',
  )

  const now = Date.now()
  const others = plan.pushes - plan.expired - plan.pool
  const active = Math.round(others * 0.25)
  const ended = Math.floor((others - active) / 4)
  const kinds = shuffledKinds([
    [Kind.Pool, plan.pool],
    [Kind.Expired, plan.expired],
    [Kind.Active, active],
    [Kind.EndedViews, ended],
    [Kind.EndedTime, ended],
    [Kind.EndedOwner, ended],
    [Kind.EndedViewer, others - active - 3 * ended],
  ])
  const ids = Array.from({ length: plan.pushes }, () =>
    randomBytes(16).toString('base64url'),
  ).sort()
  const noise = randomBytes(1 << 20)
  const pool: PushRef[] = []
  const rows = { pushes: 0, ciphertexts: 0, events: 0 }

  const write = async (id: string, kind: Kind) => {
    const created = now - Math.floor(Math.random() * 30 * DAY) - DAY
    const views = kind === Kind.Pool ? plan.poolViews : 1 + (rows.pushes % 3)
    let linkHash: Uint8Array = noise.subarray(rows.pushes % 1000, (rows.pushes % 1000) + 32)
    if (kind === Kind.Pool) {
      const linkToken = randomBytes(32).toString('base64url')
      linkHash = await hashToken(Buffer.from(linkToken, 'base64url'))
      pool.push({ id, linkToken })
    }
    const endedAt =
      kind >= Kind.EndedViews && kind <= Kind.EndedViewer
        ? created + Math.floor(Math.random() * DAY)
        : null
    const reason = [null, null, 'views', 'time', 'owner', 'viewer', null][kind]
    const expires =
      kind === Kind.Expired
        ? (plan.expiresAt ?? now - 60_000)
        : kind === Kind.EndedTime
          ? endedAt!
          : now + 7 * DAY
    const remaining = kind === Kind.EndedViews ? 0 : kind === Kind.EndedViewer ? views - 1 : views
    const ip = `203.0.113.${rows.pushes % 250}`
    insertPush.run([
      id,
      linkHash,
      noise.subarray(64, 96),
      views,
      remaining,
      created,
      expires,
      endedAt,
      reason,
    ])
    rows.pushes++
    if (endedAt === null) {
      const offset = rows.pushes % ((1 << 20) - 1065)
      insertBytes.run([id, noise.subarray(offset, offset + 1065)])
      rows.ciphertexts++
    }
    const event = (
      what: string,
      at: number,
      why: string | null = null,
      who: string | null = ip,
    ) => {
      insertEvent.run([id, what, at, who, who && USER_AGENT, why])
      rows.events++
    }
    event('created', created)
    if (kind === Kind.EndedViews)
      for (let v = 0; v < views; v++) event('viewed', endedAt! - (views - v))
    if (kind === Kind.EndedViewer) event('viewed', endedAt! - 1)
    if (kind === Kind.EndedViews) event('expired', endedAt!, 'views')
    if (kind === Kind.EndedTime) event('expired', endedAt!, 'time', null)
    if (kind === Kind.EndedOwner) event('deleted', endedAt!, 'owner')
    if (kind === Kind.EndedViewer) event('deleted', endedAt!, 'viewer')
  }

  for (let start = 0; start < ids.length; start += CHUNK) {
    db.exec('BEGIN')
    for (let i = start; i < Math.min(start + CHUNK, ids.length); i++) await write(ids[i], kinds[i])
    db.exec('COMMIT')
    progress?.(Math.min(start + CHUNK, ids.length))
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  // synchronous=OFF left the file in the OS cache only: flush it now, or the server's first
  // checkpoint pays for the whole seed and shows up as a stall that is not the server's.
  const fd = openSync(path, 'r+')
  fsyncSync(fd)
  closeSync(fd)
  return {
    pool,
    rows,
    megabytes: Math.round(statSync(path).size / 2 ** 20),
    seconds: Math.round((Date.now() - started) / 1000),
  }
}
