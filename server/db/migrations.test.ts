// Migrations bring an existing database forward without losing what its rows said.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from './sqlite'

const MIGRATIONS = join(import.meta.dirname, 'migrations')
let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A database file as the first `count` migrations alone left it. */
async function databaseAtInit(url: string, count = 1) {
  const folder = join(dir, 'migrations')
  mkdirSync(join(folder, 'meta'), { recursive: true })
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8'))
  journal.entries = journal.entries.slice(0, count)
  for (const { tag } of journal.entries as { tag: string }[]) {
    copyFileSync(join(MIGRATIONS, `${tag}.sql`), join(folder, `${tag}.sql`))
  }
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(journal))
  const client = createClient({ url })
  await migrate(drizzle(client), { migrationsFolder: folder })
  return client
}

describe('0001_failures_per_reason', () => {
  it('splits the shared failed-view count by reason, unrecorded ones to bad_link', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hushlink-migrate-'))
    const url = `file:${join(dir, 'old.db')}`
    const old = await databaseAtInit(url)
    const push = (id: string, failedViews: number) => ({
      sql: `INSERT INTO pushes (id, kind, link_token_hash, owner_token_hash, expire_after_views,
            views_remaining, created_at, expires_at, retrieval_step, deletable_by_viewer, size,
            failed_views) VALUES (?, 'text', x'00', x'00', 1, 1, 0, 1, 0, 0, 1, ?)`,
      args: [id, failedViews],
    })
    const failures = (id: string, reason: string, n: number) =>
      Array.from({ length: n }, () => ({
        sql: `INSERT INTO events (push_id, kind, at, reason) VALUES (?, 'failed_view', 0, ?)`,
        args: [id, reason],
      }))
    // 150 failed views, of which the old shared cap of 100 kept 60 + 38 + 2 wrong passphrases.
    await old.batch(
      [
        push('flooded', 150),
        ...failures('flooded', 'bad_link', 60),
        ...failures('flooded', 'ended', 38),
        ...failures('flooded', 'bad_passphrase', 2),
        push('quiet', 1),
        ...failures('quiet', 'ended', 1),
      ],
      'write',
    )
    old.close()

    const database = await openDatabase(url)
    try {
      const rows = await database.client.execute('SELECT * FROM pushes ORDER BY id')
      expect(rows.rows.map((r) => ({ ...r }))).toMatchObject([
        { id: 'flooded', bad_link_failures: 110, ended_failures: 38 },
        { id: 'quiet', bad_link_failures: 0, ended_failures: 1 },
      ])
      expect(rows.columns).not.toContain('failed_views')
    } finally {
      await database.close()
    }
  })
})

describe('0005_email_notifications', () => {
  it('keeps waiting webhook notices as webhook notices, and turns mail off for everyone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hushlink-migrate-'))
    const url = `file:${join(dir, 'old.db')}`
    const old = await databaseAtInit(url, 5)
    await old.batch(
      [
        `INSERT INTO users (id, issuer, subject, email, created_at, signed_in_at)
         VALUES ('u1', 'https://idp', 's1', 'a@example.com', 0, 0)`,
        `INSERT INTO outbox (delivery_id, push_id, push_kind, event, at, count, url, format, secret,
           attempts, next_attempt_at) VALUES ('d1', 'p1', 'text', 'viewed', 5, 1,
           'https://hooks.example/x', 'json', 'key', 2, 9)`,
      ],
      'write',
    )
    old.close()

    const database = await openDatabase(url)
    try {
      const outbox = await database.client.execute('SELECT * FROM outbox')
      expect(outbox.rows.map((r) => ({ ...r }))).toMatchObject([
        {
          delivery_id: 'd1',
          channel: 'webhook',
          url: 'https://hooks.example/x',
          format: 'json',
          secret: 'key',
          user_id: null,
          attempts: 2,
          next_attempt_at: 9,
        },
      ])
      const users = await database.client.execute('SELECT mail_events FROM users')
      expect(users.rows[0].mail_events).toBe(0)
    } finally {
      await database.close()
    }
  })
})
