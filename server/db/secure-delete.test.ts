// Deletion is real: once a push ends, no slice of its ciphertext survives in any database file
// (main file, WAL, shared memory), whether it held one page or spilled into overflow pages.
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import { sweepOnce } from '../jobs/sweeper'
import {
  filesContaining,
  passphraseKeysFor,
  pushText,
  revealText,
  startTestApp,
  type TestPush,
  type TestServer,
} from '../testing/test-support'

let t: TestServer
beforeEach(async () => {
  t = await startTestApp({ HUSHLINK_PASSPHRASE_ATTEMPTS: '1' })
})
afterEach(() => t.close())

/** Three 32-byte slices of the stored ciphertext: its head, its middle and its tail. */
function slicesOf(ciphertext: Uint8Array): Uint8Array[] {
  const mid = Math.floor(ciphertext.length / 2)
  return [ciphertext.subarray(0, 32), ciphertext.subarray(mid, mid + 32), ciphertext.subarray(-32)]
}

const found = (slices: Uint8Array[]) => slices.flatMap((slice) => filesContaining(t.dir, slice))

/** The ciphertext as the server stored it, read through one reveal's worth of protocol. */
async function storedCiphertext(push: TestPush): Promise<Uint8Array> {
  const rs = await t.database.client.execute({
    sql: 'SELECT data FROM ciphertexts WHERE push_id = ?',
    args: [push.id],
  })
  return new Uint8Array(rs.rows[0].data as ArrayBuffer)
}

const endings: Record<string, (push: TestPush) => Promise<unknown>> = {
  'the last view': (push) => revealText(t.api, push.link),
  'time (lazily, on a metadata read)': async (push) => {
    t.advance(3600_000)
    return t.api.getPush(push.id, push.link.linkToken)
  },
  'time (the sweeper)': async () => {
    t.advance(3600_000)
    expect(await sweepOnce(t.deps)).toMatchObject({ expired: 1 })
  },
  'the owner': (push) => t.api.deletePush(push.id, push.ownerToken),
  'the recipient': (push) => t.api.burn(push.id, push.link.linkToken),
  'a passphrase lockout': async (push) => {
    const { passToken } = await passphraseKeysFor(t.api, push, 'wrong')
    return t.api.reveal(push.id, push.link.linkToken, toBase64Url(passToken))
  },
}

describe.each([
  ['8 KiB', 8 * 1024],
  ['200 KiB (overflow pages)', 200 * 1024],
])('a %s ciphertext', (_, size) => {
  it.each(Object.keys(endings))(
    'is gone from every database file after it ends by %s',
    async (ending) => {
      const plaintext = toBase64Url(randomBytes(Math.floor((size * 3) / 4) - 64))
      const push = await pushText(t.api, plaintext, {
        expireAfterViews: 1,
        expireAfterSeconds: 3600,
        passphrase: ending === 'a passphrase lockout' ? 'the passphrase' : null,
      })
      const ciphertext = await storedCiphertext(push)
      expect(ciphertext.length).toBeGreaterThanOrEqual(size)
      const slices = slicesOf(ciphertext)
      // The control: while the push is active the test does find its bytes.
      expect(found(slices).length).toBeGreaterThan(0)
      const neighbour = await pushText(t.api, toBase64Url(randomBytes(6000)), {
        expireAfterSeconds: 7200,
      })
      const neighbourSlices = slicesOf(await storedCiphertext(neighbour))

      await endings[ending](push)

      expect((await t.store.findPush(push.id))?.endedAt).not.toBeNull()
      expect(found(slices)).toEqual([])
      // Zero knowledge: the plaintext never reached the server at all.
      expect(filesContaining(t.dir, new TextEncoder().encode(plaintext.slice(1000, 1032)))).toEqual(
        [],
      )
      // Ending one push leaves the others intact.
      expect(found(neighbourSlices).length).toBeGreaterThan(0)
      expect((await revealText(t.api, neighbour.link)).ok).toBe(true)
    },
  )
})
