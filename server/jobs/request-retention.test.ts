// Requests follow push retention: a request closed longer ago than HUSHLINK_RETENTION_DAYS goes
// with its events and answer links; recent, open and answered-but-unrevealed ones stay.
import { afterEach, describe, expect, it } from 'vitest'
import {
  answerRequest,
  createRequest,
  createRequestClient,
  type CreatedRequest,
  type RequestClient,
  type RequestOptions,
} from '../../src/lib/api/request-flow'
import { createOwnerStore } from '../auth/owner-store'
import { createRequestStore } from '../requests/request-store'
import { startTestApp, type TestServer } from '../testing/test-support'
import { sweepOnce } from './sweeper'

let t: TestServer
let client: RequestClient
afterEach(() => t.close())

const DAY = 24 * 3600_000

async function start(retentionDays: string) {
  t = await startTestApp({ HUSHLINK_RETENTION_DAYS: retentionDays, HUSHLINK_RATE_LIMIT: 'off' })
  const inProcess = ((input: RequestInfo | URL, init?: RequestInit) =>
    t.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch
  client = createRequestClient('http://test.local', inProcess)
}

async function made(options: Partial<RequestOptions> = {}): Promise<CreatedRequest> {
  const result = await createRequest(client, { label: 'VPN password please', ...options })
  if (!result.ok) throw new Error(`create failed: ${result.status} ${result.error.error}`)
  return result.data
}

/** Answers `request` once (closing it if that was its last answer); returns the answer's id. */
async function answered(request: CreatedRequest): Promise<string> {
  const info = await client.get(request.id)
  if (!info.ok) throw new Error('no request')
  const content = { v: 1, kind: 'text', text: 'hunter2' } as const
  const result = await answerRequest(client, info.data, info.data.publicKey, content)
  if (!result.ok)
    throw new Error(`answer failed: ${'refused' in result ? result.refused : result.status}`)
  const answers = await client.answers(request.id, request.ownerToken)
  if (!answers.ok) throw new Error('no answers')
  return answers.data.answers.at(-1)!.id
}

/** The request ids left in each table that holds something of a request. */
async function requestIdsIn(): Promise<Record<string, string[]>> {
  const ids = async (sql: string) =>
    (await t.database.client.execute(sql)).rows.map((r) => String(r.id)).sort()
  return {
    requests: await ids('SELECT id FROM requests'),
    events: await ids('SELECT DISTINCT request_id AS id FROM request_events'),
    answers: await ids('SELECT DISTINCT request_id AS id FROM request_answers'),
  }
}

describe('request retention', () => {
  it('purges requests closed longer than the retention ago with their events, keeps the rest', async () => {
    await start('30')
    // Closed by its one answer now; the answer (a push of one minute) ends by time.
    const byAnswers = await made({ answersAllowed: 1, pushSeconds: 60 })
    await answered(byAnswers)
    // Closed by time after a day, never answered.
    const byTime = await made({ openSeconds: DAY / 1000 })
    // Closed by its answer, which is still waiting to be revealed (90 days): it stays.
    const answerActive = await made({ answersAllowed: 1, pushSeconds: (90 * DAY) / 1000 })
    const activeAnswer = await answered(answerActive)
    // Open for 90 days.
    const open = await made({ openSeconds: (90 * DAY) / 1000 })
    t.advance(10 * DAY)
    const recent = await made({ answersAllowed: 1, pushSeconds: 60 })
    await answered(recent)

    t.advance(21 * DAY) // byAnswers closed 31 days ago, byTime exactly 30, recent 21
    const first = await sweepOnce(t.deps)
    expect((await client.get(byAnswers.id)).status).toBe(404)
    expect((await client.get(byTime.id)).ok).toBe(true)
    expect(first).toMatchObject({ requestsPurged: 1 })
    t.advance(1)
    expect(await sweepOnce(t.deps)).toMatchObject({ requestsPurged: 1 })

    const kept = [answerActive.id, open.id, recent.id].sort()
    expect(await requestIdsIn()).toEqual({
      requests: kept,
      events: kept,
      answers: [answerActive.id, recent.id].sort(),
    })
    for (const gone of [byAnswers, byTime]) {
      expect((await client.get(gone.id)).status).toBe(404)
      expect((await client.answers(gone.id, gone.ownerToken)).status).toBe(404)
    }
    const stillThere = await client.answers(answerActive.id, answerActive.ownerToken)
    expect(stillThere.ok && stillThere.data.answers.map((a) => a.id)).toEqual([activeAnswer])
    expect((await client.get(open.id)).ok).toBe(true)
    expect(await sweepOnce(t.deps)).toMatchObject({ requestsPurged: 0 })
  })

  it("takes a purged request's owner row with it", async () => {
    await start('30')
    const owners = createOwnerStore(t.database)
    const old = await made({ openSeconds: 60 })
    const open = await made({ openSeconds: (90 * DAY) / 1000 })
    await owners.recordRequest(old.id, 'user-1', t.now())
    await owners.recordRequest(open.id, 'user-1', t.now())
    t.advance(31 * DAY)
    expect(await sweepOnce(t.deps)).toMatchObject({ requestsPurged: 1 })
    const rows = await t.database.client.execute('SELECT request_id FROM request_owners')
    expect(rows.rows.map((r) => String(r.request_id))).toEqual([open.id])
    expect((await owners.listRequests('user-1')).map((r) => r.id)).toEqual([open.id])
  })

  it('purges in rounds when many requests are due', async () => {
    await start('1')
    const requests = await Promise.all(Array.from({ length: 12 }, () => made({ openSeconds: 60 })))
    t.advance(2 * DAY)
    const store = createRequestStore(t.database)
    expect(await store.purgeClosedBefore(t.now() - DAY, 5)).toBe(requests.length)
    expect(await requestIdsIn()).toEqual({ requests: [], events: [], answers: [] })
  })

  it('keeps every request forever when the retention is 0', async () => {
    await start('0')
    const request = await made({ answersAllowed: 1, pushSeconds: 60 })
    await answered(request)
    const timed = await made({ openSeconds: 60 })
    t.advance(3650 * DAY)
    expect(await sweepOnce(t.deps)).toMatchObject({ requestsPurged: 0 })
    const ids = [request.id, timed.id].sort()
    expect(await requestIdsIn()).toEqual({ requests: ids, events: ids, answers: [request.id] })
  })
})
