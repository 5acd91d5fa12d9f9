// The e2e project's teardown (playwright.config.ts), so it runs after every other spec whatever
// their names: the server log of the whole run holds request lines and no token, ciphertext,
// fragment, plaintext or passphrase that the specs saw.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'

test('the server log of this run holds no secret', async ({ request }) => {
  const dir = process.env.E2E_DATA_DIR
  expect(dir, 'playwright.config.ts sets E2E_DATA_DIR').toBeTruthy()
  await request.get('/api/health') // at least one line, even when this spec runs alone
  const logFile = join(dir!, 'server.log')
  await expect
    .poll(
      () => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('"route":"/api/health"'),
    )
    .toBe(true)
  const log = readFileSync(logFile, 'utf8')

  const lines = log.trim().split('\n')
  const entries = lines.map((line) => JSON.parse(line))
  expect(entries.filter((e) => e.msg === 'request').length).toBeGreaterThan(0)
  for (const entry of entries.filter((e) => e.msg === 'request')) {
    expect(Object.keys(entry).sort()).toEqual([
      'durationMs',
      'level',
      'method',
      'msg',
      'requestId',
      'route',
      'status',
      'time',
    ])
  }

  // Tokens, link secrets and ciphertext are all base64url runs of 43 characters or more.
  expect(log.match(/[A-Za-z0-9_-]{43,}/g) ?? []).toEqual([])
  // Nor does any push id appear: routes are logged as patterns.
  expect(log.match(/\/p(ushes)?\/[A-Za-z0-9_-]{22}\b/g) ?? []).toEqual([])

  const seenFile = join(dir!, 'secrets-seen.jsonl')
  const seen = existsSync(seenFile)
    ? readFileSync(seenFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, string>)
    : []
  for (const secrets of seen) {
    for (const [name, value] of Object.entries(secrets)) expect(log, name).not.toContain(value)
  }
})
