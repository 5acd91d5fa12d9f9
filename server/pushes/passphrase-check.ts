// The passphrase step of a reveal: takes one of the checks the lockout allows, compares the pass
// token, and counts a wrong one. A right one returns holding its check, which the caller gives
// back as it uses its view (or with releasePassphraseCheck when it uses none).
import type { Context } from 'hono'
import type { PushRow } from '../db/store'
import type { AppDeps } from '../deps'
import { HttpError } from '../http/http-error'
import { endedNow } from './push-access'
import { tokenMatches } from './tokens'

/** True when the push has a passphrase and `passToken` is right (a check is then held). */
export async function checkPassphrase(
  deps: AppDeps,
  c: Context,
  push: PushRow,
  passToken: string | null | undefined,
): Promise<boolean> {
  if (!push.passTokenHash) return false
  if (!passToken) {
    throw new HttpError(400, 'passphrase_required', 'This secret needs its passphrase.')
  }
  if (!(await deps.store.reservePassphraseCheck(push.id, deps.clock()))) {
    throw await passphraseRefused(deps, c, push.id)
  }
  if (await tokenMatches(passToken, push.passTokenHash)) return true
  const failure = await deps.ending.failPassphrase(push.id, deps.clock(), deps.actor(c))
  // Null: it ended (locked, used up, deleted, expired) since openForRecipient read it.
  if (!failure) throw await endedNow(deps, c, push.id)
  throw new HttpError(403, 'bad_passphrase', 'The passphrase is wrong.', {
    attemptsRemaining: failure.attemptsRemaining,
  })
}

/** No passphrase check was free: the push ended, or every attempt left is being tested now. */
async function passphraseRefused(deps: AppDeps, c: Context, id: string): Promise<HttpError> {
  const row = await deps.store.findPush(id)
  if (!row || row.endedAt !== null || row.expiresAt <= deps.clock()) return endedNow(deps, c, id)
  return new HttpError(
    429,
    'rate_limited',
    'Other passphrase attempts are being checked. Try again in a second.',
    {},
    { 'Retry-After': '1' },
  )
}
