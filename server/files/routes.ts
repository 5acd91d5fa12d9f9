// File pushes: POST /api/pushes/files streams an encrypted upload into the database (413 the
// moment it passes the limit, 429 the moment it passes the client's quota). Revealing one is downloads.ts.
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
import { readBodyStream, validated } from '../http/body'
import { FILE_ROW_BYTES, type FileStore } from './file-store'
import type { AppDeps } from '../deps'
import { HttpError, methodNotAllowed } from '../http/http-error'
import { recordOwner } from '../auth/ownership'
import { admitWebhook } from '../notify/target'
import { newPushRecord } from '../pushes/new-push'
import { clientKey } from '../http/rate-limit'
import { newPushId } from '../pushes/tokens'
import { UploadQuota } from './upload-quota'
import { json, requestHeader } from '../http/respond'

/** X-Push-Options is a few hundred characters; anything near this is not ours. */
const MAX_OPTIONS_CHARS = 4096

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

/**
 * Writes the body into rows of FILE_ROW_BYTES as it arrives; returns its length. `charge` counts
 * each piece against the client's quota (or throws) before it is stored.
 */
async function storeUpload(
  c: Context,
  files: FileStore,
  id: string,
  limit: number,
  charge: (bytes: number) => void,
): Promise<number> {
  const rows = new Chunker(FILE_ROW_BYTES)
  let seq = 0
  let total = 0
  for await (const piece of readBodyStream(c, limit)) {
    if (total === 0 && piece.length > 0 && piece[0] !== FILE_FORMAT_VERSION) {
      throw invalid('the upload is not a version 2 file stream')
    }
    charge(piece.length)
    total += piece.length
    for (const row of rows.add(piece)) await files.addChunk(id, seq++, row.slice())
  }
  if (rows.rest.length > 0) await files.addChunk(id, seq, rows.rest.slice())
  if (!isFileUploadLength(total)) throw invalid('the upload is not a complete file stream')
  return total
}

export function fileRoutes(deps: AppDeps) {
  const { config, files, ending } = deps
  const optionsSchema = filePushOptions(config.limits)
  const uploadLimit = maxFileUploadBytes(config.limits.maxFileBytes)
  const quota = new UploadQuota(config.fileQuota, config.rateLimit.maxClients, deps.clock)
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
    await admitWebhook(options.webhook, config.webhooks.allowPrivate, deps.webhookLookup)
    const client = clientKey(c, config.trustProxy)
    const declared = Number(requestHeader(c, 'content-length') ?? 0)
    if (declared > 0 && declared <= uploadLimit) quota.ensureRoom(client, declared)
    const id = newPushId()
    await files.beginUpload(id, deps.clock())
    let charged = 0
    const charge = (bytes: number) => {
      quota.charge(client, bytes)
      charged += bytes
    }
    try {
      const size = await storeUpload(c, files, id, uploadLimit, charge)
      const { record, answer } = await newPushRecord(id, options, config.limits, deps.clock())
      if (!(await files.finishUpload({ ...record, size }, deps.actor(c)))) {
        throw new HttpError(408, 'upload_expired', 'The upload took too long. Try again.')
      }
      await recordOwner(deps, c, 'push', id)
      return json(c, answer, 201)
    } catch (error) {
      // Nothing of it is kept, so nothing of it counts.
      quota.refund(client, charged)
      await ending.abandonUpload(id)
      throw error
    }
  })

  app.all('/files', methodNotAllowed('POST'))
  return app
}
