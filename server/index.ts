// Starts Hushlink: reads config, opens the database (migrating it), starts the sweeper, listens.
import { serve } from '@hono/node-server'
import { loadSodium } from '../src/lib/crypto'
import { createApp } from './app'
import { actorOf } from './client-ip'
import { loadConfig } from './config'
import { openDatabase } from './db/client'
import { createStore } from './db/store'
import type { AppDeps } from './deps'
import { startSweeper } from './jobs/sweeper'
import { createLogWriter } from './logger'

const config = loadConfig()
await loadSodium()
const database = await openDatabase(config.databaseUrl, config.databaseAuthToken)
const store = createStore(database)
const deps: AppDeps = {
  config,
  store,
  database,
  clock: Date.now,
  actor: (c) => actorOf(c, config.ipMode, config.trustProxy),
  log: createLogWriter(config.logFile),
}
const app = createApp(deps)
const sweeper = startSweeper(deps)

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', url: `http://localhost:${info.port}`, host: config.host, port: info.port }))
})

function shutdown(signal: string) {
  console.log(JSON.stringify({ level: 'info', msg: 'shutting down', signal }))
  server.close(async () => {
    await sweeper.stop()
    database.close()
    process.exit(0)
  })
  setTimeout(() => process.exit(0), 10_000).unref()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
