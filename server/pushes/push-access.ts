// The gate in front of every read of a push: unknown id and wrong link token look alike (404),
// a push whose time is up is ended on the spot, and an ended push answers 410 with its reason.
import type { Context } from 'hono'
import type { EndReason } from '../../src/lib/protocol'
import type { PushRow } from '../db/store'
import type { AppDeps } from '../deps'
import { HttpError, notFound } from '../http/http-error'
import { isSignedInOwner } from '../auth/ownership'
import { bearerToken, isPushId, tokenMatches } from './tokens'

export function ended(reason: EndReason): HttpError {
  const messages: Record<EndReason, string> = {
    views: 'This secret has been viewed as many times as allowed.',
    time: 'This secret has expired.',
    owner: 'The sender deleted this secret.',
    viewer: 'This secret was deleted after it was viewed.',
    locked: 'This secret was locked after too many wrong passphrases.',
    admin: 'The operator of this server took this secret down.',
  }
  return new HttpError(410, 'ended', messages[reason], { reason })
}

/** Ends the push if its time has run out; returns the row as it stands afterwards. */
export async function finalizeIfExpired(
  deps: AppDeps,
  c: Context,
  push: PushRow,
): Promise<PushRow> {
  const now = deps.clock()
  if (push.endedAt !== null || push.expiresAt > now) return push
  await deps.ending.end(push.id, 'time', now, deps.actor(c))
  return (await deps.store.findPush(push.id)) ?? push
}

/** Finds a push the caller may read as a recipient, or throws the 404/410 the protocol asks for. */
export async function openForRecipient(
  deps: AppDeps,
  c: Context,
  id: string,
  linkToken: string | undefined,
): Promise<PushRow> {
  if (!isPushId(id)) throw notFound()
  const found = await deps.store.findPush(id)
  if (!found) throw notFound()
  if (!(await tokenMatches(linkToken, found.linkTokenHash))) {
    await deps.store.recordFailedView(
      id,
      'bad_link',
      deps.clock(),
      deps.actor(c),
      deps.config.maxFailedViewEvents,
    )
    throw notFound()
  }
  const push = await finalizeIfExpired(deps, c, found)
  if (push.endedAt !== null) {
    if (push.endReason !== 'time' || found.endedAt !== null) {
      await deps.store.recordFailedView(
        id,
        'ended',
        deps.clock(),
        deps.actor(c),
        deps.config.maxFailedViewEvents,
      )
    }
    throw ended(push.endReason!)
  }
  return push
}

/** The 410 of a push that a racing request ended (or whose time ran out) after we read it. */
export async function endedNow(deps: AppDeps, c: Context, id: string): Promise<HttpError> {
  const row = await deps.store.findPush(id)
  const after = row ? await finalizeIfExpired(deps, c, row) : undefined
  return ended(after?.endReason ?? 'views')
}

/**
 * The owner's view of a push: its owner token, or the signed-in user who created it. A wrong or
 * missing owner token looks like an unknown id.
 */
export async function openForOwner(
  deps: AppDeps,
  c: Context,
  id: string,
  authorization: string | undefined,
) {
  if (!isPushId(id)) throw notFound()
  const push = await deps.store.findPush(id)
  if (!push) throw notFound()
  if (await tokenMatches(bearerToken(authorization), push.ownerTokenHash)) return push
  if (await isSignedInOwner(deps, c, 'push', id)) return push
  throw notFound()
}
