// Ending a push, one door for every path: owner delete, an admin's takedown, burn, last view,
// lockout, expiry, a file download's end, an abandoned upload, the sweeper. The batch that ends a
// push deletes its bytes; the WAL checkpoint that takes them out of the database files runs
// before the caller answers.
// Routes get this service from deps and never checkpoint by hand (server/layout.test.ts).
import type { EndReason } from '../../src/lib/protocol'
import type { Database } from '../db/sqlite'
import type { Actor, ConsumeResult, PassphraseFailure, Store } from '../db/store'
import type { FileStore } from '../files/file-store'

export interface PushEndingParts {
  store: Store
  files: FileStore
  database: Pick<Database, 'checkpoint'>
}

export function createPushEnding({ store, files, database }: PushEndingParts) {
  /**
   * The one door: runs `write`, and when `erased` says of its result that it deleted a push's
   * bytes, resolves only after the checkpoint that takes them out of the database files.
   */
  async function erasing<T>(write: Promise<T>, erased: (result: T) => boolean): Promise<T> {
    const result = await write
    if (erased(result)) await database.checkpoint()
    return result
  }

  return {
    erasing,

    /** Ends an active push for `reason` (owner, viewer, time); false if it had already ended. */
    end(id: string, reason: EndReason, now: number, actor: Actor): Promise<boolean> {
      return erasing(store.endPush(id, reason, now, actor), (ended) => ended)
    },

    /** An admin's takedown, logged with `admin` (who) in the admin log; false if it had ended. */
    takeDown(id: string, now: number, admin: string): Promise<boolean> {
      return erasing(store.takeDown(id, now, admin), (ended) => ended)
    },

    /** Uses one view of a push's ciphertext (Store.consumeView); the last view ends the push. */
    consumeView(
      id: string,
      now: number,
      actor: Actor,
      passChecked = false,
    ): Promise<ConsumeResult> {
      return erasing(
        store.consumeView(id, now, actor, passChecked),
        (view) => view.ok && view.ended,
      )
    },

    /** Counts a wrong passphrase (Store.failPassphrase); the last allowed one locks the push. */
    failPassphrase(id: string, now: number, actor: Actor): Promise<PassphraseFailure> {
      return erasing(store.failPassphrase(id, now, actor), (failure) => failure?.locked === true)
    },

    /** Ends a file download; the last one of an ended push deletes its rows (FileStore). */
    async finishDownload(downloadId: string, pushId: string): Promise<void> {
      await erasing(files.finishDownload(downloadId, pushId), (deleted) => deleted)
    },

    /** Deletes whatever an upload that will never be a push wrote. */
    abandonUpload(id: string): Promise<void> {
      return erasing(files.abandonUpload(id), () => true)
    },
  }
}

export type PushEnding = ReturnType<typeof createPushEnding>
