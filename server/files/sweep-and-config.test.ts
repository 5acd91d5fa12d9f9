// File pushes and the rest of the server: the sweeper deleting abandoned uploads and stray
// bytes, and GET /api/config announcing (or not) file pushes.
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FileApi } from '../../src/lib/api/file-client'
import { toBase64Url } from '../../src/lib/crypto'
import { sweepOnce } from '../jobs/sweeper'
import { createFileStore } from './file-store'
import {
  fileOf,
  fileRowCounts,
  inProcessFileApi,
  pushTestFiles,
} from '../testing/file-test-support'
import { startTestApp, type TestServer } from '../testing/test-support'

let t: TestServer
let files: FileApi
beforeEach(async () => {
  t = await startTestApp({ HUSHLINK_MAX_FILE_BYTES: String(4 * 1024 * 1024) })
  files = inProcessFileApi(t.app)
})
afterEach(() => t.close())

const linkToken = () => toBase64Url(randomBytes(32))

describe('the sweeper', () => {
  it('deletes an upload abandoned mid-way (a crash) after an hour, and stray bytes', async () => {
    const store = createFileStore(t.database)
    await store.beginUpload('abandonedAAAAAAAAAAAAA', t.now())
    await store.addChunk('abandonedAAAAAAAAAAAAA', 0, randomBytes(1000))
    await store.addChunk('strayBytesAAAAAAAAAAAA', 0, randomBytes(1000))
    await sweepOnce(t.deps)
    expect(await fileRowCounts(t.database)).toEqual({ chunks: 1, uploads: 1 })
    t.advance(3600_000 + 1)
    await sweepOnce(t.deps)
    expect(await fileRowCounts(t.database)).toEqual({ chunks: 0, uploads: 0 })
  })

  it('leaves active file pushes alone', async () => {
    const push = await pushTestFiles(files, [fileOf('a', randomBytes(100))])
    t.advance(3600_000 + 1)
    await sweepOnce(t.deps)
    expect(await fileRowCounts(t.database, push.id)).toEqual({ chunks: 1, uploads: 0 })
  })
})

describe('GET /api/config', () => {
  it('announces file pushes and their limits', async () => {
    const config = await t.api.config()
    expect(config.ok && config.data).toMatchObject({
      limits: { maxFileBytes: 4 * 1024 * 1024, maxFiles: 10 },
      features: { files: true },
    })
  })

  it('and HUSHLINK_FILES=false turns them off', async () => {
    const off = await startTestApp({ HUSHLINK_FILES: 'false' })
    const config = await off.api.config()
    expect(config.ok && config.data.features.files).toBe(false)
    const upload = await inProcessFileApi(off.app).createFilePush(new Blob([new Uint8Array(50)]), {
      linkToken: linkToken(),
      passphrase: null,
    })
    expect(upload.status).toBe(404)
    await off.close()
  })
})
