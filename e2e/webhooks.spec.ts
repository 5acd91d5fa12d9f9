// A webhook to an address the server refuses (loopback, link-local, private: server/notify/target.ts)
// is refused on the file push route as on the text one, before anything is stored: by the API
// itself, and as a person running `hushlink push --file … --webhook …` sees it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { runBin } from '../cli/bin-process'

const REFUSED = [
  'http://127.0.0.1:9/hook',
  'http://localhost:9/hook',
  'http://[::1]/hook',
  'http://169.254.169.254/latest/meta-data',
  'https://10.0.0.1/',
]
const LINK_TOKEN = 'A'.repeat(43)
const options = (webhook: object) =>
  Buffer.from(JSON.stringify({ linkToken: LINK_TOKEN, webhook })).toString('base64url')

let home: string
test.beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'hushlink-e2e-webhooks-'))
})
test.afterAll(() => rmSync(home, { recursive: true, force: true }))

test('the file push route refuses a webhook to a refused address, as the text route does', async ({
  request,
}) => {
  for (const url of REFUSED) {
    const text = await request.post('/api/pushes', {
      data: {
        kind: 'text',
        ciphertext: Buffer.alloc(64, 1).toString('base64url'),
        linkToken: LINK_TOKEN,
        webhook: { url, format: 'json' },
      },
    })
    expect([url, text.status()]).toEqual([url, 400])
    expect((await text.json()).error).toBe('webhook_refused')

    const file = await request.post('/api/pushes/files', {
      headers: {
        'content-type': 'application/octet-stream',
        'x-push-options': options({ url, format: 'json' }),
      },
      data: Buffer.concat([Buffer.from([2]), Buffer.alloc(200, 7)]),
    })
    expect([url, file.status()]).toEqual([url, 400])
    expect((await file.json()).error).toBe('webhook_refused')
  }
})

test('`hushlink push --file` with such a webhook says why and keeps nothing', async ({
  baseURL,
}) => {
  const env = { HUSHLINK_SERVER: baseURL!, HUSHLINK_HOME: home }
  const path = join(home, 'report.txt')
  writeFileSync(path, 'quarterly numbers')
  const push = await runBin(['push', '--file', path, '--webhook', 'http://127.0.0.1:9/hook'], env)
  expect(push.status).toBe(1)
  expect(push.stdout).toBe('')
  expect(push.stderr).toContain('400 webhook_refused')
  // No owner token kept: the push was never made.
  const list = await runBin(['list', '--json'], env)
  expect(list.status, list.stderr).toBe(0)
  expect(JSON.parse(list.stdout || '[]')).toEqual([])

  // The same file without the webhook goes through.
  const plain = await runBin(['push', '--file', path], env)
  expect(plain.status, plain.stderr).toBe(0)
  expect(plain.stdout.trim().startsWith(baseURL + '/p/')).toBe(true)
})
