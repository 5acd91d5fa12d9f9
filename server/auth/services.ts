// The sign-in services handed to routes in deps.auth (null when sign-in is off).
import type { AuthConfig } from './auth-config'
import type { Database } from '../db/sqlite'
import { createAccountStore } from './account-store'
import { createOidcClient } from './oidc'
import { createOwnerStore } from './owner-store'
import { createTokenStore } from './token-store'

export function createAuthServices(database: Database, config: AuthConfig, clock: () => number) {
  return {
    config,
    /** Users, sessions and sign-ins under way. */
    accounts: createAccountStore(database),
    /** API tokens. */
    tokens: createTokenStore(database),
    /** Who created which push or request. */
    owners: createOwnerStore(database),
    /** The OpenID provider, discovered at the first sign-in (and again until it answers). */
    oidc: createOidcClient(config, clock),
  }
}

export type AuthServices = ReturnType<typeof createAuthServices>
