// What a route needs from the outside world, passed to createApp() so tests can swap any of it.
import type { Context } from 'hono'
import type { Config } from './config'
import type { Database } from './db/sqlite'
import type { Actor } from './db/store'
import type { LogWriter } from './http/logger'
import type { Metrics } from './metrics/metrics'
import type { Lookup } from './notify/target'
import type { Services } from './services'

export interface AppDeps extends Services {
  config: Config
  /** For jobs and shutdown; routes reach the database only through the services. */
  database: Database
  /** Milliseconds since the epoch; injectable so tests can move time. */
  clock: () => number
  /** Where a request came from, per the IP mode and trusted-proxy settings. */
  actor: (c: Context) => Actor
  /** Where request log lines go; none are written without it (tests stay quiet). */
  log?: LogWriter
  /** Prometheus metrics, when HUSHLINK_METRICS_TOKEN turns them on. */
  metrics?: Metrics | null
  /** How webhook hosts are resolved (the system's DNS unless a test says otherwise). */
  webhookLookup?: Lookup
}
