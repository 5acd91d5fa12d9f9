// WAL checkpoints in the background, on a worker thread with a connection of its own. SQLite
// checkpoints from the connection that commits, once the WAL passes 1,000 pages, and with
// synchronous=NORMAL a checkpoint syncs the WAL and the database file: on the event loop, those
// fsyncs stalled every request in flight (reveals at 50 connections: p99 51 ms with them, 13 ms
// without). The server's connections run with wal_autocheckpoint = 0 and this worker runs a
// PASSIVE checkpoint shortly after writes instead: it copies committed pages into the database
// file while writers keep appending, and never blocks them. Durability is unchanged: commits are
// in the WAL either way (docs/performance.md).
//
// The TRUNCATE checkpoint that takes deleted bytes out of the WAL still runs on the server's own
// connection, so a request ending a push answers only after it; it first waits for the worker's
// checkpoint in flight (two checkpoints at once would make one return busy, half done).
import { createRequire } from 'node:module'
// From node:timers, not the globals: a test's fake clock must not hold the database's upkeep.
import { clearTimeout, setTimeout } from 'node:timers'
import { Worker } from 'node:worker_threads'

/** The worker: a connection with the server's PRAGMAs that checkpoints when asked. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path)
for (const pragma of workerData.pragmas) db.exec(pragma)
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true)
parentPort.on('message', (message) => {
  if (message === 'close') {
    // Closed here, then the port: the thread ends on its own, never cut off inside the driver.
    db.close()
    parentPort.close()
    return
  }
  try {
    const [busy, log, checkpointed] = checkpoint.get([])
    parentPort.postMessage({ busy, log, checkpointed })
  } catch (error) {
    parentPort.postMessage({ error: String(error) })
  }
})
`

/** How long close() lets the worker finish before it is terminated. */
const CLOSE_TIMEOUT_MS = 5000

export interface CheckpointResult {
  busy: number
  log: number
  checkpointed: number
}

export interface Checkpointer {
  /** Something was committed: a checkpoint follows within `delayMs`. */
  wrote(): void
  /** Resolves once no background checkpoint is running; it cannot start again before a turn ends. */
  idle(): Promise<void>
  /** How many background checkpoints have run. */
  readonly runs: number
  close(): Promise<void>
}

export interface CheckpointerOptions {
  path: string
  pragmas: readonly string[]
  /** How long after a write the checkpoint runs: writes meanwhile share it. */
  delayMs?: number
  /** The worker failed or stopped: the caller checkpoints on its own connections again. */
  onFailure(error: unknown): void
}

export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { path, pragmas, delayMs = 100, onFailure } = options
  const driver = createRequire(import.meta.url).resolve('libsql')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, pragmas, driver } })
  worker.unref()

  let failed = false
  let closing = false
  let timer: NodeJS.Timeout | null = null
  let running: { promise: Promise<void>; done(): void } | null = null
  let dirty = false
  let runs = 0

  const fail = (error: unknown) => {
    if (failed || closing) return
    failed = true
    if (timer) clearTimeout(timer)
    running?.done()
    running = null
    onFailure(error)
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`checkpoint worker exited with code ${code}`)))
  worker.on('message', (answer: Partial<CheckpointResult> & { error?: string }) => {
    runs++
    running?.done()
    running = null
    if (answer.error) return fail(new Error(answer.error))
    if (dirty) schedule()
  })

  const run = () => {
    timer = null
    if (failed || closing || running) return
    dirty = false
    let done!: () => void
    const promise = new Promise<void>((resolve) => (done = resolve))
    running = { promise, done }
    worker.postMessage(0)
  }
  const schedule = () => {
    if (!timer && !failed && !closing) {
      timer = setTimeout(run, delayMs)
      timer.unref()
    }
  }

  return {
    wrote() {
      dirty = true
      if (!running) schedule()
    },
    async idle() {
      while (running) await running.promise
    },
    get runs() {
      return runs
    },
    async close() {
      if (closing) return exited
      closing = true
      if (timer) clearTimeout(timer)
      await this.idle()
      if (!failed) worker.postMessage('close')
      const stuck = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS)
      await exited
      clearTimeout(stuck)
    },
  }
}
