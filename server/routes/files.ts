// File pushes: POST /api/pushes/files streams an encrypted upload into the database (413 the
// moment it passes the limit), and revealing a file push answers with those bytes in binary.
import { Hono, type Context } from 'hono'
import {
  Chunker,
  FILE_FORMAT_VERSION,
  fromBase64Url,
  isFileUploadLength,
  maxFileUploadBytes,
} from '../../src/lib/crypto'
import { FILE_HEADERS } from '../../src/lib/protocol'
import { filePushOptions } from '../../src/lib/protocol/pushes'
import { readBodyStream, validated } from '../body'
import { ByteBudget } from '../byte-budget'
import { createFileStore, type FileStore, type FileViewResult } from '../db/file-store'
import type { PushRow } from '../db/store'
import type { AppDeps } from '../deps'
import { HttpError, methodNotAllowed } from '../http-error'
import { newPushRecord } from '../new-push'
import { newPushId } from '../tokens'
import { json, requestHeader } from '../respond'

/** Uploads are stored in rows of this size: small enough to stream, large enough to be few. */
const ROW_BYTES = 1024 * 1024
/** X-Push-Options is a few hundred characters; anything near this is not ours. */
const MAX_OPTIONS_CHARS = 4096
/** A download whose reader takes no bytes for this long is dropped, and its memory freed. */
const DOWNLOAD_IDLE_MS = 60_000

const invalid = (message: string) => new HttpError(400, 'invalid_input', message)

function readOptions(header: string | undefined): unknown {
  if (!header) throw invalid(`the ${FILE_HEADERS.options} header is missing`)
  try {
    if (header.length > MAX_OPTIONS_CHARS) throw new RangeError()
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(header)))
  } catch {
    throw invalid(`${FILE_HEADERS.options} must be base64url of a JSON object`)
  }
}

/** Writes the body into rows of ROW_BYTES as it arrives; returns its length. */
async function storeUpload(
  c: Context,
  files: FileStore,
  id: string,
  limit: number,
): Promise<number> {
  const rows = new Chunker(ROW_BYTES)
  let seq = 0
  let total = 0
  for await (const piece of readBodyStream(c, limit)) {
    if (total === 0 && piece.length > 0 && piece[0] !== FILE_FORMAT_VERSION) {
      throw invalid('the upload is not a version 2 file stream')
    }
    total += piece.length
    for (const row of rows.add(piece)) await files.addChunk(id, seq++, row.slice())
  }
  if (rows.rest.length > 0) await files.addChunk(id, seq, rows.rest.slice())
  if (!isFileUploadLength(total)) throw invalid('the upload is not a complete file stream')
  return total
}

export function fileRoutes(deps: AppDeps) {
  const { config, database } = deps
  const files = createFileStore(database)
  const optionsSchema = filePushOptions(config.limits)
  const uploadLimit = maxFileUploadBytes(config.limits.maxFileBytes)
  const app = new Hono()

  app.post('/files', async (c) => {
    if (!config.files) throw new HttpError(404, 'not_found', 'File pushes are turned off here.')
    if (!/^application\/octet-stream\s*(;|$)/i.test(requestHeader(c, 'content-type') ?? '')) {
      throw new HttpError(
        415,
        'unsupported_media_type',
        'Send the upload as application/octet-stream.',
      )
    }
    // Everything but the body is checked before a byte of it is read.
    const options = validated(optionsSchema, readOptions(requestHeader(c, FILE_HEADERS.options)))
    const id = newPushId()
    await files.beginUpload(id, deps.clock())
    try {
      const size = await storeUpload(c, files, id, uploadLimit)
      const { record, answer } = await newPushRecord(id, options, config.limits, deps.clock())
      if (!(await files.finishUpload({ ...record, size }, deps.actor(c)))) {
        throw new HttpError(408, 'upload_expired', 'The upload took too long. Try again.')
      }
      return json(c, answer, 201)
    } catch (error) {
      await files.abandonUpload(id)
      await database.checkpoint()
      throw error
    }
  })

  app.all('/files', methodNotAllowed('POST'))
  return app
}

/**
 * The answer body, from rows already in memory, each let go once sent. A reader that stops
 * reading for DOWNLOAD_IDLE_MS loses the download, so a stalled client cannot hold memory.
 */
function downloadStream(chunks: Uint8Array[], release: () => void): ReadableStream<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const finish = () => {
    clearTimeout(timer)
    chunks.length = 0
    release()
  }
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      clearTimeout(timer)
      const next = chunks.shift()
      if (!next) {
        finish()
        return controller.close()
      }
      controller.enqueue(next)
      timer = setTimeout(() => {
        finish()
        controller.error(new Error('the download stalled'))
      }, DOWNLOAD_IDLE_MS)
    },
    cancel: finish,
  })
}

/**
 * Reveal of a file push: uses one view and answers the upload's bytes as
 * application/octet-stream with the counters in headers. Null if the push ended since it was read.
 */
export function fileRevealer(deps: AppDeps) {
  const files = createFileStore(deps.database)
  const uploadLimit = maxFileUploadBytes(deps.config.limits.maxFileBytes)
  const budget = new ByteBudget(Math.max(deps.config.fileMemoryBytes, uploadLimit))

  return async (c: Context, push: PushRow, passChecked: boolean): Promise<Response | null> => {
    // Before the view is used: a recipient told to wait keeps it.
    const release = budget.take(push.size)
    if (!release) {
      throw new HttpError(
        503,
        'busy',
        'Many downloads are running. Try again in a few seconds.',
        {},
        {
          'Retry-After': '5',
        },
      )
    }
    let view: FileViewResult
    try {
      view = await files.consumeFileView(push.id, deps.clock(), deps.actor(c), passChecked)
      if (view.ok && view.ended) await deps.database.checkpoint()
    } catch (error) {
      release()
      throw error
    }
    if (!view.ok) {
      release()
      return null
    }
    return c.body(downloadStream(view.chunks, release), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(push.size),
      [FILE_HEADERS.viewsRemaining]: String(view.viewsRemaining),
      [FILE_HEADERS.deletableByViewer]: String(push.deletableByViewer),
    })
  }
}
