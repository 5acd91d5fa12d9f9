// The database's share of a request, without HTTP: the store's createPush and consumeView called
// in-process, 50 at a time as 50 connections would (so group commit works as in the server), on a
// fresh file with the server's settings and checkpoint worker. With the baseline's CPU per
// request, it bounds what any HTTP layer could reach: a request costs at least the baseline's
// work plus the store's. Used by `npm run bench`; `npx tsx bench/floor.ts` runs it alone.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../server/db/sqlite'
import { createStore, type NewPush } from '../server/db/store'

export interface StoreFloor {
  /** Store time per reveal (one view of a 100-view push) and per create (1 KiB), in µs. */
  revealMicros: number
  createMicros: number
}

const PARALLEL = 50
const actor = { ip: '127.0.0.1', userAgent: 'bench' }

function newPush(now: number): NewPush {
  const ciphertext = randomBytes(1024)
  ciphertext[0] = 0x01
  return {
    id: randomBytes(16).toString('base64url'),
    kind: 'text',
    ciphertext,
    linkTokenHash: randomBytes(32),
    ownerTokenHash: randomBytes(32),
    passphrase: null,
    expireAfterViews: 100,
    createdAt: now,
    expiresAt: now + 3_600_000,
    retrievalStep: false,
    deletableByViewer: false,
    locale: null,
    webhook: null,
  }
}

/**
 * CPU µs (this process, all threads: the checkpoint worker's share included) per call of
 * `call(i)` with PARALLEL calls in flight, over at least `ms` milliseconds. CPU time, not wall
 * time, so that other processes on the machine hardly move it.
 */
async function perCall(ms: number, call: (i: number) => Promise<unknown>): Promise<number> {
  let done = 0
  const started = performance.now()
  const cpu = process.cpuUsage()
  while (performance.now() - started < ms) {
    await Promise.all(Array.from({ length: PARALLEL }, (_, k) => call(done + k)))
    done += PARALLEL
  }
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / done
}

export async function storeFloor(seconds = 3): Promise<StoreFloor> {
  const dir = mkdtempSync(join(tmpdir(), 'hushlink-floor-'))
  const database = await openDatabase(`file:${join(dir, 'floor.db')}`)
  try {
    const store = createStore(database)
    const now = Date.now()
    const ids: string[] = []
    const createMicros = await perCall(seconds * 1000, async () => {
      const push = newPush(now)
      await store.createPush(push, actor)
      ids.push(push.id)
    })
    const revealMicros = await perCall(seconds * 1000, async (i) => {
      const result = await store.consumeView(ids[i % ids.length], now, actor)
      if (!result.ok) throw new Error('floor: a reveal found no view left')
    })
    return { revealMicros: Math.round(revealMicros), createMicros: Math.round(createMicros) }
  } finally {
    await database.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await storeFloor())
}
