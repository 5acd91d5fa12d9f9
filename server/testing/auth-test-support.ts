// Sign-in test harness: a Hushlink app with sign-in on, in-process, beside a real OpenID provider
// (server/testing/oidc-provider.ts), and a small cookie-keeping browser that walks the provider's
// own login and consent pages.
import { mkdtempSync, rmSync } from 'node:fs'
import { afterAll, beforeAll } from 'vitest'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, type App } from '../app'
import { loadConfig } from '../config'
import { openDatabase, type Database } from '../db/sqlite'
import type { AppDeps } from '../deps'
import { actorOf } from '../http/client-ip'
import { createServices } from '../services'
import {
  TEST_USERS,
  startTestProvider,
  type TestProvider,
  type TestProviderOptions,
} from './oidc-provider'

/** The app's public URL in these tests (the in-process app answers it; nothing listens there). */
export const APP_URL = 'http://hushlink.test'

export interface AuthTestApp {
  app: App
  deps: AppDeps
  database: Database
  /** The database's directory (its main file, -wal and -shm), to search for bytes. */
  dir: string
  /** Moves the app's clock (an ID token's expiry is checked by it). */
  advance(ms: number): void
  close(): Promise<void>
}

export async function startAuthApp(env: Record<string, string>): Promise<AuthTestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'hushlink-auth-test-'))
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, 'hushlink.db')}`,
    HUSHLINK_SERVE_FRONTEND: 'false',
    HUSHLINK_PUBLIC_URL: APP_URL,
    ...env,
  })
  const database = await openDatabase(config.databaseUrl)
  let offset = 0
  const clock = () => Date.now() + offset
  const deps: AppDeps = {
    ...createServices(database, config, clock),
    config,
    database,
    clock,
    actor: (c) => actorOf(c, config.ipMode, config.trustProxy),
  }
  return {
    app: createApp(deps),
    deps,
    database,
    dir,
    advance: (ms) => {
      offset += ms
    },
    async close() {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The env that points Hushlink at a test provider. */
export const providerEnv = (provider: TestProvider, extra: Record<string, string> = {}) => ({
  HUSHLINK_OIDC_ISSUER: provider.issuer,
  HUSHLINK_OIDC_CLIENT_ID: provider.clientId,
  HUSHLINK_OIDC_CLIENT_SECRET: provider.clientSecret,
  ...extra,
})

export const startProvider = (options: Partial<TestProviderOptions> = {}) =>
  startTestProvider({ redirectUris: [`${APP_URL}/auth/callback`], users: TEST_USERS, ...options })

/**
 * One test provider and one app signed in against it (with `env`), for all the tests of a file:
 * started before them, closed after them. The fields are the started app's, read in a test.
 */
export function sharedAuthApp(env: Record<string, string> = {}) {
  let provider: TestProvider | undefined
  let started: AuthTestApp | undefined
  beforeAll(async () => {
    provider = await startProvider()
    started = await startAuthApp(providerEnv(provider, env))
  })
  afterAll(async () => {
    await started?.close()
    await provider?.close()
  })
  const app = (): AuthTestApp => {
    if (!started) throw new Error('the shared app is started before the tests, read it in one')
    return started
  }
  return {
    get provider(): TestProvider {
      if (!provider) throw new Error('the shared provider is started before the tests')
      return provider
    },
    get app() {
      return app().app
    },
    get deps() {
      return app().deps
    },
    get database() {
      return app().database
    },
    advance: (ms: number) => app().advance(ms),
    /** A new browser, signed in as `login` when given. */
    async browser(login?: string): Promise<TestBrowser> {
      const browser = new TestBrowser(app().app)
      const res = login ? await browser.signIn(login) : null
      if (res && res.status !== 302) throw new Error(`signing in ${login} answered ${res.status}`)
      return browser
    },
  }
}

/** A browser in miniature: keeps cookies per origin, sends the app's requests in-process. */
export class TestBrowser {
  private jars = new Map<string, Map<string, string>>()

  constructor(private app: App) {}

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name)
  }

  setCookie(origin: string, name: string, value: string) {
    const jar = this.jars.get(origin) ?? new Map<string, string>()
    jar.set(name, value)
    this.jars.set(origin, jar)
  }

  /** One request, cookies sent and kept; no redirect followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const { origin } = new URL(url)
    const jar = this.jars.get(origin) ?? new Map<string, string>()
    this.jars.set(origin, jar)
    const headers = new Headers(init.headers)
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const send = { ...init, headers, redirect: 'manual' as const }
    const res = origin === APP_URL ? await this.app.request(url, send) : await fetch(url, send)
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(eq + 1) === ''
      if (gone) jar.delete(name)
      else jar.set(name, pair.slice(eq + 1))
    }
    return res
  }

  /**
   * Starts a sign-in at the app and walks the provider's pages as `login`, up to the redirect
   * back to the app: returns that callback URL, not yet opened (tests may alter or replay it).
   */
  async signInUpToCallback(
    login: string,
    loginPath = '/auth/login',
    /** Changes the provider URL the app sent the browser to (another issuer, another client). */
    divert: (url: URL) => URL = (url) => url,
  ): Promise<string> {
    let res = await this.request(APP_URL + loginPath)
    if (res.status !== 302) throw new Error(`login answered ${res.status}`)
    let url = divert(new URL(res.headers.get('location')!))
    for (let step = 0; step < 20; step++) {
      if (url.origin === APP_URL) return url.href
      res = await this.request(url.href)
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url)
        continue
      }
      const html = await res.text()
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1]
      if (!action || !prompt) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`)
      const form = new URLSearchParams({ prompt })
      if (prompt === 'login') {
        form.set('login', login)
        form.set('password', 'any password')
      }
      res = await this.request(new URL(action.replace(/&amp;/g, '&'), url).href, {
        method: 'POST',
        body: form,
      })
      url = new URL(res.headers.get('location')!, url)
    }
    throw new Error('the sign-in did not come back to the app')
  }

  /** A fetch through this browser: its cookies, and `Origin` as the app's pages send it. */
  fetcher(extraHeaders: Record<string, string> = { origin: APP_URL }): typeof fetch {
    return ((input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers)
      for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value)
      return this.request(String(input), { ...init, headers })
    }) as typeof fetch
  }

  /** A whole sign-in; returns the callback's answer. */
  async signIn(login: string): Promise<Response> {
    return this.request(await this.signInUpToCallback(login))
  }
}
