// Statement builders every store shares: a new push row, its events, write marks, and deletes in
// rounds. Each returns SQL and arguments for a batch; none runs anything by itself.
import { randomUUID } from 'node:crypto'
import type { InValue } from '@libsql/client'
import type {
  CappedFailureReason,
  EventKind,
  PushKind,
  WebhookFormat,
} from '../../src/lib/protocol'
import type { Database, Stmt } from './sqlite'

/** Where a request came from, as the audit trail records it (already reduced per IP mode). */
export interface Actor {
  ip: string | null
  userAgent: string | null
}

export interface NewPush {
  id: string
  kind: PushKind
  ciphertext: Uint8Array
  linkTokenHash: Uint8Array
  ownerTokenHash: Uint8Array
  passphrase: {
    tokenHash: Uint8Array
    salt: string
    opslimit: number
    memlimit: number
    attempts: number
  } | null
  expireAfterViews: number
  createdAt: number
  expiresAt: number
  retrievalStep: boolean
  deletableByViewer: boolean
  locale: string | null
  /** Told of the push's events (server/notify/); `secret` keys its signatures. */
  webhook: { url: string; format: WebhookFormat; secret: string } | null
}

/** The columns of a new push row, in the order newPushValues gives their values. */
export const NEW_PUSH_COLUMNS = `id, kind, link_token_hash, owner_token_hash, pass_token_hash, pass_salt,
  pass_opslimit, pass_memlimit, pass_attempts_left, expire_after_views, views_remaining,
  created_at, expires_at, retrieval_step, deletable_by_viewer, locale, size, webhook_url,
  webhook_format, webhook_secret`
export const NEW_PUSH_PLACEHOLDERS = NEW_PUSH_COLUMNS.replace(/\w+/g, '?')

/** Values for NEW_PUSH_COLUMNS: text and file pushes differ only in kind and stored size. */
export function newPushValues(
  p: Omit<NewPush, 'ciphertext' | 'kind'>,
  kind: PushKind,
  size: number,
): InValue[] {
  const pass = p.passphrase
  return [
    p.id,
    kind,
    p.linkTokenHash,
    p.ownerTokenHash,
    pass?.tokenHash ?? null,
    pass?.salt ?? null,
    pass?.opslimit ?? null,
    pass?.memlimit ?? null,
    pass?.attempts ?? null,
    p.expireAfterViews,
    p.expireAfterViews,
    p.createdAt,
    p.expiresAt,
    p.retrievalStep ? 1 : 0,
    p.deletableByViewer ? 1 : 0,
    p.locale,
    size,
    p.webhook?.url ?? null,
    p.webhook?.format ?? null,
    p.webhook?.secret ?? null,
  ]
}

/** Lets requests waiting on the event loop run between the rounds of a long job. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Deletes the ids `chosen` selects (`SELECT id … < ? … LIMIT ?`, given `before` and `limit`) from
 * each table of `deletes` in turn, `where` naming its id column, the owning table last: one batch
 * per round until a round removes fewer than `limit`. Every statement of a round chooses the same
 * rows, so racing sweepers only ever delete twice. Returns the owning rows removed.
 */
export async function deleteInRounds(
  statements: Database['statements'],
  chosen: string,
  before: number,
  limit: number,
  deletes: { table: string; where: string }[],
): Promise<number> {
  const args = [before, limit]
  let removed = 0
  for (;;) {
    const results = await statements.batch(
      deletes.map(({ table, where }) => ({
        sql: `DELETE FROM ${table} WHERE ${where} IN (${chosen})`,
        args,
      })),
      'write',
    )
    const round = results[results.length - 1].rowsAffected
    removed += round
    if (round < limit) return removed
    await nextTurn()
  }
}

/** Unique per write, not secret: randomUUID() draws from a cached pool, randomBytes() does not. */
export const newMark = () => randomUUID()

export function eventInsert(
  pushId: string,
  kind: EventKind,
  at: number,
  actor: Actor,
  reason: string | null,
  mark?: string,
): Stmt {
  if (mark === undefined) {
    return {
      sql: 'INSERT INTO events (push_id, kind, at, ip, user_agent, reason) VALUES (?, ?, ?, ?, ?, ?)',
      args: [pushId, kind, at, actor.ip, actor.userAgent, reason],
    }
  }
  return {
    sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
          SELECT ?, ?, ?, ?, ?, ? FROM pushes WHERE id = ? AND write_mark = ?`,
    args: [pushId, kind, at, actor.ip, actor.userAgent, reason, pushId, mark],
  }
}

/** The column counting a capped reason's failed views (recorded or not). */
export const FAILURE_COLUMNS: Record<CappedFailureReason, string> = {
  bad_link: 'bad_link_failures',
  ended: 'ended_failures',
}
