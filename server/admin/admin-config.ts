// Who is an admin of this instance (HUSHLINK_ADMIN_EMAILS, HUSHLINK_ADMIN_GROUP), read with the
// rest of the configuration. Admins are signed-in users, so neither works without sign-in.
import type { AuthConfig } from '../auth/auth-config'
import { ConfigError, type Env } from '../config-vars'

export interface AdminConfig {
  /** Verified e-mail addresses of admins, lower case. */
  emails: string[]
  /** A group in the groups claim (HUSHLINK_OIDC_GROUPS_CLAIM) whose members are admins. */
  group: string | null
}

const EMAIL = /^[^\s@,]+@[^\s@,]+$/

/** The admins, or null when none are configured. */
export function adminVars(env: Env, auth: AuthConfig | null): AdminConfig | null {
  const emails = (env.HUSHLINK_ADMIN_EMAILS ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  const group = (env.HUSHLINK_ADMIN_GROUP ?? '').trim() || null
  if (emails.length === 0 && group === null) return null
  if (!auth) {
    const name = emails.length ? 'HUSHLINK_ADMIN_EMAILS' : 'HUSHLINK_ADMIN_GROUP'
    throw new ConfigError(`${name} needs sign-in: set HUSHLINK_OIDC_ISSUER (docs/sign-in.md)`)
  }
  const bad = emails.find((email) => !EMAIL.test(email))
  if (bad !== undefined) {
    throw new ConfigError(
      `HUSHLINK_ADMIN_EMAILS must list e-mail addresses, comma-separated, got "${bad}"`,
    )
  }
  return { emails: emails.map((email) => email.toLowerCase()), group }
}

/** What a user's row says of them, as their last sign-in left it. */
export interface AdminGrounds {
  email: string | null
  emailVerified: boolean
  adminGroup: string | null
}

/**
 * An admin by a verified e-mail of the list, or by membership of the admin group at their last
 * sign-in. Checked on every request, so removing someone from the settings takes effect at the
 * next start; leaving the group at the provider, at their next sign-in.
 */
export function isAdmin(admin: AdminConfig | null, user: AdminGrounds): boolean {
  if (!admin) return false
  const email = user.email?.toLowerCase()
  if (user.emailVerified && email && admin.emails.includes(email)) return true
  return admin.group !== null && user.adminGroup === admin.group
}
