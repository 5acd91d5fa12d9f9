// The WAL checkpoint that makes deletions real runs once per turn of the event loop, shared by
// every push that ended meanwhile, and still before any of their answers goes out.
import { randomBytes } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import { toBase64Url } from '../../../src/lib/crypto'
import {
  filesContaining,
  pushText,
  revealText,
  startTestApp,
  type TestServer,
} from '../../testing/test-support'

let t: TestServer
afterEach(() => t.close())

it('is shared by the calls of one turn, and a call after it started gets a new one', async () => {
  t = await startTestApp()
  const first = t.database.checkpoint()
  expect(t.database.checkpoint()).toBe(first)
  await first
  const second = t.database.checkpoint()
  expect(second).not.toBe(first)
  await second
})

it('lets no answer of many pushes ending at once out before their bytes left every file', async () => {
  t = await startTestApp()
  const pushes = await Promise.all(
    Array.from({ length: 12 }, () =>
      pushText(t.api, toBase64Url(randomBytes(6000)), { expireAfterViews: 1 }),
    ),
  )
  const slices = await Promise.all(
    pushes.map(async (push) => {
      const rs = await t.database.client.execute({
        sql: 'SELECT data FROM ciphertexts WHERE push_id = ?',
        args: [push.id],
      })
      return new Uint8Array(rs.rows[0].data as ArrayBuffer).subarray(100, 132)
    }),
  )
  expect(slices.every((slice) => filesContaining(t.dir, slice).length > 0)).toBe(true)
  const leftovers = await Promise.all(
    pushes.map(async (push, i) => {
      const revealed = await revealText(t.api, push.link)
      expect(revealed.ok).toBe(true)
      // Checked the moment this answer arrives, while other reveals may still be in flight.
      return filesContaining(t.dir, slices[i])
    }),
  )
  expect(leftovers.flat()).toEqual([])
})
