// Puts the Prometheus metrics on the database and the stores (only when metrics are on): write
// batch and checkpoint durations, pushes created by kind and ended by reason. Each wrapper adds a
// clock read or a counter increment to a call that costs a hundred times more.
import type { FileStore } from '../files/file-store'
import type { Metrics } from '../metrics/metrics'
import type { RequestStore } from '../requests/request-store'
import type { Database } from './sqlite'
import type { Store } from './store'

/** The database with its write batches and checkpoints timed; everything else as it was. */
export function meteredDatabase(database: Database, metrics: Metrics): Database {
  const { statements } = database
  const metered = Object.create(database) as Database
  metered.statements = {
    execute: (stmt) => statements.execute(stmt),
    async batch(stmts, mode) {
      const started = metrics.now()
      try {
        return await statements.batch(stmts, mode)
      } finally {
        metrics.batchSince(started)
      }
    },
  }
  metered.checkpoint = async () => {
    const started = metrics.now()
    try {
      await database.checkpoint()
    } finally {
      metrics.checkpointSince(started)
    }
  }
  return metered
}

/** Counts pushes as the stores create and end them (the ending service calls these). */
export function countPushes(
  parts: { store: Store; files: FileStore; requests: RequestStore },
  metrics: Metrics,
): void {
  const { store, files, requests } = parts
  const { createPush, endPush, endPushes, consumeView, failPassphrase } = store
  store.createPush = async (p, actor) => {
    await createPush(p, actor)
    metrics.created(p.kind)
  }
  store.endPush = async (id, reason, now, actor) => {
    const ended = await endPush(id, reason, now, actor)
    if (ended) metrics.ended(reason)
    return ended
  }
  store.endPushes = async (ids, reason, now, actor) => {
    const ended = await endPushes(ids, reason, now, actor)
    metrics.ended(reason, ended)
    return ended
  }
  store.consumeView = async (...args) => {
    const view = await consumeView(...args)
    if (view.ok && view.ended) metrics.ended('views')
    return view
  }
  store.failPassphrase = async (...args) => {
    const failure = await failPassphrase(...args)
    if (failure?.locked) metrics.ended('locked')
    return failure
  }
  const { finishUpload, startDownload } = files
  files.finishUpload = async (...args) => {
    const created = await finishUpload(...args)
    if (created) metrics.created('file')
    return created
  }
  files.startDownload = async (...args) => {
    const view = await startDownload(...args)
    if (view.ok && view.viewsRemaining === 0) metrics.ended('views')
    return view
  }
  const { answerRequest } = requests
  requests.answerRequest = async (requestId, push, actor) => {
    const answered = await answerRequest(requestId, push, actor)
    if (answered) metrics.created(push.kind)
    return answered
  }
}
