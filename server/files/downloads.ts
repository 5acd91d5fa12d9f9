// The reveal of a file push: admitted first (per client, and within the download memory), then
// one view registers a download that streams the push's rows from the database. When the
// download ends — finished, dropped or cancelled — and the push has ended meanwhile (its last
// view, the owner), its bytes are deleted and checkpointed out of the WAL right then.
import type { Socket } from 'node:net'
import type { Context } from 'hono'
import { FILE_HEADERS } from '../../src/lib/protocol'
import type { Config } from '../config'
import type { Actor, PushRow } from '../db/store'
import { clientKey } from '../http/rate-limit'
import type { PushEnding } from '../pushes/ending'
import { FILE_ROW_BYTES, type FileStore } from './file-store'
import { downloadBody } from './download-stream'
import { DownloadSlots } from './download-slots'

/** Extra time a download's lease allows beyond the pace rule, for a slow database or disk. */
const LEASE_MARGIN_MS = 60_000

export interface FileDownloadParts {
  config: Config
  clock: () => number
  files: FileStore
  ending: PushEnding
}

export function createFileDownloads({ config, clock, files, ending }: FileDownloadParts) {
  const slots = new DownloadSlots(
    config.downloadsPerClient,
    Math.max(config.fileMemoryBytes, FILE_ROW_BYTES),
  )
  const pace = config.downloadPace
  // A reader kept by the pace rule reads its next row within this; a lease this old was left by
  // a crash, and the sweeper may give it up.
  const leaseMs =
    (FILE_ROW_BYTES / pace.minBytesPerSecond) * 1000 + 2 * pace.graceMs + LEASE_MARGIN_MS
  const leaseUntil = () => clock() + leaseMs

  const endDownload = async (downloadId: string, pushId: string) => {
    try {
      await ending.finishDownload(downloadId, pushId)
    } catch (error) {
      // The lease runs out and the sweeper deletes what this could not.
      console.error(
        JSON.stringify({ level: 'error', msg: 'ending a download failed', error: String(error) }),
      )
    }
  }

  return {
    /** A slot for this reveal, taken before anything is spent on it; throws 429 or 503. */
    admit(c: Context, push: PushRow): () => void {
      return slots.take(clientKey(c, config.trustProxy), Math.min(push.size, FILE_ROW_BYTES))
    },

    /**
     * Uses one view and answers the push's bytes as application/octet-stream with the counters
     * in headers; `release` (the admission) is given back when the download ends. Null if the
     * push ended since it was read: no view was used, and the caller still holds `release`.
     */
    async start(
      c: Context,
      push: PushRow,
      release: () => void,
      passChecked: boolean,
      actor: Actor,
    ): Promise<Response | null> {
      const view = await files.startDownload(push.id, clock(), actor, passChecked, leaseUntil())
      if (!view.ok) return null
      const socket = (c.env as { incoming?: { socket?: Socket } } | undefined)?.incoming?.socket
      const body = downloadBody(
        {
          rows: Math.ceil(push.size / FILE_ROW_BYTES),
          read: (seq) => files.readDownloadRow(view.downloadId, push.id, seq, leaseUntil()),
          end: async () => {
            release()
            await endDownload(view.downloadId, push.id)
          },
        },
        pace,
        socket ? () => socket.destroy() : null,
      )
      return c.body(body, 200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(push.size),
        [FILE_HEADERS.viewsRemaining]: String(view.viewsRemaining),
        [FILE_HEADERS.deletableByViewer]: String(push.deletableByViewer),
      })
    },
  }
}

export type FileDownloads = ReturnType<typeof createFileDownloads>
