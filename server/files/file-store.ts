// The queries of file pushes. An upload is written in rows of about 1 MiB while it streams in,
// under an id no route knows yet; one batch then creates its push row, so a push is never seen
// half-written. A view registers a download that reads the rows one at a time; they go when the
// push ends, or, if downloads hold them then, when the last of those ends.
import { blobBytes, type Database } from '../db/sqlite'
import { NO_DOWNLOAD, useOneView } from '../db/ending-statements'
import {
  NEW_PUSH_COLUMNS,
  NEW_PUSH_PLACEHOLDERS,
  newMark,
  newPushValues,
  type Actor,
  type NewPush,
} from '../db/push-statements'

/** Uploads are stored in rows of this size: small enough to stream, large enough to be few. */
export const FILE_ROW_BYTES = 1024 * 1024

export type NewFilePush = Omit<NewPush, 'ciphertext' | 'kind'> & { size: number }

export type FileViewResult =
  { ok: true; viewsRemaining: number; downloadId: string } | { ok: false }

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
     * Uses one view of an active file push, as consumeView does for text, and registers its
     * download in the same batch, which keeps the bytes (even when this view is the last, or the
     * owner ends the push) until finishDownload. The download id is what reads them.
     */
    async startDownload(
      id: string,
      now: number,
      actor: Actor,
      passChecked: boolean,
      leaseUntil: number,
    ): Promise<FileViewResult> {
      const downloadId = newMark()
      const view = await useOneView(
        statements,
        { id, kindCondition: "kind = 'file'" },
        now,
        actor,
        passChecked,
        (mark) => ({
          sql: `INSERT INTO file_downloads (id, push_id, expires_at)
                SELECT ?, id, ? FROM pushes WHERE id = ? AND write_mark = ? RETURNING id`,
          args: [downloadId, leaseUntil, id, mark],
        }),
      )
      if (!view) return { ok: false }
      return { ok: true, viewsRemaining: view.viewsRemaining, downloadId }
    },

    /**
     * Row `seq` of a download, renewing its lease to `leaseUntil`; null once the download is no
     * longer registered (finished, or given up by the sweeper), so it can read nothing more.
     */
    async readDownloadRow(
      downloadId: string,
      pushId: string,
      seq: number,
      leaseUntil: number,
    ): Promise<Uint8Array | null> {
      const [, row] = await statements.batch(
        [
          {
            sql: 'UPDATE file_downloads SET expires_at = ? WHERE id = ? RETURNING id',
            args: [leaseUntil, downloadId],
            one: true,
          },
          {
            sql: 'SELECT data FROM file_chunks WHERE push_id = ? AND seq = ?',
            args: [pushId, seq],
            one: true,
            onlyIf: (earlier) => earlier[0].rows.length > 0,
          },
        ],
        'write',
      )
      return row.rows.length > 0 ? blobBytes(row.rows[0].data) : null
    },

    /**
     * Ends a download: when it was the last of a push that has ended, its bytes are zeroed and
     * deleted. True when bytes were deleted (the caller checkpoints them out of the WAL).
     */
    async finishDownload(downloadId: string, pushId: string): Promise<boolean> {
      const unheld = `push_id = ? AND ${NO_DOWNLOAD}
                      AND EXISTS (SELECT 1 FROM pushes WHERE id = ? AND ended_at IS NOT NULL)`
      const args = [pushId, pushId, pushId]
      const [, , deleted] = await statements.batch(
        [
          { sql: 'DELETE FROM file_downloads WHERE id = ?', args: [downloadId] },
          { sql: `UPDATE file_chunks SET data = zeroblob(length(data)) WHERE ${unheld}`, args },
          { sql: `DELETE FROM file_chunks WHERE ${unheld}`, args },
        ],
        'write',
      )
      return deleted.rowsAffected > 0
    },

    /**
     * Deletes uploads started before `before` and never finished (a crash, a stalled client),
     * downloads whose lease ran out by `now` (a crash), and then any bytes that belong neither to
     * an upload in progress, nor to an active push, nor to a download. Returns the rows deleted.
     */
    async sweepAbandoned(before: number, now: number): Promise<number> {
      const stray = `push_id NOT IN (SELECT push_id FROM file_uploads)
                     AND push_id NOT IN (SELECT id FROM pushes WHERE ended_at IS NULL)
                     AND push_id NOT IN (SELECT push_id FROM file_downloads)`
      const results = await statements.batch(
        [
          {
            sql: 'DELETE FROM file_chunks WHERE push_id IN (SELECT push_id FROM file_uploads WHERE started_at < ?)',
            args: [before],
          },
          { sql: 'DELETE FROM file_uploads WHERE started_at < ?', args: [before] },
          { sql: 'DELETE FROM file_downloads WHERE expires_at < ?', args: [now] },
          { sql: `UPDATE file_chunks SET data = zeroblob(length(data)) WHERE ${stray}`, args: [] },
          { sql: `DELETE FROM file_chunks WHERE ${stray}`, args: [] },
        ],
        'write',
      )
      return results.reduce((sum, r, i) => sum + (i === 3 ? 0 : r.rowsAffected), 0)
    },
  }
}

export type FileStore = ReturnType<typeof createFileStore>
