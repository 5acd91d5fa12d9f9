// A passphrase check is given back whenever a reveal uses no view: a file reveal told to wait
// never takes one, and one a crash left taken is given back by the sweeper.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import {
  fileOf,
  inProcessFileApi,
  joined,
  pushTestFiles,
  revealTestFiles,
} from '../testing/file-test-support'
import { sweepOnce } from '../jobs/sweeper'
import {
  passphraseKeysFor,
  pushText,
  revealText,
  startTestApp,
  type TestServer,
} from '../testing/test-support'

const MiB = 1024 * 1024
const PASSPHRASE = 'correct horse battery staple'
let t: TestServer
afterEach(() => t.close())

describe('a file reveal told to wait (503 busy)', () => {
  it('keeps no passphrase check: six waits with the right passphrase, then it opens', async () => {
    t = await startTestApp({
      HUSHLINK_MAX_FILE_BYTES: String(4 * MiB),
      HUSHLINK_FILE_MEMORY_BYTES: String(MiB),
    })
    const files = inProcessFileApi(t.app)
    const bytes = randomBytes(3 * MiB)
    const other = await pushTestFiles(files, [fileOf('other', randomBytes(3 * MiB))])
    const push = await pushTestFiles(files, [fileOf('secret', bytes)], { passphrase: PASSPHRASE })
    // Another recipient's download holds the download memory.
    const holding = await files.revealFile(other.id, other.link.linkToken)
    if (!holding.ok) throw new Error(holding.error.error)

    const passToken = toBase64Url((await passphraseKeysFor(t.api, push, PASSPHRASE)).passToken)
    const answers = []
    for (let i = 0; i < 6; i++) {
      const r = await files.revealFile(push.id, push.link.linkToken, passToken)
      answers.push(r.ok ? 200 : `${r.status} ${r.error.error}`)
    }
    expect(answers).toEqual(Array(6).fill('503 busy'))
    const row = await t.store.findPush(push.id)
    expect([row!.passChecks, row!.passAttemptsLeft, row!.viewsRemaining]).toEqual([0, 5, 5])

    for await (const _ of holding.data.body);
    const opened = await revealTestFiles(t.api, files, push, PASSPHRASE)
    if (!opened.ok) throw new Error(`${opened.status} ${opened.error.error}`)
    expect(joined(opened.files[0].parts).equals(bytes)).toBe(true)
  })
})

describe('a passphrase check left taken by a crash', () => {
  it('is given back by the sweeper once no check was taken for a minute', async () => {
    t = await startTestApp()
    const push = await pushText(t.api, 'x', { passphrase: PASSPHRASE })
    // Five reveals that reserved their check and never came back (the process died).
    for (let i = 0; i < 5; i++)
      expect(await t.store.reservePassphraseCheck(push.id, t.now())).toBe(true)
    const stuck = await revealText(t.api, push.link, PASSPHRASE)
    expect(stuck.ok ? 200 : [stuck.status, stuck.error.error]).toEqual([429, 'rate_limited'])

    await sweepOnce(t.deps)
    expect((await t.store.findPush(push.id))!.passChecks).toBe(5)
    t.advance(60_001)
    await sweepOnce(t.deps)
    const opened = await revealText(t.api, push.link, PASSPHRASE)
    expect(opened.ok && opened.content).toEqual({ v: 1, kind: 'text', text: 'x' })
  })
})
