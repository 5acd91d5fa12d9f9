// Server-side token handling: random ids and owner tokens, hashing, constant-time checks.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { fromBase64Url, hashToken, toBase64Url } from '../../src/lib/crypto'
import { ID_PATTERN, TOKEN_PATTERN } from '../../src/lib/protocol'

export const newPushId = () => toBase64Url(randomBytes(16))
export const newOwnerToken = () => toBase64Url(randomBytes(32))

export const isPushId = (id: string) => ID_PATTERN.test(id)

/** BLAKE2b-256 of a base64url token, or null if it is not a well-formed 32-byte token. */
export async function tokenHash(token: string | undefined | null): Promise<Uint8Array | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null
  try {
    return await hashToken(fromBase64Url(token))
  } catch {
    return null
  }
}

/** Constant-time comparison of a presented token with a stored hash. */
export async function tokenMatches(
  token: string | undefined | null,
  stored: Uint8Array | null,
): Promise<boolean> {
  const presented = await tokenHash(token)
  if (!presented || !stored || stored.length !== presented.length) return false
  return timingSafeEqual(presented, stored)
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match ? match[1] : null
}
