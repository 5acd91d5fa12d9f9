// The OpenID Connect client: openid-client (certified) does discovery, PKCE, state, nonce and
// every check of the ID token; this wraps it with lazy, retried discovery (the provider may be
// down when the server starts) and the injected clock.
import * as oidc from 'openid-client'
import type { AuthConfig } from './auth-config'
import type { LoginAttempt } from './account-store'

/** How long discovery, the token request and UserInfo may take. */
const PROVIDER_TIMEOUT_SECONDS = 10

/** The provider could not be reached, or answered discovery with something that is not it. */
export class ProviderUnavailable extends Error {}

/** The provider's answer failed a check (state, code, issuer, audience, signature, expiry…). */
export class SignInRejected extends Error {}

export type Claims = Record<string, unknown> & { iss: string; sub: string }

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)

export function createOidcClient(config: AuthConfig, clock: () => number) {
  const redirectUri = `${config.baseUrl}/auth/callback`
  // Plain http only to a provider on this machine (tests, a local Keycloak); never across a network.
  const insecure = config.issuer.protocol === 'http:' && isLoopback(config.issuer)
  let discovered: Promise<oidc.ServerMetadata> | null = null

  function serverMetadata(): Promise<oidc.ServerMetadata> {
    discovered ??= oidc
      .discovery(config.issuer, config.clientId, undefined, undefined, {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        execute: insecure ? [oidc.allowInsecureRequests] : [],
      })
      .then((found) => found.serverMetadata())
      .catch((error: unknown) => {
        discovered = null // tried again at the next sign-in
        throw new ProviderUnavailable(String(error instanceof Error ? error.message : error))
      })
    return discovered
  }

  /** A client configuration whose clock is ours (tests move it; an ID token's exp is checked by it). */
  async function configuration(): Promise<oidc.Configuration> {
    const metadata = await serverMetadata()
    const auth = config.clientSecret ? oidc.ClientSecretPost(config.clientSecret) : oidc.None()
    const client = new oidc.Configuration(
      metadata,
      config.clientId,
      { [oidc.clockSkew]: Math.round((clock() - Date.now()) / 1000) },
      auth,
    )
    client.timeout = PROVIDER_TIMEOUT_SECONDS
    if (insecure) oidc.allowInsecureRequests(client)
    return client
  }

  return {
    redirectUri,

    /** Where to send the browser, and what the callback must find again. */
    async start(returnTo: string): Promise<{ url: URL; attempt: LoginAttempt }> {
      const client = await configuration()
      const attempt: LoginAttempt = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo,
      }
      const url = oidc.buildAuthorizationUrl(client, {
        redirect_uri: redirectUri,
        scope: config.scopes,
        state: attempt.state,
        nonce: attempt.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
        code_challenge_method: 'S256',
      })
      return { url, attempt }
    },

    /** The verified claims of the callback's answer (ID token, then UserInfo for what it lacks). */
    async finish(callbackUrl: URL, attempt: LoginAttempt): Promise<Claims> {
      const client = await configuration()
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
      try {
        tokens = await oidc.authorizationCodeGrant(client, callbackUrl, {
          pkceCodeVerifier: attempt.codeVerifier,
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        })
      } catch (error) {
        if (error instanceof TypeError || isNetworkError(error)) {
          throw new ProviderUnavailable(String(error))
        }
        throw new SignInRejected(error instanceof Error ? error.message : String(error))
      }
      const claims = tokens.claims()! as Claims
      const missing =
        !claims.email || (config.allowedGroups.length > 0 && !(config.groupsClaim in claims))
      if (missing && client.serverMetadata().userinfo_endpoint) {
        const info = await oidc
          .fetchUserInfo(client, tokens.access_token, claims.sub)
          .catch(() => ({}))
        return {
          ...info,
          ...claims,
          ...pick(info, ['email', 'email_verified', config.groupsClaim]),
        }
      }
      return claims
    },
  }
}

function isNetworkError(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause
  return (
    typeof cause?.code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|UND_ERR)/.test(cause.code)
  )
}

function pick(from: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((k) => [k, from[k]]))
}

export type OidcClient = ReturnType<typeof createOidcClient>
