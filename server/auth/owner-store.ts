// Which signed-in user created which push or request, and the lists of the dashboard that follows
// the user. Only ids: a push's label, link and key never reach the server.
import { tableReader, type Database } from '../db/sqlite'
import { pushes, requests, type PushRow, type RequestRow } from '../db/schema'

/** Most pushes or requests a list answers (newest first). */
export const OWNED_LIST_LIMIT = 500

export function createOwnerStore({ statements }: Database) {
  const pushRow = tableReader(pushes)
  const requestRow = tableReader(requests)
  const qualified = (table: string, columns: string) =>
    columns
      .split(', ')
      .map((column) => `${table}.${column}`)
      .join(', ')

  async function record(
    table: 'push_owners' | 'request_owners',
    id: string,
    userId: string,
    now: number,
    mailEvents = 0,
  ) {
    const column = table === 'push_owners' ? 'push_id' : 'request_id'
    await statements.batch(
      [
        {
          sql: `INSERT INTO ${table} (${column}, user_id, created_at) VALUES (?, ?, ?)`,
          args: [id, userId, now],
        },
        ...(mailEvents
          ? [{ sql: 'UPDATE pushes SET mail_events = ? WHERE id = ?', args: [mailEvents, id] }]
          : []),
      ],
      'write',
    )
  }

  return {
    /** `mailEvents`: what the creator wants e-mailed of this push (pushes.mail_events). */
    recordPush: (pushId: string, userId: string, now: number, mailEvents: number) =>
      record('push_owners', pushId, userId, now, mailEvents),
    recordRequest: (requestId: string, userId: string, now: number) =>
      record('request_owners', requestId, userId, now),

    async ownsPush(userId: string, pushId: string): Promise<boolean> {
      const rs = await statements.execute({
        sql: 'SELECT 1 FROM push_owners WHERE push_id = ? AND user_id = ?',
        args: [pushId, userId],
        one: true,
      })
      return rs.rows.length > 0
    },

    async ownsRequest(userId: string, requestId: string): Promise<boolean> {
      const rs = await statements.execute({
        sql: 'SELECT 1 FROM request_owners WHERE request_id = ? AND user_id = ?',
        args: [requestId, userId],
        one: true,
      })
      return rs.rows.length > 0
    },

    /** The e-mail of the signed-in user who created a push (null: anonymous, or none known). */
    async pushCreatorEmail(pushId: string): Promise<string | null> {
      const rs = await statements.execute({
        sql: `SELECT u.email FROM push_owners o JOIN users u ON u.id = o.user_id
              WHERE o.push_id = ?`,
        args: [pushId],
        one: true,
      })
      return rs.rows.length ? ((rs.rows[0].email as string | null) ?? null) : null
    },

    /** The user's pushes, newest first; rows of purged pushes are dropped on the way. */
    async listPushes(userId: string): Promise<PushRow[]> {
      await statements.batch(
        [
          {
            sql: `DELETE FROM push_owners WHERE user_id = ?
                  AND NOT EXISTS (SELECT 1 FROM pushes WHERE pushes.id = push_owners.push_id)`,
            args: [userId],
          },
        ],
        'write',
      )
      const rs = await statements.execute({
        sql: `SELECT ${qualified('p', pushRow.columns)} FROM push_owners o
              JOIN pushes p ON p.id = o.push_id WHERE o.user_id = ?
              ORDER BY o.created_at DESC, o.push_id LIMIT ?`,
        args: [userId, OWNED_LIST_LIMIT],
      })
      return rs.rows.map((row) => pushRow.read(row))
    },

    async listRequests(userId: string): Promise<RequestRow[]> {
      await statements.batch(
        [
          {
            sql: `DELETE FROM request_owners WHERE user_id = ?
                  AND NOT EXISTS (SELECT 1 FROM requests WHERE requests.id = request_owners.request_id)`,
            args: [userId],
          },
        ],
        'write',
      )
      const rs = await statements.execute({
        sql: `SELECT ${qualified('r', requestRow.columns)} FROM request_owners o
              JOIN requests r ON r.id = o.request_id WHERE o.user_id = ?
              ORDER BY o.created_at DESC, o.request_id LIMIT ?`,
        args: [userId, OWNED_LIST_LIMIT],
      })
      return rs.rows.map((row) => requestRow.read(row))
    },
  }
}

export type OwnerStore = ReturnType<typeof createOwnerStore>
