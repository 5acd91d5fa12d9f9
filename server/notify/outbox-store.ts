// The outbox's queries: take due notifications under a lease, then delete them once delivered,
// put them back for a later attempt, or give them up with a `notification_failed` event in the
// push's trail; and the recipient of an e-mail. Rows are written with their events
// (server/db/outbox-statements.ts).
import { tableReader, type Database } from '../db/sqlite'
import { outbox, type OutboxRow } from '../db/schema'
import type { Recipient } from './mail'

export function createOutboxStore(database: Database) {
  const { statements } = database
  const row = tableReader(outbox)

  return {
    /**
     * Takes up to `limit` due notifications nobody holds (or whose holder's lease ran out: it
     * crashed) until `leaseUntil`. Atomic, so two workers never take the same row at once.
     */
    async claim(now: number, leaseUntil: number, limit: number): Promise<OutboxRow[]> {
      const rs = await statements.execute({
        sql: `UPDATE outbox SET claimed_until = ?, attempts = attempts + 1
              WHERE id IN (SELECT id FROM outbox WHERE next_attempt_at <= ?
                AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_attempt_at LIMIT ?)
              RETURNING ${row.columns}`,
        args: [leaseUntil, now, now, limit],
      })
      return rs.rows.map(row.read)
    },

    async delivered(id: number): Promise<void> {
      await statements.execute({ sql: 'DELETE FROM outbox WHERE id = ?', args: [id] })
    },

    async retryAt(id: number, at: number, error: string): Promise<void> {
      await statements.execute({
        sql: 'UPDATE outbox SET claimed_until = NULL, next_attempt_at = ?, last_error = ? WHERE id = ?',
        args: [at, error, id],
      })
    },

    /** Drops the notification and says so in the push's trail (if the push is still kept). */
    async giveUp(notice: OutboxRow, now: number): Promise<void> {
      await statements.batch(
        [
          { sql: 'DELETE FROM outbox WHERE id = ?', args: [notice.id] },
          {
            sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
                  SELECT id, 'notification_failed', ?, NULL, NULL, ? FROM pushes WHERE id = ?`,
            args: [now, notice.event, notice.pushId],
          },
        ],
        'write',
      )
    },

    /** An e-mail's recipient as they are now: their address, the events they want mailed and
     *  the language they want them in. */
    async recipientOf(userId: string): Promise<Recipient | undefined> {
      const rs = await statements.execute({
        sql: 'SELECT email, mail_events, mail_locale FROM users WHERE id = ?',
        args: [userId],
        one: true,
      })
      if (!rs.rows.length) return undefined
      const { email, mail_events, mail_locale } = rs.rows[0]
      return {
        email: email === null ? null : String(email),
        mailEvents: Number(mail_events),
        locale: mail_locale === null ? null : String(mail_locale),
      }
    },

    /** Notifications waiting or in delivery (the metric `hushlink_outbox_depth`). */
    async depth(): Promise<number> {
      const rs = await statements.execute('SELECT count(*) AS n FROM outbox')
      return Number(rs.rows[0].n)
    },
  }
}

export type OutboxStore = ReturnType<typeof createOutboxStore>
