// The expiry sweeper: ends pushes whose time ran out even if nobody asks for them, makes the
// deletion real (through the ending service's checkpoint), purges trails and requests older than
// the retention period (with the rows naming their signed-in owner), deletes abandoned file
// uploads and downloads, gives back passphrase checks a crash left taken, and removes expired
// sessions and sign-ins under way.
// Every step is a conditional write, so several processes may sweep one database at once.
import { createAccountStore } from '../auth/account-store'
import { createFileStore, type FileStore } from '../files/file-store'
import { createPushEnding } from '../pushes/ending'
import { createRequestStore } from '../requests/request-store'
import { nextTurn, type Actor } from '../db/push-statements'
import type { AppDeps } from '../deps'

export type SweepDeps = Pick<AppDeps, 'config' | 'store' | 'database' | 'clock'>

export interface SweepResult {
  /** Pushes this sweep ended for time (a racing request or sweeper may have ended others). */
  expired: number
  /** Ended pushes removed with their events. */
  purged: number
  /** Closed requests removed with their events. */
  requestsPurged: number
}

/** Pushes ended per transaction: small enough that requests never wait long behind one. */
const EXPIRE_BATCH = 50
/** A passphrase check lives for one comparison and one write; one this old was left by a crash. */
const STALE_PASSPHRASE_CHECK_MS = 60_000
/** The sweeper is nobody's request: its events carry no address or user agent. */
const SWEEPER: Actor = { ip: null, userAgent: null }

/** One sweep; `stopping` is asked between batches, so a shutdown need not wait for a long one. */
export async function sweepOnce(
  deps: SweepDeps,
  stopping: () => boolean = () => false,
): Promise<SweepResult> {
  const files = createFileStore(deps.database)
  const ending = createPushEnding({ store: deps.store, files, database: deps.database })
  // One checkpoint for the whole sweep, after its last delete, if it deleted anything.
  const { result } = await ending.erasing(
    sweepWrites(deps, files, stopping),
    (sweep) => sweep.erased,
  )
  return result
}

/** The writes of one sweep, and whether they deleted anything the database files may still hold. */
async function sweepWrites(
  deps: SweepDeps,
  files: FileStore,
  stopping: () => boolean,
): Promise<{ result: SweepResult; erased: boolean }> {
  const now = deps.clock()
  let expired = 0
  for (;;) {
    const ids = await deps.store.findExpired(now, EXPIRE_BATCH)
    expired += await deps.store.endPushes(ids, 'time', now, SWEEPER)
    if (ids.length < EXPIRE_BATCH || stopping()) break
    // A store answering synchronously (an embedded file) would otherwise hold the event loop
    // for the whole sweep: 10^5 expired pushes stalled every request for seconds.
    await nextTurn()
  }
  // Retention 0 keeps trails forever; otherwise a trail goes that many days after its push ended,
  // and a request (its label, key and events) that many days after it closed.
  const retentionMs = deps.config.retentionSeconds * 1000
  let purged = 0
  let requestsPurged = 0
  if (retentionMs > 0) {
    purged = await deps.store.purgeEndedBefore(now - retentionMs)
    requestsPurged = await createRequestStore(deps.database).purgeClosedBefore(now - retentionMs)
  }
  const staleUploads = now - deps.config.staleUploadMs
  const abandoned = await files.sweepAbandoned(staleUploads, now)
  await deps.store.releaseStaleChecks(now - STALE_PASSPHRASE_CHECK_MS)
  // Signing in also clears these, but an instance nobody signs in to any more would keep them.
  await createAccountStore(deps.database).purgeExpired(now)
  return {
    result: { expired, purged, requestsPurged },
    erased: expired > 0 || purged > 0 || requestsPurged > 0 || abandoned > 0,
  }
}

export interface Sweeper {
  /** Stops the timer and waits for a sweep in progress, so the database can be closed after. */
  stop(): Promise<void>
}

/** Sweeps now, then every `config.sweepIntervalMs`, never two sweeps of this process at once. */
export function startSweeper(deps: SweepDeps, log: (line: object) => void = defaultLog): Sweeper {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()

  const run = () => {
    running = sweepOnce(deps, () => stopped)
      .then((result) => {
        if (result.expired || result.purged || result.requestsPurged)
          log({ level: 'info', msg: 'sweep', ...result })
      })
      .catch((err) => log({ level: 'error', msg: 'sweep failed', error: String(err) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, deps.config.sweepIntervalMs).unref()
      })
  }
  timer = setTimeout(run, 0).unref()

  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

function defaultLog(line: object): void {
  console.log(JSON.stringify(line))
}
