// The passphrase lockout's queries: checks taken before a guess is compared, given back after,
// and the wrong guess that counts (the last allowed one locks the push, in the same batch).
import { endWhenMarked, firstLeftZero, firstWon } from './ending-statements'
import { failedNotices, NOTIFY_COLUMNS } from './outbox-statements'
import { eventInsert, newMark, type Actor } from './push-statements'
import type { Statements } from './sqlite'

export type PassphraseFailure = { attemptsRemaining: number; locked: boolean } | null

export function passphraseQueries(statements: Statements) {
  return {
    /**
     * Takes one of the passphrase checks still allowed, BEFORE the guess is compared: a guess is
     * only tested while attempts left exceed the checks in flight, so concurrent guesses can never
     * test more passphrases than the lockout allows. False: none free (or the push is over).
     */
    async reservePassphraseCheck(id: string, now: number): Promise<boolean> {
      const rs = await statements.execute({
        sql: `UPDATE pushes SET pass_checks = pass_checks + 1, pass_checked_at = ?
              WHERE id = ? AND ended_at IS NULL AND expires_at > ? AND pass_attempts_left - pass_checks > 0
              RETURNING id`,
        args: [now, id, now],
      })
      return rs.rows.length > 0
    },

    /** Gives a check back unused: the guess was right but no view could be used (yet). */
    async releasePassphraseCheck(id: string): Promise<void> {
      await statements.execute({
        sql: 'UPDATE pushes SET pass_checks = max(pass_checks - 1, 0) WHERE id = ?',
        args: [id],
      })
    },

    /**
     * Gives back the checks of pushes where none was taken since `before`: a check lives for one
     * comparison and one write, so these were left by a crash and would lock the push for good.
     */
    async releaseStaleChecks(before: number): Promise<number> {
      const rs = await statements.execute({
        // No stamp: taken before the column existed, so long ago.
        sql: `UPDATE pushes SET pass_checks = 0
              WHERE pass_checks > 0 AND (pass_checked_at IS NULL OR pass_checked_at < ?)`,
        args: [before],
      })
      return rs.rowsAffected
    },

    /** Counts a wrong passphrase and gives its check back; the last allowed one locks the push. */
    async failPassphrase(id: string, now: number, actor: Actor): Promise<PassphraseFailure> {
      const mark = newMark()
      const [left] = await statements.batch(
        [
          {
            sql: `UPDATE pushes SET pass_attempts_left = pass_attempts_left - 1,
                  pass_checks = max(pass_checks - 1, 0), write_mark = ?
                  WHERE id = ? AND ended_at IS NULL AND expires_at > ?
                  RETURNING pass_attempts_left, ${NOTIFY_COLUMNS}`,
            args: [mark, id, now],
            one: true,
          },
          {
            ...eventInsert(id, 'failed_view', now, actor, 'bad_passphrase', mark),
            onlyIf: firstWon,
          },
          ...failedNotices(id, 'bad_passphrase', now, actor, 'write_mark = ?', [mark]),
          ...endWhenMarked(
            id,
            'pass_attempts_left = 0',
            'locked',
            now,
            actor,
            mark,
            firstLeftZero('pass_attempts_left'),
          ),
        ],
        'write',
      )
      if (left.rows.length === 0) return null
      const attemptsRemaining = Number(left.rows[0].pass_attempts_left)
      return { attemptsRemaining, locked: attemptsRemaining === 0 }
    },
  }
}
