// Server-side request forgery: a webhook may reach public addresses only, however the internal
// one is spelled or hidden behind a name, unless HUSHLINK_WEBHOOK_ALLOW_PRIVATE=true.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pushText, startTestApp, type TestServer } from '../testing/test-support'
import { startReceiver, type Receiver } from '../testing/webhook-receiver'
import { refusedAddress } from './address-policy'
import { createNotifier } from './notifier'
import { resolveWebhookTarget, WebhookRefused, type Lookup } from './target'

const REFUSED = [
  '127.0.0.1',
  '127.255.0.9',
  '0.0.0.0',
  '10.1.2.3',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '224.0.0.1',
  '255.255.255.255',
  '::',
  '::1',
  '0:0:0:0:0:0:0:1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:169.254.169.254',
  '::127.0.0.1',
  '64:ff9b::a9fe:a9fe',
  '2002:7f00:1::',
  'fe80::1',
  'fe80::1%eth0',
  'fc00::1',
  'fd12:3456::1',
  'ff02::1',
  '2001:db8::1',
]
const ALLOWED = ['93.184.215.14', '1.1.1.1', '172.32.0.1', '2606:4700::1111', '::ffff:1.1.1.1']

describe('the address policy', () => {
  it.each(REFUSED)('refuses %s', (address) => expect(refusedAddress(address)).not.toBeNull())
  it.each(ALLOWED)('allows %s', (address) => expect(refusedAddress(address)).toBeNull())
  it('refuses what is not an address', () => expect(refusedAddress('example.com')).not.toBeNull())
})

const resolvesTo =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))

describe('resolveWebhookTarget', () => {
  it('refuses a name that resolves to loopback, or to any internal address among public ones', async () => {
    await expect(
      resolveWebhookTarget('https://hooks.example.test/x', false, resolvesTo('127.0.0.1')),
    ).rejects.toThrow(WebhookRefused)
    await expect(
      resolveWebhookTarget(
        'https://hooks.example.test/x',
        false,
        resolvesTo('1.1.1.1', '10.0.0.1'),
      ),
    ).rejects.toThrow(/private/)
  })

  it('refuses other schemes and names that do not resolve', async () => {
    await expect(resolveWebhookTarget('ftp://1.1.1.1/', false)).rejects.toThrow(WebhookRefused)
    const fails: Lookup = async () => {
      throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })
    }
    await expect(resolveWebhookTarget('https://nx.example.test/', false, fails)).rejects.toThrow(
      /does not resolve/,
    )
  })

  it('answers the checked address, and allows internal ones only when told to', async () => {
    const lookup = resolvesTo('127.0.0.1')
    expect(await resolveWebhookTarget('http://hooks.example.test/', true, lookup)).toEqual({
      address: '127.0.0.1',
      family: 4,
    })
    expect(await resolveWebhookTarget('https://[2606:4700::1111]/', false)).toEqual({
      address: '2606:4700::1111',
      family: 6,
    })
  })
})

describe('webhooks at create time', () => {
  let t: TestServer
  beforeEach(async () => (t = await startTestApp()))
  afterEach(() => t.close())

  const create = (webhook: unknown) =>
    t.app.request('/api/pushes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'text',
        ciphertext: Buffer.alloc(64, 1).toString('base64url'),
        linkToken: 'A'.repeat(43),
        webhook,
      }),
    })

  it.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:9/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data',
    'https://10.0.0.1/',
  ])('refuses %s with 400 webhook_refused', async (url) => {
    const res = await create({ url, format: 'json' })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toBe('webhook_refused')
  })

  it.each([
    { url: 'ftp://1.1.1.1/hook' },
    { url: 'javascript:alert(1)' },
    { url: 'not a url' },
    { url: `https://1.1.1.1/${'a'.repeat(2048)}` },
    { url: 'https://1.1.1.1/', format: 'discord' },
    { url: 'https://1.1.1.1/', extra: true },
    'https://1.1.1.1/',
  ])('refuses a malformed webhook %j with 400 invalid_input', async (webhook) => {
    const res = await create(webhook)
    expect(res.status).toBe(400)
    expect((await res.json()).error).toBe('invalid_input')
  })

  it('never answers 500 to a webhook whose name does not resolve', async () => {
    const res = await create({ url: 'https://does-not-exist.invalid/hook' })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toBe('webhook_refused')
  })
})

describe('webhooks at delivery time', () => {
  let t: TestServer
  let receiver: Receiver
  beforeEach(async () => {
    t = await startTestApp({ HUSHLINK_WEBHOOK_ALLOW_PRIVATE: 'true' })
    receiver = await startReceiver()
  })
  afterEach(async () => {
    await receiver.close()
    await t.close()
  })

  it('checks again before each delivery: a name that now resolves internally is not called', async () => {
    t.deps.webhookLookup = resolvesTo('127.0.0.1')
    const push = await pushText(t.api, 'x', {
      webhook: { url: `http://hooks.example.test:${receiver.port}/hook` },
    })
    await t.store.endPush(push.id, 'owner', t.now(), { ip: null, userAgent: null })
    const config = { ...t.config, webhooks: { ...t.config.webhooks, allowPrivate: false } }
    await createNotifier({ ...t.deps, config }).runOnce()
    expect(receiver.received).toHaveLength(0)
    expect(await t.deps.outbox.depth()).toBe(1)
  })

  it('connects to the address it checked, whatever the name resolves to later (pinned)', async () => {
    t.deps.webhookLookup = resolvesTo('127.0.0.1')
    const push = await pushText(t.api, 'x', {
      webhook: { url: `http://hooks.example.test:${receiver.port}/hook` },
    })
    await t.store.endPush(push.id, 'owner', t.now(), { ip: null, userAgent: null })
    // hooks.example.test exists in no DNS: only the checked address can have reached the receiver.
    await createNotifier(t.deps).runOnce()
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0].headers.host).toBe(`hooks.example.test:${receiver.port}`)
  })
})
