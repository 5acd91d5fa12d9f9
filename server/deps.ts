// What a route needs from the outside world, passed to createApp() so tests can swap any of it.
import type { Context } from 'hono'
import type { Config } from './config'
import type { Database } from './db/sqlite'
import type { Actor, Store } from './db/store'
import type { LogWriter } from './http/logger'

export interface AppDeps {
  config: Config
  store: Store
  database: Database
  /** Milliseconds since the epoch; injectable so tests can move time. */
  clock: () => number
  /** Where a request came from, per the IP mode and trusted-proxy settings. */
  actor: (c: Context) => Actor
  /** Where request log lines go; none are written without it (tests stay quiet). */
  log?: LogWriter
}
