// Scale-out on a real libSQL server: two API processes share one sqld. Views stay exact under
// concurrent reveals across both, and the sweepers of both end each expired push exactly once.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src/lib/api/client'
import { revealSealed } from '../../src/lib/api/push-flow'
import { loadSodium } from '../../src/lib/crypto'
import { loadConfig } from '../config'
import { openDatabase, type Database } from '../db/sqlite'
import { createStore } from '../db/store'
import { sweepOnce } from '../jobs/sweeper'
import { pushText, trailOf } from '../testing/test-support'
import { newOwnerToken, newPushId, tokenHash } from '../pushes/tokens'
import { ensureSqld, ROOT, sqldSupported, startApi, startSqld, type Running } from './processes'

// HUSHLINK_SQLD_TEST=skip opts out (e.g. offline); otherwise a missing sqld fails the run.
const enabled = sqldSupported && process.env.HUSHLINK_SQLD_TEST !== 'skip'

describe.skipIf(!enabled)('two API processes on one sqld', () => {
  let bin: string
  let dir: string
  let sqld: Running
  let apis: Running[] = []
  let database: Database

  beforeAll(async () => {
    bin = ensureSqld()
    dir = mkdtempSync(join(tmpdir(), 'hushlink-sqld-'))
    sqld = await startSqld(bin, join(dir, 'data.sqld'))
    const env = {
      DATABASE_URL: sqld.url,
      HUSHLINK_RATE_LIMIT: 'off',
      HUSHLINK_SWEEP_INTERVAL_SECONDS: '1',
    }
    // Both start at once on an empty database, so both race to migrate it, as replicas do.
    apis = await Promise.all([startApi(env), startApi(env)])
    await loadSodium()
    database = await openDatabase(sqld.url)
  }, 90_000)

  afterAll(async () => {
    database?.close()
    await Promise.all(apis.map((api) => api.stop()))
    await sqld?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is the sqld release the compose and Kubernetes recipes pin', () => {
    const image = /libsql-server:v([\d.]+)/.exec(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'))
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toContain(`sqld ${image?.[1]} `)
  })

  it('200 concurrent reveals of a 3-view push, spread over both, yield exactly 3', async () => {
    const clients = apis.map((api) => createApiClient(api.url))
    const push = await pushText(clients[0], 'scale-out secret', { expireAfterViews: 3 })

    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        revealSealed(clients[i % 2], push.link, { kind: 'text', passphrase: null }),
      ),
    )

    const revealed = outcomes.flatMap((o) =>
      o.ok && o.content.kind === 'text' ? [o.content.text] : [],
    )
    expect(revealed).toEqual(['scale-out secret', 'scale-out secret', 'scale-out secret'])
    const refused = outcomes.filter((o) => !o.ok)
    expect(refused.map((o) => (o.ok ? 0 : o.status))).toEqual(Array(197).fill(410))
    const trail = await trailOf(createStore(database), push.id)
    expect(trail.filter((e) => e === 'viewed')).toHaveLength(3)
    expect(trail.filter((e) => e.startsWith('expired'))).toEqual(['expired:views'])
    expect((await clients[1].getPush(push.id, push.link.linkToken)).status).toBe(410)
  }, 90_000)

  it('the sweepers of both end every expired push once, with one expired event each', async () => {
    const store = createStore(database)
    const count = 200
    const links = new Map<string, string>()
    await Promise.all(
      Array.from({ length: count }, async () => {
        const id = newPushId()
        const linkToken = newOwnerToken()
        links.set(id, linkToken)
        await store.createPush(
          {
            id,
            kind: 'text',
            ciphertext: Uint8Array.of(1, ...randomBytes(63)),
            linkTokenHash: (await tokenHash(linkToken))!,
            ownerTokenHash: (await tokenHash(newOwnerToken()))!,
            passphrase: null,
            webhook: null,
            expireAfterViews: 5,
            createdAt: Date.now(),
            expiresAt: Date.now() + 3_600_000,
            retrievalStep: false,
            deletableByViewer: true,
            locale: null,
          },
          { ip: null, userAgent: null },
        )
      }),
    )
    const ids = [...links.keys()]
    const placeholders = ids.map(() => '?').join(',')

    // All run out at once. Besides the timers of both processes, four more sweeps start here
    // at that moment (so sweeps surely overlap), and requests through both end pushes too.
    await database.client.execute({
      sql: `UPDATE pushes SET expires_at = ? WHERE id IN (${placeholders})`,
      args: [Date.now(), ...ids],
    })
    const sweepDeps = {
      config: loadConfig({ DATABASE_URL: sqld.url }),
      store,
      database,
      clock: Date.now,
    }
    const [sweeps, statuses] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, () => sweepOnce(sweepDeps))),
      Promise.all(
        ids.slice(-40).map((id, i) =>
          fetch(`${apis[i % 2].url}/api/pushes/${id}`, {
            headers: { 'X-Link-Token': links.get(id)! },
          }).then((r) => r.status),
        ),
      ),
    ])
    expect(new Set(statuses)).toEqual(new Set([410]))

    const stillActive = async () =>
      Number(
        (
          await database.client.execute({
            sql: `SELECT count(*) AS n FROM pushes WHERE ended_at IS NULL AND id IN (${placeholders})`,
            args: ids,
          })
        ).rows[0].n,
      )
    const deadline = Date.now() + 15_000
    while ((await stillActive()) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200))
    expect(await stillActive()).toBe(0)
    // Let each sweeper run at least twice more over the ended pushes.
    await new Promise((r) => setTimeout(r, 2500))

    const perPush = await database.client.execute({
      sql: `SELECT p.id, p.end_reason AS reason,
              (SELECT count(*) FROM events e WHERE e.push_id = p.id AND e.kind = 'expired') AS expired,
              (SELECT count(*) FROM events e WHERE e.push_id = p.id AND e.kind = 'expired' AND e.ip IS NULL) AS bySweeper,
              (SELECT count(*) FROM events e WHERE e.push_id = p.id AND e.kind = 'created') AS created,
              (SELECT count(*) FROM ciphertexts c WHERE c.push_id = p.id) AS bytes
            FROM pushes p WHERE p.id IN (${placeholders})`,
      args: ids,
    })
    expect(perPush.rows).toHaveLength(count)
    for (const row of perPush.rows) {
      expect({
        reason: row.reason,
        expired: Number(row.expired),
        created: Number(row.created),
        bytes: Number(row.bytes),
      }).toEqual({ reason: 'time', expired: 1, created: 1, bytes: 0 })
    }
    for (const id of ids.slice(0, 3)) expect(await trailOf(store, id)).toContain('expired:time')

    // Each sweep counts only the pushes it ended; together they match the events they wrote.
    // A process logs a sweep's count after its last batch commits: under load, wait for the line.
    const bySweeper = perPush.rows.reduce((sum, row) => sum + Number(row.bySweeper), 0)
    const sweptByNow = () => [
      ...apis.map((api) => sweepTotal(api.output())),
      ...sweeps.map((s) => s.expired),
    ]
    const logDeadline = Date.now() + 10_000
    let sweptBy = sweptByNow()
    while (sweptBy.reduce((a, b) => a + b) !== bySweeper && Date.now() < logDeadline) {
      await new Promise((r) => setTimeout(r, 200))
      sweptBy = sweptByNow()
    }
    expect(sweptBy.reduce((a, b) => a + b)).toBe(bySweeper)
    console.log(
      `sqld sweep race over ${count} pushes: ended by sweeps [A, B, 4 in-test] = [${sweptBy}], by requests ${count - bySweeper}`,
    )
  }, 90_000)
})

/** The pushes one process's sweeper reports having ended, from its JSON log lines. */
function sweepTotal(output: string): number {
  return output
    .split('\n')
    .filter((line) => line.includes('"msg":"sweep"'))
    .reduce((sum, line) => sum + (JSON.parse(line).expired as number), 0)
}
