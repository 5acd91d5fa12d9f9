// The services routes and jobs are handed in deps, all on one database: index.ts and the test
// helpers build them here, so no route builds a store of its own.
import { createAuthServices } from './auth/services'
import type { Config } from './config'
import type { Database } from './db/sqlite'
import { createAdminStore } from './db/admin-store'
import { countPushes } from './db/metered'
import { createStore } from './db/store'
import { createFileDownloads } from './files/downloads'
import { createFileStore } from './files/file-store'
import type { Metrics } from './metrics/metrics'
import { createOutboxStore } from './notify/outbox-store'
import { createPushEnding } from './pushes/ending'
import { createRequestStore } from './requests/request-store'

/** `metrics`: count pushes created and ended (the database given is already metered). */
export function createServices(
  database: Database,
  config: Config,
  clock: () => number,
  metrics: Metrics | null = null,
) {
  const store = createStore(database)
  const files = createFileStore(database)
  const requests = createRequestStore(database)
  if (metrics) countPushes({ store, files, requests }, metrics)
  const ending = createPushEnding({ store, files, database })
  return {
    /** Pushes: create, read, the trail, the passphrase checks. Ending one goes through `ending`. */
    store,
    /** File uploads and the rows downloads read. */
    files,
    requests,
    /** Notifications waiting for their webhook (written by the database with their events). */
    outbox: createOutboxStore(database),
    /** Every way a push ends, each followed by the checkpoint that makes it real. */
    ending,
    /** Admission and streaming of file downloads (per-process memory and per-client slots). */
    downloads: createFileDownloads({ config, clock, files, ending }),
    /** The admin page's counts and log (server/admin/); takedowns go through `ending`. */
    admin: createAdminStore(database),
    /** Sign-in, sessions, API tokens and owners (server/auth/); null when sign-in is off. */
    auth: config.auth ? createAuthServices(database, config.auth, clock) : null,
  }
}

export type Services = ReturnType<typeof createServices>
