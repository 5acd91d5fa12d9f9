// Nothing secret is ever written down: the events table, the pushes table and the server's log
// lines hold no token, ciphertext, key, passphrase or plaintext, whatever happened to a push.
import { afterEach, expect, it, vi } from 'vitest'
import { deriveLinkKeys, fromBase64Url, toBase64Url } from '../src/lib/crypto'
import { createApp } from './app'
import { sweepOnce } from './jobs/sweeper'
import {
  inProcessApi,
  passphraseKeysFor,
  pushText,
  revealText,
  startTestApp,
  tableRows,
  type TestPush,
  type TestServer,
} from './testing/test-support'

let t: TestServer
afterEach(() => t.close())

const PASSPHRASE = 'ultra secret passphrase'
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

/** Every secret a push has, in the encodings a careless log line could use. */
async function secretsOf(
  push: TestPush,
  plaintext: string,
  passphrase?: string,
): Promise<string[]> {
  const { encKey, linkToken } = await deriveLinkKeys(push.link.secret)
  const rs = await t.database.client.execute({
    sql: 'SELECT data FROM ciphertexts WHERE push_id = ?',
    args: [push.id],
  })
  const ciphertext = new Uint8Array(rs.rows[0].data as ArrayBuffer)
  const raw = [
    push.link.secret,
    encKey,
    linkToken,
    fromBase64Url(push.ownerToken),
    ciphertext.subarray(100, 132),
  ]
  if (passphrase) {
    const keys = await passphraseKeysFor(t.api, push, passphrase)
    raw.push(keys.passToken, keys.contentKey)
  }
  const texts = raw.flatMap((bytes) => [
    toBase64Url(bytes).slice(0, 16),
    hex(bytes).slice(0, 16),
    Buffer.from(bytes).toString('base64').slice(0, 16),
  ])
  return [...texts, plaintext, ...(passphrase ? [passphrase] : [])]
}

it('no event row, push row or log line contains a secret', async () => {
  const logged: string[] = []
  const capture = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation(capture),
  )
  try {
    t = await startTestApp({ HUSHLINK_RATE_LIMIT: 'off', HUSHLINK_PASSPHRASE_ATTEMPTS: '2' })
    // The same app, but writing its request log where the test can read it.
    const app = createApp({ ...t.deps, log: (line) => void logged.push(line) })
    const api = inProcessApi(app)

    const plain = await pushText(api, 'plaintext one: hunter2', { expireAfterViews: 2 })
    const guarded = await pushText(api, 'plaintext two: swordfish', { passphrase: PASSPHRASE })
    const expiring = await pushText(api, 'plaintext three: letmein', { expireAfterSeconds: 60 })
    const secrets = [
      ...(await secretsOf(plain, 'plaintext one: hunter2')),
      ...(await secretsOf(guarded, 'plaintext two: swordfish', PASSPHRASE)),
      ...(await secretsOf(expiring, 'plaintext three: letmein')),
    ]

    expect((await revealText(api, plain.link)).ok).toBe(true)
    await api.getPush(plain.id, 'x'.repeat(43))
    await api.reveal(plain.id, guarded.link.linkToken)
    expect((await revealText(api, guarded.link, 'not it')).ok).toBe(false)
    expect((await revealText(api, guarded.link, PASSPHRASE)).ok).toBe(true)
    await api.audit(plain.id, plain.ownerToken)
    await api.burn(plain.id, plain.link.linkToken)
    await api.deletePush(guarded.id, guarded.ownerToken)
    await api.deletePush(guarded.id, plain.ownerToken)
    t.advance(120_000)
    await sweepOnce(t.deps)
    await api.reveal(expiring.id, expiring.link.linkToken)

    const events = JSON.stringify(await tableRows(t.database, 'events'))
    const pushes = JSON.stringify(
      (await tableRows(t.database, 'pushes')).map((row) =>
        Object.values(row).map((v) =>
          v instanceof ArrayBuffer
            ? hex(new Uint8Array(v)) + ' ' + toBase64Url(new Uint8Array(v))
            : v,
        ),
      ),
    )
    expect(logged.length).toBeGreaterThan(10) // the request log did run
    expect(events).toContain('bad_passphrase') // and the trail is really there to scan
    for (const secret of secrets) {
      expect(events, secret).not.toContain(secret)
      expect(pushes, secret).not.toContain(secret)
      for (const line of logged) expect(line, secret).not.toContain(secret)
    }
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
})
