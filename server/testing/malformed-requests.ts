// Generators of hostile requests for server/fuzz.test.ts and bench/fuzz.ts (never used by the
// server itself). Every request is malformed or lacks the right token, so none may succeed.
import fc from 'fast-check'
import { SEALED_KINDS } from '../../src/lib/protocol'

export interface RawRequest {
  method: string
  /** Path and query, already percent-encoded as it goes on the wire. */
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array<ArrayBuffer>
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const JSON_TYPE = { 'content-type': 'application/json' }

/** Strings that break naive code: lone surrogates, bidi marks, NUL, BOM, long runs. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '\ud800',
    '\udfff',
    'a\ud83d',
    '\u202e\u200f',
    '\u0000',
    'x\u0000y',
    '\ufeff',
    '\u2028\u2029',
    '🔑'.repeat(22),
    'é'.normalize('NFD'),
    '%00',
    '${jndi:x}',
    '<script>',
    '\\',
    '"',
    'A'.repeat(5000),
  ),
)

/** Anything but a valid 32-byte base64url token of a seeded push. */
export const badToken = fc.oneof(
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64), // well-formed, but nobody's token
  fc
    .uint8Array({ minLength: 0, maxLength: 64 })
    .filter((b) => b.length !== 32)
    .map(b64),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64')),
  fc.constantFrom(
    '',
    ' ',
    'A'.repeat(42),
    'A'.repeat(44),
    'A'.repeat(42) + '=',
    'A'.repeat(42) + '/',
    'A'.repeat(100_000),
  ),
  nastyText,
)

/** Header-safe variants (Latin-1, no CR/LF): the forms a token can take in X-Link-Token. */
export const badHeaderToken = fc.oneof(
  badToken.filter((t) => /^[\x20-\x7e]*$/.test(t) && t.length < 8000),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom('A'.repeat(12_000), 'Bearer x', 'null', 'undefined', '%00', 'Ã©'),
)

/** JSON values of the wrong type for about any field. */
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom([], {}, [1], { a: 1 }, -0, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE),
)

const badCounter = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ max: min - 1 }),
    fc.integer({ min: max + 1 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 0.5, min - 0.5, max + 0.5),
    fc.constantFrom(String(min), `${max}`, '1e3', '0x10', true, null, [min]),
  )

const goodCiphertext = fc
  .uint8Array({ minLength: 40, maxLength: 300 })
  .map((rest) => b64(new Uint8Array([1, ...rest])))

const badCiphertext = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 40 }).map((rest) => b64(new Uint8Array([1, ...rest]))), // too short
  fc
    .uint8Array({ minLength: 41, maxLength: 200 })
    .filter((b) => b[0] !== 1)
    .map(b64), // unknown version
  fc
    .tuple(goodCiphertext, fc.constantFrom('+', '/', '=', ' ', '.', '\u0000', 'é', '\ud800'))
    .map(([c, x]) => c + x + c),
  fc.constantFrom('A'.repeat(57), 'AQ' + 'A'.repeat(55) + '=', 'AQ' + 'A'.repeat(1_500_000)),
  wrongType,
)

const badLocale = fc.oneof(
  fc.constantFrom(
    '',
    'x',
    'de_DE',
    'de-',
    'DE',
    'de-\u200f',
    '\u200fde',
    'de\u0000',
    '\ud800',
    'e'.repeat(20),
    'de-AT-x-y-z',
  ),
  nastyText.map((s) => '0' + s),
  wrongType.filter((v) => v !== null && typeof v !== 'string'),
)

/** Strings that are not `bytes` bytes of base64url, whatever else they are. */
const notBase64Of = (bytes: number) => {
  const wellFormed = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`)
  return fc.oneof(badToken, wrongType).filter((t) => typeof t !== 'string' || !wellFormed.test(t))
}

const badPassphrase = fc.oneof(
  fc.record({
    salt: notBase64Of(16),
    token: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64),
    opslimit: fc.constant(2),
    memlimit: fc.constant(67108864),
  }),
  fc.record({
    salt: fc.uint8Array({ minLength: 16, maxLength: 16 }).map(b64),
    token: notBase64Of(32),
    opslimit: fc.constant(2),
    memlimit: fc.constant(67108864),
  }),
  fc.record({
    salt: fc.constant('A'.repeat(22)),
    token: fc.constant('A'.repeat(43)),
    opslimit: badCounter(2, 10),
    memlimit: fc.constant(67108864),
  }),
  fc.record({
    salt: fc.constant('A'.repeat(22)),
    token: fc.constant('A'.repeat(43)),
    opslimit: fc.constant(2),
    memlimit: badCounter(67108864, 268435456),
  }),
  fc.constantFrom('secret', 1, true, [], { salt: 'A'.repeat(22) }),
)

/** A create body with at least one field broken, so it must be refused. */
export const badCreateBody = fc
  .record({
    base: fc.record({
      kind: fc.constantFrom(...SEALED_KINDS),
      ciphertext: goodCiphertext,
      linkToken: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(b64),
      passphrase: fc.constant(null),
      expireAfterViews: fc.integer({ min: 1, max: 100 }),
      expireAfterSeconds: fc.integer({ min: 60, max: 7_776_000 }),
      retrievalStep: fc.boolean(),
      deletableByViewer: fc.boolean(),
      locale: fc.constantFrom(null, 'de', 'pt-BR'),
    }),
    broken: fc.uniqueArray(
      fc.oneof(
        fc.record({
          key: fc.constant('kind'),
          value: fc.oneof(
            fc.constantFrom('file', 'TEXT', 'text '),
            wrongType.filter((v) => !(SEALED_KINDS as readonly unknown[]).includes(v)),
          ),
        }),
        fc.record({ key: fc.constant('ciphertext'), value: badCiphertext }),
        fc.record({ key: fc.constant('linkToken'), value: notBase64Of(32) }),
        fc.record({ key: fc.constant('passphrase'), value: badPassphrase }),
        fc.record({
          key: fc.constant('expireAfterViews'),
          value: badCounter(1, 100),
        }),
        fc.record({
          key: fc.constant('expireAfterSeconds'),
          value: badCounter(60, 7_776_000),
        }),
        fc.record({
          key: fc.constant('retrievalStep'),
          value: wrongType.filter((v) => typeof v !== 'boolean'),
        }),
        fc.record({
          key: fc.constant('deletableByViewer'),
          value: wrongType.filter((v) => typeof v !== 'boolean'),
        }),
        fc.record({ key: fc.constant('locale'), value: badLocale }),
      ),
      { minLength: 1, maxLength: 3, selector: (b) => b.key },
    ),
  })
  .map(({ base, broken }) => {
    const body: Record<string, unknown> = { ...base }
    for (const { key, value } of broken) body[key] = value
    return body
  })

/** Bodies that are not JSON, not UTF-8, not objects, or objects of the wrong shape. */
export const badRawBody = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0xff, 0xfe, ...b])), // never valid UTF-8
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '',
    'null',
    '[]',
    '{}',
    '{"linkToken":',
    '{"a":1}}',
    '\ufeff{}',
    '{"linkToken":"x"',
    "{'linkToken':'x'}",
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '['.repeat(5000) + ']'.repeat(5000),
    '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    '1e999999',
    '"\\ud800"',
  ),
)

/** Ids that are no push's: wrong length, traversal, unicode, very long. */
export const oddId = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map(b64),
  fc
    .uint8Array({ minLength: 0, maxLength: 40 })
    .filter((b) => b.length !== 16)
    .map(b64),
  fc.constantFrom(
    '..%2f..%2fetc%2fpasswd',
    '..%2F',
    '%2e%2e%2f',
    '..%5c..%5c',
    '%00',
    'AAAAAAAAAAAAAAAAAAAAA%00',
    '%ZZ',
    '%E0%A4%A',
    '%ED%A0%80',
    '%F0%9F%94%91',
    '%E2%80%AE' + 'A'.repeat(21),
    'A'.repeat(10_000),
    ';',
    '%3B',
    'null',
    '%20',
  ),
  nastyText
    .map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x')))
    .filter((s) => s.length > 0 && s.length < 9000),
)

const pushPath = (id: string) =>
  fc.constantFrom(
    `/api/pushes/${id}`,
    `/api/pushes/${id}/reveal`,
    `/api/pushes/${id}/burn`,
    `/api/pushes/${id}/audit`,
  )

/** The ids of seeded pushes (whose tokens the generators never know), mixed with odd ones. */
export function anyId(knownIds: string[]) {
  return knownIds.length ? fc.oneof(fc.constantFrom(...knownIds), oddId) : oddId
}

/** Create requests whose body has a broken field. */
export const createRequests = badCreateBody.map((body): RawRequest => ({
  method: 'POST',
  path: '/api/pushes',
  headers: JSON_TYPE,
  body: JSON.stringify(body),
}))

/** Any body route, any malformed body. */
export function rawBodyRequests(knownIds: string[]) {
  return fc
    .tuple(fc.oneof(fc.constant('/api/pushes'), anyId(knownIds).chain(pushPath)), badRawBody)
    .map(([path, body]): RawRequest => ({
      method: 'POST',
      path,
      headers: JSON_TYPE,
      body,
    }))
}

/** Reveal and burn with well-typed bodies but tokens that are nobody's. */
export function tokenBodyRequests(knownIds: string[]) {
  return fc
    .record({
      id: anyId(knownIds),
      action: fc.constantFrom('reveal', 'burn'),
      linkToken: fc.oneof(badToken, wrongType),
      passToken: fc.option(fc.oneof(badToken, wrongType), { nil: undefined }),
    })
    .map(({ id, action, linkToken, passToken }): RawRequest => ({
      method: 'POST',
      path: `/api/pushes/${id}/${action}`,
      headers: JSON_TYPE,
      body: JSON.stringify(passToken === undefined ? { linkToken } : { linkToken, passToken }),
    }))
}

/** Reads and deletes with absurd X-Link-Token and Authorization headers. */
export function headerRequests(knownIds: string[]) {
  return fc
    .record({
      id: anyId(knownIds),
      route: fc.constantFrom('GET meta', 'GET audit', 'DELETE'),
      linkToken: fc.option(badHeaderToken, { nil: undefined }),
      authorization: fc.option(
        fc.oneof(
          badHeaderToken.map((t) => 'Bearer ' + t),
          badHeaderToken,
          fc.constantFrom('Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a b'),
        ),
        { nil: undefined },
      ),
    })
    .map(({ id, route, linkToken, authorization }): RawRequest => {
      const headers: Record<string, string> = {}
      if (linkToken !== undefined) headers['x-link-token'] = linkToken
      if (authorization !== undefined) headers.authorization = authorization
      const [method, what] = route.split(' ')
      const path = `/api/pushes/${id}` + (what === 'audit' ? '/audit' : '')
      return { method: method === 'DELETE' ? 'DELETE' : 'GET', path, headers }
    })
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  'application/json-patch+json',
  'json',
  '',
  'application/xml',
  'application/json, text/plain',
]

/** Unknown routes, wrong methods, and bodies sent with the wrong content type. */
export function routingRequests(knownIds: string[]) {
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'PROPFIND', 'GET', 'DELETE'),
        anyId(knownIds).chain(pushPath),
      )
      .filter(
        ([method, path]) => !(method === 'GET' && /^\/api\/pushes\/[^/]+(\/audit)?$/.test(path)),
      )
      .filter(([method, path]) => !(method === 'DELETE' && /^\/api\/pushes\/[^/]+$/.test(path)))
      .map(([method, path]): RawRequest => ({ method, path, headers: {} })),
    fc
      .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), oddId)
      .filter(([, segment]) => !['config', 'health'].includes(segment))
      .map(([method, segment]): RawRequest => ({
        method,
        path: `/api/${segment}`,
        headers: {},
      })),
    fc
      .tuple(
        fc.oneof(fc.constant('/api/pushes'), anyId(knownIds).chain(pushPath)),
        fc.constantFrom(...CONTENT_TYPES),
        badRawBody,
      )
      .filter(
        ([path]) => !/\/audit$/.test(path) && /^\/api\/pushes(\/[^/]+\/(reveal|burn))?$/.test(path),
      )
      .map(([path, type, body]): RawRequest => ({
        method: 'POST',
        path,
        headers: type ? { 'content-type': type } : {},
        body,
      })),
  )
}

/** Every kind above, for the 10,000-request run of bench/fuzz.ts. */
export function anyMalformedRequest(knownIds: string[]) {
  return fc.oneof(
    createRequests,
    rawBodyRequests(knownIds),
    tokenBodyRequests(knownIds),
    headerRequests(knownIds),
    routingRequests(knownIds),
  )
}
