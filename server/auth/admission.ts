// Who may sign in: the allowed e-mail domains and groups of the configuration, checked on the
// verified claims. A refusal says which rule refused, for the page the user sees.
import type { Account } from './account-store'
import type { AuthConfig } from './auth-config'
import type { Claims } from './oidc'

export type Admission =
  { ok: true; account: Account } | { ok: false; rule: 'domain' | 'group'; detail: string }

const text = (value: unknown) => (typeof value === 'string' && value ? value : null)

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string')
  return typeof value === 'string' ? [value] : []
}

/**
 * `adminGroup`: HUSHLINK_ADMIN_GROUP, kept on the account when the groups claim has it (the
 * claim itself is not kept).
 */
export function admit(
  config: AuthConfig,
  claims: Claims,
  adminGroup: string | null = null,
): Admission {
  const email = text(claims.email)
  if (config.allowedDomains.length > 0) {
    const domain = email?.split('@').pop()?.toLowerCase()
    // A provider that says the address is unverified gets no say over the domain.
    if (
      !email ||
      !domain ||
      claims.email_verified === false ||
      !config.allowedDomains.includes(domain)
    ) {
      return { ok: false, rule: 'domain', detail: email ?? '' }
    }
  }
  const groups = groupsOf(claims[config.groupsClaim])
  if (config.allowedGroups.length > 0) {
    if (!groups.some((group) => config.allowedGroups.includes(group))) {
      return { ok: false, rule: 'group', detail: email ?? claims.sub }
    }
  }
  return {
    ok: true,
    account: {
      issuer: claims.iss,
      subject: claims.sub,
      email,
      name: text(claims.name) ?? text(claims.preferred_username),
      emailVerified: email !== null && claims.email_verified === true,
      adminGroup: adminGroup !== null && groups.includes(adminGroup) ? adminGroup : null,
    },
  }
}
