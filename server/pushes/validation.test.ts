// Bad input at the edge: every malformed request gets a 4xx JSON error, never a 500, and
// nothing is stored.
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/lib/crypto'
import { expectApiError as expectRefused } from '../testing/test-expect'
import { startTestApp, tableRows, type TestServer } from '../testing/test-support'

let t: TestServer
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const b64 = (bytes: number) => toBase64Url(randomBytes(bytes))
const sealedBytes = (length: number) => Uint8Array.from([0x01, ...randomBytes(length - 1)])

/** A body the server accepts; each case below breaks one thing about it. */
function validBody(): Record<string, unknown> {
  return {
    kind: 'text',
    ciphertext: toBase64Url(sealedBytes(297)),
    linkToken: b64(32),
    passphrase: { salt: b64(16), token: b64(32), opslimit: 2, memlimit: 67108864 },
    expireAfterViews: 5,
    expireAfterSeconds: 604800,
    retrievalStep: true,
    deletableByViewer: true,
    locale: 'de',
  }
}

/** The valid body with `path` (e.g. "passphrase.salt") set to `value`, or removed if undefined. */
function withField(path: string, value: unknown): Record<string, unknown> {
  const body = validBody()
  const keys = path.split('.')
  let target = body as Record<string, unknown>
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
  if (value === undefined) delete target[keys.at(-1)!]
  else target[keys.at(-1)!] = value
  return body
}

/** 43 characters, but the last one sets bits beyond the 32nd byte: not canonical base64url. */
const nonCanonicalToken = () => b64(32).slice(0, 42) + 'B'

function post(path: string, body: string | Uint8Array, type: string | null = 'application/json') {
  return t.app.request(path, {
    method: 'POST',
    headers: type ? { 'Content-Type': type } : {},
    body: body as BodyInit,
  })
}

async function expectNothingStored() {
  expect(await tableRows(t.database, 'pushes')).toHaveLength(0)
  expect(await tableRows(t.database, 'ciphertexts')).toHaveLength(0)
  expect(await tableRows(t.database, 'events')).toHaveLength(0)
}

describe('POST /api/pushes refuses bad bodies with 400', () => {
  const cases: [string, string][] = [
    ['malformed JSON', '{"kind":'],
    ['empty body', ''],
    ['a JSON array', '[]'],
    ['a JSON string', '"text"'],
    ['JSON null', 'null'],
    [
      'a number too large for a double',
      JSON.stringify(validBody()).replace('"expireAfterViews":5', '"expireAfterViews":1e400'),
    ],
    ['trailing garbage', JSON.stringify(validBody()) + 'x'],
  ]
  const fields: [string, unknown][] = [
    ['kind', undefined],
    ['ciphertext', undefined],
    ['linkToken', undefined],
    ['kind', 5],
    ['kind', 'file'],
    ['kind', 'image'],
    ['kind', 'TEXT'],
    ['ciphertext', 12345],
    ['ciphertext', 'AQ'],
    ['ciphertext', toBase64Url(sealedBytes(297)) + '='],
    ['ciphertext', toBase64Url(sealedBytes(297)).replace(/.(?=.{10}$)/, '+')],
    ['ciphertext', toBase64Url(sealedBytes(297)).replace(/.(?=.{10}$)/, '/')],
    ['ciphertext', toBase64Url(sealedBytes(297)).slice(0, 100) + ' ' + 'A'.repeat(300)],
    ['ciphertext', toBase64Url(sealedBytes(298)).slice(0, -1) + 'B'], // non-canonical tail
    ['ciphertext', toBase64Url(Uint8Array.from([0x02, ...randomBytes(296)]))], // unknown version
    ['linkToken', null],
    ['linkToken', 42],
    ['linkToken', b64(31)],
    ['linkToken', b64(33)],
    ['linkToken', b64(32) + 'A'],
    ['linkToken', randomBytes(32).toString('hex')],
    ['linkToken', randomBytes(32).toString('base64')],
    ['linkToken', nonCanonicalToken()],
    ['passphrase', 'secret'],
    ['passphrase.token', undefined],
    ['passphrase.token', b64(31)],
    ['passphrase.token', nonCanonicalToken()],
    ['passphrase.salt', b64(15)],
    ['passphrase.salt', b64(17)],
    ['passphrase.salt', b64(16).slice(0, 21) + 'B'],
    ['passphrase.opslimit', 1],
    ['passphrase.opslimit', 11],
    ['passphrase.opslimit', 2.5],
    ['passphrase.memlimit', 64 * 1024 * 1024 - 1],
    ['passphrase.memlimit', 256 * 1024 * 1024 + 1],
    ['passphrase.memlimit', '67108864'],
    ['expireAfterViews', 0],
    ['expireAfterViews', -1],
    ['expireAfterViews', 1.5],
    ['expireAfterViews', 101],
    ['expireAfterViews', 1e12],
    ['expireAfterViews', '5'],
    ['expireAfterViews', null],
    ['expireAfterSeconds', 59],
    ['expireAfterSeconds', -604800],
    ['expireAfterSeconds', 3600.5],
    ['expireAfterSeconds', 90 * 86400 + 1],
    ['expireAfterSeconds', 1e20],
    ['expireAfterSeconds', true],
    ['retrievalStep', 'yes'],
    ['deletableByViewer', 1],
    ['locale', 5],
    ['locale', 'english please'],
    ['locale', 'de-' + 'x'.repeat(20)],
  ]

  it.each(cases)('%s', async (_, body) => {
    await expectRefused(await post('/api/pushes', body), 400)
  })

  it.each(fields)('%s = %j', async (field, value) => {
    await expectRefused(
      await post('/api/pushes', JSON.stringify(withField(field, value))),
      400,
      'invalid_input',
    )
  })

  it('refuses a body that is not UTF-8', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(validBody()))
    bytes[10] = 0xff
    await expectRefused(await post('/api/pushes', bytes), 400, 'invalid_json')
  })

  afterAll(expectNothingStored)
})

describe('POST /api/pushes refuses other content types (415) and oversize bodies (413)', () => {
  it.each([
    null,
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
  ])('content type %s → 415', async (type) => {
    await expectRefused(
      await post('/api/pushes', JSON.stringify(validBody()), type),
      415,
      'unsupported_media_type',
    )
  })

  it('a body above the limit → 413 with Connection: close', async () => {
    const response = await post(
      '/api/pushes',
      JSON.stringify({ ...validBody(), ciphertext: 'A'.repeat(1_500_000) }),
    )
    expect(response.headers.get('connection')).toBe('close')
    await expectRefused(response, 413, 'too_large')
  })

  it('a ciphertext one byte above 1 MiB, in a body under the limit → 413', async () => {
    const ciphertext = toBase64Url(sealedBytes(1024 * 1024 + 1))
    await expectRefused(
      await post('/api/pushes', JSON.stringify({ ...validBody(), ciphertext })),
      413,
      'too_large',
    )
  })

  it('a ciphertext of exactly 1 MiB is accepted', async () => {
    const ciphertext = toBase64Url(sealedBytes(1024 * 1024))
    const response = await post('/api/pushes', JSON.stringify({ ...validBody(), ciphertext }))
    expect(response.status).toBe(201)
    const pushes = await tableRows(t.database, 'pushes')
    expect(pushes.map((p) => p.size)).toEqual([1024 * 1024])
    await t.database.client.execute('DELETE FROM pushes')
    await t.database.client.execute('DELETE FROM ciphertexts')
    await t.database.client.execute('DELETE FROM events')
  })

  afterAll(expectNothingStored)
})

describe('fuzzing', () => {
  it('any JSON value, or a valid body with one field replaced, never gets a 5xx', async () => {
    const keys = Object.keys(validBody())
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc
            .record({ key: fc.constantFrom(...keys), value: fc.jsonValue() })
            .map(({ key, value }) => withField(key, value)),
        ),
        async (body) => {
          const response = await post('/api/pushes', JSON.stringify(body))
          expect(response.status).toBeLessThan(500)
          if (response.status !== 201) await expectRefused(response, [400, 413])
        },
      ),
      { numRuns: 300 },
    )
  })
})
