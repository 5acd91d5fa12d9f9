// The schemas of /api/openapi.json agree with what the server really accepts and answers.
import { randomBytes } from 'node:crypto'
import type { ValidateFunction } from 'ajv/dist/2020'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../src/lib/api/client'
import { pushSealed } from '../../src/lib/api/push-flow'
import { toBase64Url } from '../../src/lib/crypto'
import type { CreatePushRequest } from '../../src/lib/protocol'
import type { OpenApiDocument } from './document'
import { closed, newAjv } from '../testing/openapi-check'
import { startTestApp, type TestServer } from '../testing/test-support'

type Schema = Record<string, unknown>

let t: TestServer
let doc: OpenApiDocument
const ajv = newAjv()

beforeAll(async () => {
  t = await startTestApp()
  doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDocument
})
afterAll(() => t.close())

const schemaOf = (name: keyof OpenApiDocument['components']['schemas']) =>
  doc.components.schemas[name] as Schema

const validators = new Map<string, ValidateFunction>()
function check(
  name: keyof OpenApiDocument['components']['schemas'],
  value: unknown,
  strict = false,
) {
  const key = `${name}:${strict}`
  if (!validators.has(key))
    validators.set(key, ajv.compile((strict ? closed(schemaOf(name)) : schemaOf(name)) as Schema))
  const validate = validators.get(key)!
  const valid = validate(value)
  return { valid, errors: ajv.errorsText(validate.errors) }
}

/** The body the browser and CLI really send, captured before it leaves pushSealed. */
async function realBody(passphrase: string | null): Promise<Record<string, unknown>> {
  let body: CreatePushRequest | undefined
  const capture = {
    createPush: async (sent: CreatePushRequest) => {
      body = sent
      return { ok: false, status: 0, error: { error: 'captured', message: '' } }
    },
  } as unknown as ApiClient
  await pushSealed(
    capture,
    { v: 1, kind: 'text', text: 'hello' },
    { passphrase, expireAfterViews: 3 },
  )
  return JSON.parse(JSON.stringify(body)) // as on the wire: undefined fields dropped
}

const post = (body: unknown) =>
  t.app.request('/api/pushes', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('the CreatePushRequest schema and the server agree', () => {
  let valid: Record<string, unknown>
  beforeAll(async () => {
    valid = await realBody(null)
  })
  const b64 = (bytes: number) => toBase64Url(randomBytes(bytes))
  const variant = (change: Record<string, unknown>) => ({ ...valid, ...change })
  const withoutField = (name: string) =>
    Object.fromEntries(Object.entries(valid).filter(([k]) => k !== name))

  it('on real bodies from pushSealed, with and without a passphrase', async () => {
    for (const body of [valid, await realBody('pass')]) {
      expect(check('CreatePushRequest', body)).toEqual({ valid: true, errors: 'No errors' })
      expect((await post(body)).status).toBe(201)
    }
  })

  it('on bodies that lean on defaults or carry extra fields', async () => {
    const accepted = [
      { kind: valid.kind, ciphertext: valid.ciphertext, linkToken: b64(32) },
      variant({ linkToken: b64(32), passphrase: null, locale: null }),
      variant({
        linkToken: b64(32),
        locale: 'pt-BR',
        expireAfterViews: 100,
        expireAfterSeconds: 60,
      }),
      variant({ linkToken: b64(32), somethingNew: true }),
    ]
    for (const body of accepted) {
      expect(check('CreatePushRequest', body).valid, JSON.stringify(body)).toBe(true)
      expect((await post(body)).status, JSON.stringify(body)).toBe(201)
    }
  })

  const passphrase = { salt: b64(16), token: b64(32), opslimit: 2, memlimit: 67108864 }
  const refused: [string, () => unknown][] = [
    ['a JSON array', () => []],
    ['JSON null', () => null],
    ['kind "file" on the JSON route', () => variant({ kind: 'file' })],
    ['an unknown kind', () => variant({ kind: 'pdf' })],
    ['no ciphertext', () => withoutField('ciphertext')],
    ['a too short ciphertext', () => variant({ ciphertext: 'AQ' })],
    [
      'a ciphertext in standard base64',
      () => variant({ ciphertext: String(valid.ciphertext).slice(0, -1) + '+' }),
    ],
    ['no link token', () => withoutField('linkToken')],
    ['a 31-byte link token', () => variant({ linkToken: b64(31) })],
    ['a short salt', () => variant({ passphrase: { ...passphrase, salt: b64(15) } })],
    ['opslimit 1', () => variant({ passphrase: { ...passphrase, opslimit: 1 } })],
    ['opslimit 11', () => variant({ passphrase: { ...passphrase, opslimit: 11 } })],
    ['memlimit below 64 MiB', () => variant({ passphrase: { ...passphrase, memlimit: 1024 } })],
    [
      'a passphrase without token',
      () => variant({ passphrase: { ...passphrase, token: undefined } }),
    ],
    ['0 views', () => variant({ expireAfterViews: 0 })],
    ['101 views', () => variant({ expireAfterViews: 101 })],
    ['1.5 views', () => variant({ expireAfterViews: 1.5 })],
    ['views as a string', () => variant({ expireAfterViews: '5' })],
    ['59 seconds', () => variant({ expireAfterSeconds: 59 })],
    ['more than 90 days', () => variant({ expireAfterSeconds: 7_776_001 })],
    ['retrievalStep as a string', () => variant({ retrievalStep: 'yes' })],
    ['deletableByViewer null', () => variant({ deletableByViewer: null })],
    ['an upper-case locale', () => variant({ locale: 'DE' })],
    ['a locale with a path', () => variant({ locale: '../de' })],
    ['a 17-character locale', () => variant({ locale: 'de-abcdefgh-abcd' + 'x' })],
  ]
  for (const [name, body] of refused) {
    it(`both refuse ${name}`, async () => {
      const sent = JSON.parse(JSON.stringify(body()))
      expect(check('CreatePushRequest', sent).valid).toBe(false)
      const response = await post(sent)
      expect(response.status).toBe(400)
      expect(((await response.json()) as { error: string }).error).toBe('invalid_input')
    })
  }
})

describe('the RevealRequest and BurnRequest schemas and the server agree', () => {
  const unknownId = 'AAAAAAAAAAAAAAAAAAAAAA'
  const send = (action: string, body: unknown) =>
    t.app.request(`/api/pushes/${unknownId}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const token = toBase64Url(randomBytes(32))
  // Past validation, an unknown id answers 404; a refused body answers 400 first.
  const cases: [string, 'RevealRequest' | 'BurnRequest', unknown, boolean][] = [
    ['reveal with a link token', 'RevealRequest', { linkToken: token }, true],
    [
      'reveal with a malformed link token (a wrong one: 404)',
      'RevealRequest',
      { linkToken: 'x' },
      true,
    ],
    ['reveal with a pass token', 'RevealRequest', { linkToken: token, passToken: token }, true],
    ['reveal with a null pass token', 'RevealRequest', { linkToken: token, passToken: null }, true],
    ['reveal without a link token', 'RevealRequest', { passToken: token }, false],
    [
      'reveal with a 201-character link token',
      'RevealRequest',
      { linkToken: 'x'.repeat(201) },
      false,
    ],
    [
      'reveal with a short pass token',
      'RevealRequest',
      { linkToken: token, passToken: 'abc' },
      false,
    ],
    ['burn with a link token', 'BurnRequest', { linkToken: token }, true],
    ['burn with a numeric link token', 'BurnRequest', { linkToken: 42 }, false],
  ]
  for (const [name, schema, body, accepted] of cases) {
    it(name, async () => {
      expect(check(schema, body).valid).toBe(accepted)
      const response = await send(schema === 'RevealRequest' ? 'reveal' : 'burn', body)
      expect(response.status).toBe(accepted ? 404 : 400)
    })
  }
})

describe('answers match their documented schemas', () => {
  async function created(extra: Partial<CreatePushRequest> = {}) {
    const body = { ...(await realBody(null)), linkToken: toBase64Url(randomBytes(32)), ...extra }
    const response = await post(body)
    expect(check('CreatePushResponse', await response.clone().json(), true).errors).toBe(
      'No errors',
    )
    return {
      ...((await response.json()) as { id: string; ownerToken: string }),
      linkToken: body.linkToken as string,
    }
  }

  it('for every success', async () => {
    const push = await created({ expireAfterViews: 2 })
    const expectAnswer = async (
      name: Parameters<typeof check>[0],
      response: Response,
      status: number,
    ) => {
      expect(response.status).toBe(status)
      expect(check(name, await response.json(), true).errors).toBe('No errors')
    }
    await expectAnswer(
      'PushMetadata',
      await t.app.request(`/api/pushes/${push.id}`, {
        headers: { 'X-Link-Token': push.linkToken },
      }),
      200,
    )
    const reveal = await t.api.reveal(push.id, push.linkToken)
    expect(check('RevealResponse', reveal.ok && reveal.data, true).errors).toBe('No errors')
    const audit = await t.api.audit(push.id, push.ownerToken)
    expect(check('AuditResponse', audit.ok && audit.data, true).errors).toBe('No errors')
    await expectAnswer('ServerConfig', await t.app.request('/api/config'), 200)
    await expectAnswer('Health', await t.app.request('/api/health'), 200)
  })

  it('for the errors of docs/protocol.md', async () => {
    const salt = toBase64Url(randomBytes(16))
    const token = toBase64Url(randomBytes(32))
    const guarded = await created({ passphrase: { salt, token, opslimit: 2, memlimit: 67108864 } })
    const wrong = await t.api.reveal(guarded.id, guarded.linkToken, toBase64Url(randomBytes(32)))
    expect(wrong).toMatchObject({
      status: 403,
      error: { error: 'bad_passphrase', attemptsRemaining: 4 },
    })
    const plain = await created({ expireAfterViews: 1 })
    await t.api.reveal(plain.id, plain.linkToken)
    const ended = await t.api.getPush(plain.id, plain.linkToken)
    expect(ended).toMatchObject({ status: 410, error: { error: 'ended', reason: 'views' } })
    const unknown = await t.api.getPush(plain.id, toBase64Url(randomBytes(32)))
    expect(unknown.status).toBe(404)
    for (const answer of [wrong, ended, unknown]) {
      expect(check('Error', !answer.ok && answer.error, true).errors).toBe('No errors')
    }
  })
})
