// The queries of file pushes. An upload is written in rows of about 1 MiB while it streams in,
// under an id no route knows yet; one batch then creates its push row, so a push is never seen
// half-written. A view reads all rows at once; they go when the push ends, in the same batches
// that end text pushes.
import type { Database } from './client'
import { blobBytes } from './rows'
import {
  NEW_PUSH_COLUMNS,
  NEW_PUSH_PLACEHOLDERS,
  newPushValues,
  useOneView,
  type Actor,
  type NewPush,
} from './store'

export type NewFilePush = Omit<NewPush, 'ciphertext' | 'kind'> & { size: number }

export type FileViewResult =
  { ok: true; viewsRemaining: number; ended: boolean; chunks: Uint8Array[] } | { ok: false }

export function createFileStore(database: Database) {
  const { statements } = database

  return {
    async beginUpload(id: string, now: number): Promise<void> {
      await statements.execute({
        sql: 'INSERT INTO file_uploads (push_id, started_at) VALUES (?, ?)',
        args: [id, now],
      })
    },

    async addChunk(id: string, seq: number, data: Uint8Array): Promise<void> {
      await statements.execute({
        sql: 'INSERT INTO file_chunks (push_id, seq, data) VALUES (?, ?, ?)',
        args: [id, seq, data],
      })
    },

    /**
     * Turns a complete upload into a push, all at once. False when the upload is no longer there
     * in full (the sweeper gave it up), in which case nothing is created.
     */
    async finishUpload(p: NewFilePush, actor: Actor): Promise<boolean> {
      const [created] = await statements.batch(
        [
          {
            sql: `INSERT INTO pushes (${NEW_PUSH_COLUMNS})
                  SELECT ${NEW_PUSH_PLACEHOLDERS} FROM file_uploads
                  WHERE push_id = ? AND (SELECT sum(length(data)) FROM file_chunks WHERE push_id = ?) = ?`,
            args: [...newPushValues(p, 'file', p.size), p.id, p.id, p.size],
          },
          {
            sql: `INSERT INTO events (push_id, kind, at, ip, user_agent, reason)
                  SELECT id, 'created', ?, ?, ?, NULL FROM pushes WHERE id = ?`,
            args: [p.createdAt, actor.ip, actor.userAgent, p.id],
          },
          { sql: 'DELETE FROM file_uploads WHERE push_id = ?', args: [p.id] },
        ],
        'write',
      )
      return created.rowsAffected > 0
    },

    /** Deletes whatever an unfinished upload wrote. */
    async abandonUpload(id: string): Promise<void> {
      await statements.batch(
        [
          { sql: 'DELETE FROM file_chunks WHERE push_id = ?', args: [id] },
          { sql: 'DELETE FROM file_uploads WHERE push_id = ?', args: [id] },
        ],
        'write',
      )
    },

    /**
     * Uses one view of an active file push, as consumeView does for text, and reads its bytes in
     * the same batch: a view always gets all of them, even when a racing last view (or the
     * owner) deletes them right after. When this view is the last, they are deleted here too.
     */
    async consumeFileView(
      id: string,
      now: number,
      actor: Actor,
      passChecked = false,
    ): Promise<FileViewResult> {
      const view = await useOneView(
        statements,
        { id, kindCondition: "kind = 'file'" },
        now,
        actor,
        passChecked,
        (mark) => ({
          sql: `SELECT f.data FROM file_chunks f JOIN pushes p ON p.id = f.push_id
              WHERE f.push_id = ? AND p.write_mark = ? ORDER BY f.seq`,
          args: [id, mark],
        }),
      )
      if (!view) return { ok: false }
      const { viewsRemaining, bytes } = view
      return {
        ok: true,
        viewsRemaining,
        ended: viewsRemaining === 0,
        chunks: bytes.map((row) => blobBytes(row.data)),
      }
    },

    /**
     * Deletes uploads started before `before` and never finished (a crash, a stalled client), and
     * any bytes that belong neither to an upload in progress nor to an active push. Returns the
     * rows deleted.
     */
    async sweepAbandoned(before: number): Promise<number> {
      const results = await statements.batch(
        [
          {
            sql: 'DELETE FROM file_chunks WHERE push_id IN (SELECT push_id FROM file_uploads WHERE started_at < ?)',
            args: [before],
          },
          { sql: 'DELETE FROM file_uploads WHERE started_at < ?', args: [before] },
          {
            sql: `DELETE FROM file_chunks WHERE push_id NOT IN (SELECT push_id FROM file_uploads)
                  AND push_id NOT IN (SELECT id FROM pushes WHERE ended_at IS NULL)`,
            args: [],
          },
        ],
        'write',
      )
      return results.reduce((sum, r) => sum + r.rowsAffected, 0)
    },
  }
}

export type FileStore = ReturnType<typeof createFileStore>
