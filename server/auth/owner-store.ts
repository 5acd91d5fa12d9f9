// Which signed-in user created which push or request, and the lists of the dashboard that follows
// the user. Only ids: a push's label, link and key never reach the server. An owner row goes with
// its push or request when the sweeper's retention purge removes that (server/jobs/sweeper.ts).
import { tableReader, type Database } from '../db/sqlite'
import { pushes, requests, type PushRow, type RequestRow } from '../db/schema'

/** Most pushes or requests a list answers (newest first). */
export const OWNED_LIST_LIMIT = 500

/** A table of owned things and the table naming their owners. */
interface Owned<Row> {
  owners: 'push_owners' | 'request_owners'
  id: 'push_id' | 'request_id'
  /** One user's rows, newest first: `?` the user id, then the limit. */
  listSql: string
  read(row: Record<string, unknown>): Row
}

function owned<Row>(
  table: 'pushes' | 'requests',
  owners: Owned<Row>['owners'],
  id: Owned<Row>['id'],
  reader: { columns: string; read(row: Record<string, unknown>): Row },
): Owned<Row> {
  const columns = reader.columns
    .split(', ')
    .map((column) => `t.${column}`)
    .join(', ')
  return {
    owners,
    id,
    listSql: `SELECT ${columns} FROM ${owners} o JOIN ${table} t ON t.id = o.${id}
              WHERE o.user_id = ? ORDER BY o.created_at DESC, o.${id} LIMIT ?`,
    read: reader.read,
  }
}

const PUSHES: Owned<PushRow> = owned('pushes', 'push_owners', 'push_id', tableReader(pushes))
const REQUESTS: Owned<RequestRow> = owned(
  'requests',
  'request_owners',
  'request_id',
  tableReader(requests),
)

export function createOwnerStore({ statements }: Database) {
  async function record<Row>(
    of: Owned<Row>,
    id: string,
    userId: string,
    now: number,
    mailEvents = 0,
  ) {
    await statements.batch(
      [
        {
          sql: `INSERT INTO ${of.owners} (${of.id}, user_id, created_at) VALUES (?, ?, ?)`,
          args: [id, userId, now],
        },
        ...(mailEvents
          ? [{ sql: 'UPDATE pushes SET mail_events = ? WHERE id = ?', args: [mailEvents, id] }]
          : []),
      ],
      'write',
    )
  }

  async function owns<Row>(of: Owned<Row>, userId: string, id: string): Promise<boolean> {
    const rs = await statements.execute({
      sql: `SELECT 1 FROM ${of.owners} WHERE ${of.id} = ? AND user_id = ?`,
      args: [id, userId],
      one: true,
    })
    return rs.rows.length > 0
  }

  async function list<Row>(of: Owned<Row>, userId: string): Promise<Row[]> {
    const rs = await statements.execute({ sql: of.listSql, args: [userId, OWNED_LIST_LIMIT] })
    return rs.rows.map((row) => of.read(row))
  }

  return {
    /** `mailEvents`: what the creator wants e-mailed of this push (pushes.mail_events). */
    recordPush: (pushId: string, userId: string, now: number, mailEvents: number) =>
      record(PUSHES, pushId, userId, now, mailEvents),
    recordRequest: (requestId: string, userId: string, now: number) =>
      record(REQUESTS, requestId, userId, now),
    ownsPush: (userId: string, pushId: string) => owns(PUSHES, userId, pushId),
    ownsRequest: (userId: string, requestId: string) => owns(REQUESTS, userId, requestId),

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

    /** The user's pushes, newest first: a read, with no write on the way. */
    listPushes: (userId: string): Promise<PushRow[]> => list(PUSHES, userId),
    /** The user's requests, newest first. */
    listRequests: (userId: string): Promise<RequestRow[]> => list(REQUESTS, userId),
  }
}

export type OwnerStore = ReturnType<typeof createOwnerStore>
