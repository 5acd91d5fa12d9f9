// Starts Hushlink: reads config, opens the database (migrating it), starts the sweeper, listens.
import { loadSodium } from '../src/lib/crypto'
import { createApp } from './app'
import { actorOf } from './http/client-ip'
import { ConfigError, loadConfig, type Config } from './config'
import { meteredDatabase } from './db/metered'
import { openDatabase } from './db/sqlite'
import { createMetrics } from './metrics/metrics'
import type { AppDeps } from './deps'
import { serveApp } from './http/http-server'
import { startSweeper } from './jobs/sweeper'
import { createNotifier } from './notify/notifier'
import { createLogWriter } from './http/logger'
import { createServices } from './services'

/** The configuration, or a one-line error naming the bad variable and exit code 1. */
function configOrExit(): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(JSON.stringify({ level: 'error', msg: 'bad configuration', error: err.message }))
    process.exit(1)
  }
}

const config = configOrExit()
await loadSodium()
const opened = await openDatabase(config.databaseUrl, config.databaseAuthToken)
// Read only at scrape time, once the services below exist.
const metrics = config.metricsToken
  ? createMetrics({
      outboxDepth: () => services.outbox.depth(),
      sweeperLagSeconds: (now) => services.store.overdueSeconds(now),
    })
  : null
const database = metrics ? meteredDatabase(opened, metrics) : opened
const services = createServices(database, config, Date.now, metrics)
const deps: AppDeps = {
  ...services,
  metrics,
  config,
  database,
  clock: Date.now,
  actor: (c) => actorOf(c, config.ipMode, config.trustProxy),
  log: createLogWriter(config.logFile),
}
const app = createApp(deps)
const sweeper = startSweeper(deps)
const notifier = createNotifier({ ...deps, onAttempt: metrics?.delivery })
notifier.start()

// Short deadlines for headers and bodies, a long one only for uploads (server/http/http-server.ts).
const server = serveApp(app, config, (info) => {
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'listening',
      url: `http://localhost:${info.port}`,
      host: config.host,
      port: info.port,
    }),
  )
})

/** How long requests in flight may take to finish once a shutdown has begun. */
const SHUTDOWN_GRACE_MS = 10_000
let shuttingDown = false

/**
 * Stops accepting connections (idle keep-alive ones close at once), lets the requests in flight
 * finish, stops the sweeper, folds the WAL back into the database file and closes it.
 */
function shutdown(signal: string) {
  if (shuttingDown) return
  shuttingDown = true
  console.log(JSON.stringify({ level: 'info', msg: 'shutting down', signal }))
  server.close(async () => {
    await sweeper.stop()
    await notifier.stop()
    await database.close({ checkpoint: true })
    console.log(JSON.stringify({ level: 'info', msg: 'stopped' }))
    process.exit(0)
  })
  setTimeout(() => {
    console.error(
      JSON.stringify({ level: 'error', msg: 'shutdown timed out', graceMs: SHUTDOWN_GRACE_MS }),
    )
    process.exit(1)
  }, SHUTDOWN_GRACE_MS).unref()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
