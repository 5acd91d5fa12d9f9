// WAL checkpoints off the event loop, on a worker thread with a connection of its own. SQLite
// checkpoints from the connection that commits, once the WAL passes 1,000 pages, and with
// synchronous=NORMAL a checkpoint syncs the WAL and the database file: on the event loop, those
// fsyncs stalled every request in flight (reveals at 50 connections: p99 51 ms with them, 13 ms
// without). The server's connections run with wal_autocheckpoint = 0 instead, and this worker
// - runs a PASSIVE checkpoint shortly after writes: it copies committed pages into the database
//   file while writers keep appending, and never blocks them;
// - runs the TRUNCATE checkpoint that takes a deleted push's bytes out of the WAL when asked
//   (truncate()), and the request that ended the push answers after it. A TRUNCATE holds the
//   write lock while it copies and syncs, so the server's writes wait for it (writesMayStart()),
//   asynchronously, instead of sleeping in SQLite's busy handler on the event loop;
// - keeps the WAL file bounded. Under steady writes a passive checkpoint never catches up with
//   the last frame, and SQLite starts the WAL over only when one has: it grew past 1 GB in a
//   5-second burst of creates. Once it passes `walLimitBytes`, a RESTART checkpoint (writes held
//   back as for TRUNCATE) copies what is left and lets the next write start it over.
// Durability is unchanged: commits are in the WAL either way (docs/performance.md).
//
// The worker handles one message at a time, so its checkpoints never overlap each other.
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
const checkpoints = {
  PASSIVE: db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true),
  RESTART: db.prepare('PRAGMA wal_checkpoint(RESTART)').raw(true),
  TRUNCATE: db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').raw(true),
}
// A WAL frame is a page and a 24-byte header.
const frameBytes = db.prepare('PRAGMA page_size').raw(true).get([])[0] + 24
// Before a RESTART, whose lock holds the server's writes back: sync the pages passive checkpoints
// copied into the database file (they sync it only when they got through the whole WAL, which
// under steady writes they never do), so that the RESTART has little left to sync while it holds.
const { openSync, fsyncSync, closeSync } = require('node:fs')
const databaseFd = openSync(workerData.path, 'r')
parentPort.on('message', (mode) => {
  if (mode === 'close') {
    // Closed here, then the port: the thread ends on its own, never cut off inside the driver.
    db.close()
    closeSync(databaseFd)
    parentPort.close()
    return
  }
  try {
    if (mode === 'RESTART') fsyncSync(databaseFd)
    const [busy, log, checkpointed] = checkpoints[mode].get([])
    parentPort.postMessage({ busy, log, checkpointed, walBytes: log * frameBytes })
  } catch (error) {
    parentPort.postMessage({ error: String(error) })
  }
})
`

/** How long close() lets the worker finish before it is terminated. */
const CLOSE_TIMEOUT_MS = 5000

export interface CheckpointResult {
  /** 1 when the checkpoint could not finish (another connection held what it needed). */
  busy: number
  log: number
  checkpointed: number
  /** Bytes of the frames in the WAL (since it last started over), as the checkpoint found it. */
  walBytes: number
}

type Mode = 'PASSIVE' | 'RESTART' | 'TRUNCATE'

export interface Checkpointer {
  /** Something was committed: a passive checkpoint follows within `delayMs`. */
  wrote(): void
  /** Copies the whole WAL into the database file and empties it; rejects if the worker failed. */
  truncate(): Promise<CheckpointResult>
  /** Null when writes may start now; else a promise of when they may (a TRUNCATE is running). */
  writesMayStart(): Promise<void> | null
  /** How many checkpoints the worker has run. */
  readonly runs: number
  close(): Promise<void>
}

export interface CheckpointerOptions {
  path: string
  pragmas: readonly string[]
  /** How long after a write the passive checkpoint runs: writes meanwhile share it. */
  delayMs?: number
  /** The WAL size past which the next checkpoint restarts the WAL (64 MiB by default). */
  walLimitBytes?: number
  /** The worker failed or stopped: the caller checkpoints on its own connections again. */
  onFailure(error: unknown): void
}

export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { path, pragmas, delayMs = 100, walLimitBytes = 64 * 1024 * 1024, onFailure } = options
  const driver = createRequire(import.meta.url).resolve('libsql')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, pragmas, driver } })
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))

  let failure: Error | null = null
  let closing = false
  let timer: NodeJS.Timeout | null = null
  let dirty = false
  let passiveQueued = false
  /** A checkpoint that holds the write lock (RESTART, TRUNCATE), while it runs. */
  let exclusive: Promise<CheckpointResult> | null = null
  let runs = 0
  /** Answers the worker owes, in the order it will give them. */
  const waiting: { resolve(r: CheckpointResult): void; reject(e: Error): void }[] = []

  const fail = (error: Error) => {
    if (failure || closing) return
    failure = error
    if (timer) clearTimeout(timer)
    for (const w of waiting.splice(0)) w.reject(error)
    onFailure(error)
  }
  worker.on('error', fail)
  worker.on('exit', (code) => fail(new Error(`checkpoint worker exited with code ${code}`)))
  worker.on('message', (answer: CheckpointResult & { error?: string }) => {
    runs++
    const w = waiting.shift()
    if (answer.error) {
      const error = new Error(answer.error)
      w?.reject(error)
      return fail(error)
    }
    w?.resolve(answer)
  })

  const request = (mode: Mode) =>
    new Promise<CheckpointResult>((resolve, reject) => {
      if (failure) return reject(failure)
      waiting.push({ resolve, reject })
      worker.postMessage(mode)
    })

  const passive = () => {
    timer = null
    if (failure || closing || passiveQueued) return
    dirty = false
    passiveQueued = true
    // Right after the passive checkpoint copied most of the WAL, the RESTART has little left.
    request('PASSIVE')
      .then((result) => (result.walBytes > walLimitBytes ? holdingWrites('RESTART') : result))
      .catch(() => undefined) // fail() has reported it
      .finally(() => {
        passiveQueued = false
        if (dirty) schedule()
      })
  }
  /** A checkpoint that takes the write lock: the server's writes wait for it (writesMayStart). */
  const holdingWrites = (mode: 'RESTART' | 'TRUNCATE') => {
    const run = request(mode).finally(() => {
      if (exclusive === run) exclusive = null
    })
    exclusive = run
    return run
  }
  const schedule = () => {
    if (!timer && !failure && !closing) {
      timer = setTimeout(passive, delayMs)
      timer.unref()
    }
  }

  return {
    wrote() {
      dirty = true
      if (!passiveQueued) schedule()
    },
    truncate() {
      return holdingWrites('TRUNCATE')
    },
    writesMayStart() {
      return (
        exclusive?.then(
          () => undefined,
          () => undefined,
        ) ?? null
      )
    },
    get runs() {
      return runs
    },
    async close() {
      if (closing) return exited
      closing = true
      if (timer) clearTimeout(timer)
      // The worker answers what it was asked before it reads 'close'.
      if (!failure) worker.postMessage('close')
      const stuck = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS)
      await exited
      clearTimeout(stuck)
      for (const w of waiting.splice(0)) w.reject(new Error('checkpoint worker closed'))
    },
  }
}
