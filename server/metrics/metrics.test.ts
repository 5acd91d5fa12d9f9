// GET /metrics: off (404) without HUSHLINK_METRICS_TOKEN, 401 without the right bearer token,
// and with it the metrics the docs name, labelled by route pattern (never an id) and status.
import { afterEach, describe, expect, it } from 'vitest'
import { pushText, revealText, startTestApp, type TestServer } from '../testing/test-support'

const TOKEN = 'metrics-token-0123456789'
let t: TestServer
afterEach(() => t.close())

const scrape = (authorization?: string) =>
  t.app.request('/metrics', { headers: authorization ? { authorization } : {} })

describe('GET /metrics', () => {
  it('is not there unless a token is set', async () => {
    t = await startTestApp()
    expect((await scrape()).status).toBe(404)
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404)
  })

  it('asks for the bearer token, and refuses a wrong one', async () => {
    t = await startTestApp({ HUSHLINK_METRICS_TOKEN: TOKEN })
    const missing = await scrape()
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toBe('Bearer')
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401)
    expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401)
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401)
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(200)
  })

  it('tells requests by route pattern, pushes created and ended, batches, checkpoints, the outbox', async () => {
    t = await startTestApp({ HUSHLINK_METRICS_TOKEN: TOKEN })
    const push = await pushText(t.api, 'x', { expireAfterViews: 1 })
    await revealText(t.api, push.link)
    const res = await scrape(`Bearer ${TOKEN}`)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    for (const name of [
      'hushlink_http_request_duration_seconds',
      'hushlink_pushes_created_total',
      'hushlink_pushes_ended_total',
      'hushlink_db_batch_duration_seconds',
      'hushlink_db_checkpoint_duration_seconds',
      'hushlink_sweeper_lag_seconds',
      'hushlink_outbox_depth',
      'hushlink_webhook_deliveries_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`)
    }
    expect(text).toContain('hushlink_pushes_created_total{kind="text"} 1')
    expect(text).toContain('hushlink_pushes_ended_total{reason="views"} 1')
    expect(text).toMatch(/route="\/api\/pushes\/:id\/reveal",status="200"/)
    expect(text).not.toContain(push.id)
    expect(text).toMatch(/hushlink_db_checkpoint_duration_seconds_count [1-9]/)
  })
})
