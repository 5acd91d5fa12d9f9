// The sign-in settings (HUSHLINK_OIDC_*, HUSHLINK_CREATE_POLICY, and HUSHLINK_PUBLIC_URL as
// loadConfig parsed it), read with the rest of the configuration; with no HUSHLINK_OIDC_ISSUER
// there is no sign-in at all.

export type CreatePolicy = 'anyone' | 'signed-in'

export interface AuthConfig {
  issuer: URL
  clientId: string
  /** Absent for a public client (PKCE alone). */
  clientSecret: string | undefined
  /** Where this server is reached; the redirect URI is `{publicUrl}/auth/callback`. */
  publicUrl: URL
  /** The public URL as text without a trailing slash, to put paths after. */
  baseUrl: string
  scopes: string
  /** E-mail domains allowed to sign in (lower case); empty allows any. */
  allowedDomains: string[]
  /** Groups (in `groupsClaim` of the ID token or UserInfo) allowed to sign in; empty allows any. */
  allowedGroups: string[]
  groupsClaim: string
  sessionSeconds: number
}

type Env = Record<string, string | undefined>

const AUTH_VARIABLES = [
  'HUSHLINK_OIDC_ISSUER',
  'HUSHLINK_OIDC_CLIENT_ID',
  'HUSHLINK_OIDC_CLIENT_SECRET',
  'HUSHLINK_OIDC_SCOPES',
  'HUSHLINK_OIDC_ALLOWED_DOMAINS',
  'HUSHLINK_OIDC_ALLOWED_GROUPS',
  'HUSHLINK_OIDC_GROUPS_CLAIM',
]
type Fail = (message: string) => never

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)

function urlVar(env: Env, name: string, fail: Fail): URL {
  const raw = env[name]
  if (!raw) return fail(`${name} is required when HUSHLINK_OIDC_ISSUER is set`)
  try {
    const url = new URL(raw)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError()
    return url
  } catch {
    return fail(`${name} must be an http(s) URL, got "${raw}"`)
  }
}

/**
 * The sign-in settings, or null when sign-in is off; `fail` throws the config error.
 * `publicUrlText` is HUSHLINK_PUBLIC_URL as loadConfig read it (publicUrlVar), null when unset.
 */
export function authConfigOf(
  all: Env,
  sessionHours: number,
  fail: Fail,
  publicUrlText: string | null,
): AuthConfig | null {
  // Every variable is read, set or not, so the README's table can be checked against them.
  const env = Object.fromEntries(AUTH_VARIABLES.map((name) => [name, all[name]]))
  if (!env.HUSHLINK_OIDC_ISSUER) {
    const stray = ['HUSHLINK_OIDC_CLIENT_ID', 'HUSHLINK_OIDC_CLIENT_SECRET'].find((n) => env[n])
    if (stray) fail(`${stray} is set but HUSHLINK_OIDC_ISSUER is not`)
    return null
  }
  const issuer = urlVar(env, 'HUSHLINK_OIDC_ISSUER', fail)
  if (!publicUrlText) fail('HUSHLINK_PUBLIC_URL is required when HUSHLINK_OIDC_ISSUER is set')
  const publicUrl = new URL(publicUrlText!)
  const clientId = env.HUSHLINK_OIDC_CLIENT_ID
  if (!clientId) fail('HUSHLINK_OIDC_CLIENT_ID is required when HUSHLINK_OIDC_ISSUER is set')
  const scopes = env.HUSHLINK_OIDC_SCOPES?.trim() || 'openid email profile'
  if (!scopes.split(/\s+/).includes('openid')) fail('HUSHLINK_OIDC_SCOPES must include openid')
  return {
    issuer,
    clientId: clientId!,
    clientSecret: env.HUSHLINK_OIDC_CLIENT_SECRET || undefined,
    publicUrl,
    baseUrl: publicUrlText!,
    scopes,
    allowedDomains: list(env.HUSHLINK_OIDC_ALLOWED_DOMAINS).map((d) =>
      d.toLowerCase().replace(/^@/, ''),
    ),
    allowedGroups: list(env.HUSHLINK_OIDC_ALLOWED_GROUPS),
    groupsClaim: env.HUSHLINK_OIDC_GROUPS_CLAIM || 'groups',
    sessionSeconds: sessionHours * 3600,
  }
}

export function createPolicyOf(env: Env, auth: AuthConfig | null, fail: Fail): CreatePolicy {
  const raw = env.HUSHLINK_CREATE_POLICY || 'anyone'
  if (raw !== 'anyone' && raw !== 'signed-in') {
    return fail(`HUSHLINK_CREATE_POLICY must be anyone or signed-in, got "${raw}"`)
  }
  if (raw === 'signed-in' && !auth) fail('HUSHLINK_CREATE_POLICY=signed-in needs sign-in set up')
  return raw
}
