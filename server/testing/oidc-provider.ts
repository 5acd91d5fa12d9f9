// A real OpenID provider for tests: oidc-provider (the certified Node implementation) on a
// loopback port, with a Hushlink client and test users, signing in through its own dev login and
// consent pages. Test-only; production never loads it.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export interface TestUser {
  email: string
  name?: string
  email_verified?: boolean
  groups?: string[]
}

export interface TestProviderOptions {
  /** The port to listen on; 0 (any free one) unless said. */
  port?: number
  /** Redirect URIs of the Hushlink client. */
  redirectUris: string[]
  clientId?: string
  clientSecret?: string
  /** Login name → claims; the dev login page takes any password. */
  users: Record<string, TestUser>
  /** A second client, another app at the same redirect URI (for codes meant for someone else). */
  otherClientId?: string
  /** Seconds an ID token lives (oidc-provider's ttl.IdToken). */
  idTokenSeconds?: number
}

export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  close(): Promise<void>
}

export const TEST_USERS: Record<string, TestUser> = {
  alice: { email: 'alice@example.com', name: 'Alice Example', groups: ['staff'] },
  bob: { email: 'bob@example.com', name: 'Bob Example', groups: ['contractors'] },
  mallory: { email: 'mallory@elsewhere.test', name: 'Mallory', groups: ['staff'] },
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const clientId = options.clientId ?? 'hushlink'
  const clientSecret = options.clientSecret ?? 'hushlink-test-secret-0123456789'
  const server: Server = createServer()
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [clientId, ...(options.otherClientId ? [options.otherClientId] : [])].map((id) => ({
      client_id: id,
      client_secret: id === clientId ? clientSecret : `${clientSecret}-other`,
      redirect_uris: options.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    async findAccount(_ctx, id) {
      const user = options.users[id]
      if (!user) return undefined
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: user.email,
          email_verified: user.email_verified ?? true,
          name: user.name,
          groups: user.groups ?? [],
        }),
      }
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    // The scope's claims in the ID token itself, as Entra ID and Keycloak can be set to do.
    conformIdTokenClaims: false,
    cookies: { keys: ['hushlink-test-provider-cookie-key'] },
    ttl: { IdToken: options.idTokenSeconds ?? 3600 },
    features: { devInteractions: { enabled: true } },
  })
  server.on('request', provider.callback())
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
