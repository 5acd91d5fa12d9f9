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
  const record = what === 'push' ? owners.recordPush : owners.recordRequest
  await record(id, user.id, deps.clock())
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
