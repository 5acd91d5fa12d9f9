// Deletion is real for file pushes too: once one ends (or its upload is refused half-way), no
// slice of its rows survives in any database file (main file, WAL, shared memory).
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FileApi } from '../../src/lib/api/file-client'
import { toBase64Url } from '../../src/lib/crypto'
import { createFileStore } from '../files/file-store'
import {
  fileOf,
  fileRowCounts,
  inProcessFileApi,
  pushTestFiles,
  revealTestFiles,
} from '../testing/file-test-support'
import { sweepOnce } from '../jobs/sweeper'
import {
  filesContaining,
  passphraseKeysFor,
  startTestApp,
  type TestPush,
  type TestServer,
} from '../testing/test-support'

const ACTOR = { ip: null, userAgent: null }
let t: TestServer
let files: FileApi
beforeEach(async () => {
  t = await startTestApp({
    HUSHLINK_PASSPHRASE_ATTEMPTS: '1',
    HUSHLINK_MAX_FILE_BYTES: String(4 * 1024 * 1024),
  })
  files = inProcessFileApi(t.app)
})
afterEach(() => t.close())

/** 32-byte slices of each stored row: its head, its middle and its tail. */
async function storedSlices(id: string): Promise<Uint8Array[]> {
  const rs = await t.database.client.execute({
    sql: 'SELECT data FROM file_chunks WHERE push_id = ? ORDER BY seq',
    args: [id],
  })
  return rs.rows.flatMap((row) => {
    const data = new Uint8Array(row.data as ArrayBuffer)
    const mid = Math.floor(data.length / 2)
    return [data.subarray(0, 32), data.subarray(mid, mid + 32), data.subarray(-32)]
  })
}

const found = (slices: Uint8Array[]) => slices.flatMap((slice) => filesContaining(t.dir, slice))

const endings: Record<string, (push: TestPush) => Promise<unknown>> = {
  'the last view': (push) => revealTestFiles(t.api, files, push),
  'time (the sweeper)': async () => {
    t.advance(3600_000)
    expect(await sweepOnce(t.deps)).toMatchObject({ expired: 1 })
  },
  'the owner': (push) => t.api.deletePush(push.id, push.ownerToken),
  'the recipient': (push) => t.api.burn(push.id, push.link.linkToken),
  'a last-view download cut by a crash (the sweeper)': async (push) => {
    // The download registered and never ended: the process died with it.
    const leaseUntil = t.now() + 120_000
    const view = await createFileStore(t.database).startDownload(
      push.id,
      t.now(),
      ACTOR,
      false,
      leaseUntil,
    )
    expect(view.ok).toBe(true)
    await sweepOnce(t.deps)
    expect(await fileRowCounts(t.database, push.id)).toMatchObject({ chunks: 3 })
    t.advance(120_001)
    await sweepOnce(t.deps)
  },
  'a passphrase lockout': async (push) => {
    const { passToken } = await passphraseKeysFor(t.api, push, 'wrong')
    return files.revealFile(push.id, push.link.linkToken, toBase64Url(passToken))
  },
}

describe('a 2.5 MiB file push (three rows)', () => {
  it.each(Object.keys(endings))(
    'is gone from every database file after it ends by %s',
    async (ending) => {
      const plaintext = randomBytes(2.5 * 1024 * 1024)
      const push = await pushTestFiles(files, [fileOf('secret.bin', plaintext)], {
        expireAfterViews: 1,
        expireAfterSeconds: 3600,
        passphrase: ending === 'a passphrase lockout' ? 'the passphrase' : null,
      })
      const slices = await storedSlices(push.id)
      expect(slices.length).toBe(9)
      // The control: while the push is active the test does find its bytes.
      expect(found(slices).length).toBeGreaterThan(0)
      const neighbour = await pushTestFiles(files, [fileOf('n.bin', randomBytes(200_000))], {
        expireAfterSeconds: 7200,
      })
      const neighbourSlices = await storedSlices(neighbour.id)

      await endings[ending](push)

      expect((await t.store.findPush(push.id))?.endedAt).not.toBeNull()
      expect(found(slices)).toEqual([])
      // Zero knowledge: the plaintext never reached the server at all.
      expect(filesContaining(t.dir, plaintext.subarray(1000, 1032))).toEqual([])
      expect(found(neighbourSlices).length).toBeGreaterThan(0)
      expect((await revealTestFiles(t.api, files, neighbour)).ok).toBe(true)
    },
  )
})

describe('an upload refused half-way', () => {
  it('leaves none of the rows it had written', async () => {
    const marker = randomBytes(64)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = new Uint8Array(512 * 1024)
        piece.set(marker, 1000)
        if (sent === 0) piece[0] = 0x02
        sent += piece.length
        controller.enqueue(piece)
      },
    })
    const options = toBase64Url(
      new TextEncoder().encode(JSON.stringify({ linkToken: toBase64Url(randomBytes(32)) })),
    )
    const response = await t.app.request('/api/pushes/files', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Push-Options': options },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(sent).toBeGreaterThan(3 * 1024 * 1024)
    expect(filesContaining(t.dir, marker)).toEqual([])
  })
})
