// hushlink push --webhook: the server is told the webhook, the signing secret is printed once,
// and a viewed push is notified to the receiver, signed with that secret.
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createNotifier } from '../server/notify/notifier'
import { startReceiver, type Receiver } from '../server/testing/webhook-receiver'
import { runCli, startCliServer, type CliServer } from './test-harness'

let server: CliServer
let receiver: Receiver
beforeAll(async () => {
  server = await startCliServer({ HUSHLINK_WEBHOOK_ALLOW_PRIVATE: 'true' })
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
  await server.close()
})

it('pushes with a webhook, prints its secret, and the view reaches the receiver', async () => {
  const push = await runCli(server, ['push', '--webhook', receiver.url, 'hello'])
  expect(push.code).toBe(0)
  const secret = /signing secret[^:]*: ([A-Za-z0-9_-]{43})/.exec(push.stderr)?.[1]
  expect(secret).toBeDefined()
  expect((await runCli(server, ['reveal', push.stdout.trim()])).code).toBe(0)
  await createNotifier(server.deps).runOnce()
  expect(receiver.received).toHaveLength(1)
  const { body, headers } = receiver.received[0]
  const [t, v1] = String(headers['hushlink-signature'])
    .split(',')
    .map((kv) => kv.split('=')[1])
  expect(createHmac('sha256', secret!).update(`${t}.${body}`).digest('hex')).toBe(v1)
})

it('refuses a format it does not know, and a format without a webhook', async () => {
  const bad = await runCli(server, [
    'push',
    '--webhook',
    receiver.url,
    '--webhook-format',
    'irc',
    'x',
  ])
  expect(bad.code).not.toBe(0)
  expect(bad.stderr).toContain('--webhook-format')
  const lone = await runCli(server, ['push', '--webhook-format', 'slack', 'x'])
  expect(lone.code).not.toBe(0)
})
