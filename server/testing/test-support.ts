// Test harness: a real app on a fresh temporary database, with a clock the test controls.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { createApiClient, type ApiClient } from '../../src/lib/api/client'
import {
  fetchMetadata,
  openLink,
  pushSealed,
  revealSealed,
  type CreatedPush,
  type OpenedLink,
  type PushOptions,
  type RevealOutcome,
} from '../../src/lib/api/push-flow'
import { derivePassphraseKeys, fromBase64Url, type PassphraseKeys } from '../../src/lib/crypto'
import { createApp, type App } from '../app'
import { actorOf } from '../http/client-ip'
import { serverWithFastPath } from '../http/static-fast'
import { loadConfig, type Config } from '../config'
import { meteredDatabase } from '../db/metered'
import { openDatabase, type Database } from '../db/sqlite'
import { createMetrics, type Metrics } from '../metrics/metrics'
import type { Store } from '../db/store'
import type { AppDeps } from '../deps'
import { createServices } from '../services'

export interface TestServer {
  app: App
  /** What the app was built from (for the sweeper and direct store calls). */
  deps: AppDeps
  config: Config
  database: Database
  store: Store
  dir: string
  dbPath: string
  /** The fake clock: read with now(), move with advance(ms). */
  now(): number
  advance(ms: number): void
  /** An ApiClient that calls the app in-process (no socket). */
  api: ApiClient
  close(): Promise<void>
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hushlink-test-'))
  const dbPath = join(dir, 'hushlink.db')
  const config = loadConfig({
    DATABASE_URL: `file:${dbPath}`,
    HUSHLINK_SERVE_FRONTEND: 'false',
    ...env,
  })
  const opened = await openDatabase(config.databaseUrl)
  let time = Date.UTC(2030, 0, 1)
  const clock = () => time
  // As index.ts does: metrics only when a token turns them on.
  let metrics: Metrics | null = null
  if (config.metricsToken) {
    metrics = createMetrics(
      {
        outboxDepth: () => services.outbox.depth(),
        sweeperLagSeconds: (now) => services.store.overdueSeconds(now),
      },
      clock,
    )
  }
  const database = metrics ? meteredDatabase(opened, metrics) : opened
  const services = createServices(database, config, clock, metrics)
  const { store } = services
  const deps: AppDeps = {
    ...services,
    config,
    database,
    clock,
    actor: (c) => actorOf(c, config.ipMode, config.trustProxy),
    metrics,
  }
  const app = createApp(deps)
  return {
    app,
    deps,
    config,
    database,
    store,
    dir,
    dbPath,
    now: () => time,
    advance: (ms) => {
      time += ms
    },
    api: inProcessApi(app),
    async close() {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** An ApiClient that calls `app` in-process (no socket, so no client address either). */
export function inProcessApi(app: App): ApiClient {
  const inProcessFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    app.request(input instanceof Request ? input : String(input), init)) as typeof fetch
  return createApiClient('http://test.local', inProcessFetch)
}

/**
 * A POST whose body breaks off after a few bytes, as one cut off by the body deadline
 * (server/http/http-server.ts) or by a client going away reaches the route.
 */
export function brokenOffPost(
  headers: Record<string, string> = {},
  start = '{"linkToken":"',
): RequestInit {
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode(start)),
    pull: (controller) => controller.error(new Error('the client went away')),
  })
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit
}

/** Puts the test app on a real loopback socket; returns its origin and a closer. */
export async function listen(
  app: App,
): Promise<{ origin: string; server: ServerType; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: 0,
        hostname: '127.0.0.1',
        // As serveApp does: the built app's files first (server/http/static-fast.ts).
        createServer: serverWithFastPath(app),
      },
      (info: AddressInfo) => {
        resolve({
          origin: `http://127.0.0.1:${info.port}`,
          server,
          close: () => new Promise((done) => server.close(() => done())),
        })
      },
    )
  })
}

/** The raw bytes of every file in the database directory (main file, -wal, -shm). */
export function databaseFiles(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]))
}

/** Names of the database files that contain `slice` anywhere in their bytes. */
export function filesContaining(dir: string, slice: Uint8Array): string[] {
  return [...databaseFiles(dir)]
    .filter(([, bytes]) => bytes.includes(Buffer.from(slice)))
    .map(([name]) => name)
}

/** Every row of a table, for tests that look at what the server really stored. */
export async function tableRows(database: Database, table: 'pushes' | 'ciphertexts' | 'events') {
  return (await database.client.execute(`SELECT * FROM ${table} ORDER BY rowid`)).rows
}

export type TestPush = CreatedPush & { link: OpenedLink }

/** Seals `text` with the real client crypto and pushes it; throws unless the server says 201. */
export async function pushText(
  api: ApiClient,
  text: string,
  options: PushOptions = {},
): Promise<TestPush> {
  const result = await pushSealed(api, { v: 1, kind: 'text', text }, options)
  if (!result.ok) throw new Error(`create failed: ${result.status} ${result.error.error}`)
  return { ...result.data, link: await openLink(result.data.id, result.data.secret) }
}

/** What the recipient page does: read the metadata, then reveal (and decrypt) one view. */
export async function revealText(
  api: ApiClient,
  link: OpenedLink,
  passphrase?: string,
): Promise<RevealOutcome> {
  const meta = await fetchMetadata(api, link)
  if (!meta.ok) return meta
  return revealSealed(api, link, meta.data, passphrase)
}

/** A push's trail as "kind" or "kind:reason" strings, oldest first, for compact assertions. */
export async function trailOf(store: Store, id: string): Promise<string[]> {
  return (await store.listEvents(id)).map((e) => (e.reason ? `${e.kind}:${e.reason}` : e.kind))
}

/** Whether the push still has a ciphertext row. */
export async function hasCiphertext(database: Database, id: string): Promise<boolean> {
  const rs = await database.client.execute({
    sql: 'SELECT 1 FROM ciphertexts WHERE push_id = ?',
    args: [id],
  })
  return rs.rows.length > 0
}

/** The keys a recipient who typed `guess` derives for a passphrase push (one Argon2id run). */
export async function passphraseKeysFor(
  api: ApiClient,
  push: TestPush,
  guess: string,
): Promise<PassphraseKeys> {
  const meta = await api.getPush(push.id, push.link.linkToken)
  if (!meta.ok || !meta.data.passphrase) throw new Error('not an active passphrase push')
  const { salt, opslimit, memlimit } = meta.data.passphrase
  return derivePassphraseKeys(push.link.secret, guess, {
    salt: fromBase64Url(salt),
    opslimit,
    memlimit,
  })
}
