// What a route asks of sign-in about owners: record the signed-in creator of a new push or
// request, and whether the caller is the signed-in owner of one (in place of its owner token).
import type { Context } from 'hono'
import type { AppDeps } from '../deps'
import { signedInUser } from './identity'

export type Owned = 'push' | 'request'

/** Notes the signed-in caller (if any) as the creator of a push or request just made. */
export async function recordOwner(deps: AppDeps, c: Context, what: Owned, id: string) {
  const user = signedInUser(c)
  if (!user || !deps.auth) return
  const { owners } = deps.auth
  if (what === 'request') return owners.recordRequest(id, user.id, deps.clock())
  // Marked now, so the hot batches of a push whose creator wants no mail queue none; what they
  // turn off later is checked again when a mail is sent (server/notify/mail.ts).
  const mailEvents = deps.config.mail ? user.mailEvents : 0
  await owners.recordPush(id, user.id, deps.clock(), mailEvents)
}

/** Whether the caller is signed in as the creator of this push or request. */
export async function isSignedInOwner(
  deps: AppDeps,
  c: Context,
  what: Owned,
  id: string,
): Promise<boolean> {
  const user = signedInUser(c)
  if (!user || !deps.auth) return false
  const { owners } = deps.auth
  return what === 'push' ? owners.ownsPush(user.id, id) : owners.ownsRequest(user.id, id)
}
