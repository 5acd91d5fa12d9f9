// The paths of the OpenAPI document: every route of /api with its answers and errors.
import { requestApiPaths } from './openapi-requests'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object, example?: unknown) => ({
  'application/json': example === undefined ? { schema } : { schema, example },
})
const NO_STORE = { 'Cache-Control': { $ref: '#/components/headers/CacheControl' } }

function answer(description: string, schema?: string, example?: unknown) {
  return schema
    ? { description, headers: NO_STORE, content: json(ref(schema), example) }
    : { description, headers: NO_STORE }
}

const failure = (description: string, example: object) => answer(description, 'Error', example)

export const ERROR_RESPONSES = {
  BadRequest: failure('Invalid input', {
    error: 'invalid_input',
    message: 'expireAfterViews: Too big',
  }),
  NotFound: failure('Unknown id or wrong token; the two look alike', {
    error: 'not_found',
    message: 'No secret exists at this link, or the link is incomplete.',
  }),
  Ended: failure('The push has ended; `reason` says why', {
    error: 'ended',
    message: 'This secret has been viewed as many times as allowed.',
    reason: 'views',
  }),
  TooLarge: failure('Body too large', {
    error: 'too_large',
    message: 'The request body is larger than 16384 bytes.',
  }),
  UnsupportedMediaType: failure('Body is not application/json', {
    error: 'unsupported_media_type',
    message: 'Send the body as application/json.',
  }),
  RateLimited: {
    ...failure('Too many requests from this client', {
      error: 'rate_limited',
      message: 'Too many requests.',
    }),
    headers: {
      ...NO_STORE,
      'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
    },
  },
}

type ErrorName = keyof typeof ERROR_RESPONSES
/** Every push route is rate limited per client, so each of them may answer 429. */
const errors = (codes: Partial<Record<number, ErrorName>>) =>
  Object.fromEntries(
    Object.entries({ ...codes, 429: 'RateLimited' }).map(([code, name]) => [
      code,
      { $ref: `#/components/responses/${name}` },
    ]),
  )

const BINARY = {
  'application/octet-stream': {
    schema: { type: 'string', contentMediaType: 'application/octet-stream' },
  },
}
const FILE_REVEAL_HEADERS = {
  'X-Views-Remaining': {
    description: 'File pushes: views left after this one',
    schema: { type: 'integer', minimum: 0 },
  },
  'X-Deletable-By-Viewer': {
    description: 'File pushes: whether the recipient may delete the push',
    schema: { type: 'string', enum: ['true', 'false'] },
  },
}

const idParameter = { $ref: '#/components/parameters/PushId' }
const jsonBody = (schema: string) => ({ required: true, content: json(ref(schema)) })
const LINK_TOKEN = [{ linkToken: [] }]
const OWNER_TOKEN = [{ ownerToken: [] }]

export function apiPaths() {
  return {
    ...requestApiPaths(),
    '/api/pushes': {
      post: {
        operationId: 'createPush',
        summary: 'Create a push from client-side ciphertext',
        requestBody: jsonBody('CreatePushRequest'),
        responses: {
          201: answer('Created', 'CreatePushResponse'),
          ...errors({ 400: 'BadRequest', 413: 'TooLarge', 415: 'UnsupportedMediaType' }),
        },
      },
    },
    '/api/pushes/files': {
      post: {
        operationId: 'createFilePush',
        summary: 'Create a file push from a client-side encrypted upload (binary, streamed)',
        description:
          'The body is the file stream of docs/protocol.md (starts with 0x02), at most the size ' +
          'that `limits.maxFileBytes` of files give (GET /api/config). The server answers 413 as ' +
          'soon as the body passes it and stores nothing.',
        parameters: [
          {
            name: 'X-Push-Options',
            in: 'header',
            required: true,
            description: 'base64url of the JSON object `FilePushOptions`',
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
          },
        ],
        requestBody: { required: true, content: BINARY },
        responses: {
          201: answer('Created', 'CreatePushResponse'),
          ...errors({ 400: 'BadRequest', 413: 'TooLarge', 415: 'UnsupportedMediaType' }),
        },
      },
    },
    '/api/pushes/{id}': {
      parameters: [idParameter],
      get: {
        operationId: 'getPush',
        summary: 'Read metadata; consumes no view',
        security: LINK_TOKEN,
        responses: {
          200: answer('The push is active', 'PushMetadata'),
          ...errors({ 404: 'NotFound', 410: 'Ended' }),
        },
      },
      delete: {
        operationId: 'deletePush',
        summary: 'The sender ends the push and erases its ciphertext',
        security: OWNER_TOKEN,
        responses: { 204: answer('Deleted'), ...errors({ 404: 'NotFound', 410: 'Ended' }) },
      },
    },
    '/api/pushes/{id}/reveal': {
      parameters: [idParameter],
      post: {
        operationId: 'revealPush',
        summary: 'Use one view and receive the ciphertext (atomic)',
        requestBody: jsonBody('RevealRequest'),
        responses: {
          200: {
            description:
              'One view used. A file push answers its upload in binary, with the counters in headers.',
            headers: { ...NO_STORE, ...FILE_REVEAL_HEADERS },
            content: { ...json(ref('RevealResponse')), ...BINARY },
          },
          400: failure('Invalid input, or `passphrase_required` (not counted)', {
            error: 'passphrase_required',
            message: 'This secret needs its passphrase.',
          }),
          403: failure('Wrong pass token: a failed view, no view used; the last attempt locks', {
            error: 'bad_passphrase',
            message: 'The passphrase is wrong.',
            attemptsRemaining: 4,
          }),
          ...errors({
            404: 'NotFound',
            410: 'Ended',
            413: 'TooLarge',
            415: 'UnsupportedMediaType',
          }),
        },
      },
    },
    '/api/pushes/{id}/burn': {
      parameters: [idParameter],
      post: {
        operationId: 'burnPush',
        summary: 'The recipient deletes the push (if the sender allowed it)',
        requestBody: jsonBody('BurnRequest'),
        responses: {
          204: answer('Deleted'),
          403: failure('The sender did not allow it', {
            error: 'not_deletable',
            message: 'The sender did not allow recipients to delete this secret.',
          }),
          ...errors({
            400: 'BadRequest',
            404: 'NotFound',
            410: 'Ended',
            413: 'TooLarge',
            415: 'UnsupportedMediaType',
          }),
        },
      },
    },
    '/api/pushes/{id}/audit': {
      parameters: [idParameter],
      get: {
        operationId: 'auditPush',
        summary: "The sender's view of a push and its access trail (outlives the ciphertext)",
        security: OWNER_TOKEN,
        responses: {
          200: answer('Status and events', 'AuditResponse'),
          ...errors({ 404: 'NotFound' }),
        },
      },
    },
    '/api/config': {
      get: {
        operationId: 'getConfig',
        summary: 'Limits, defaults and enabled features',
        responses: { 200: answer('This server’s settings', 'ServerConfig') },
      },
    },
    '/api/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Whether the database answers',
        responses: {
          200: answer('Healthy', 'Health'),
          503: answer('The database does not answer', 'HealthDown'),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document',
        responses: {
          200: { description: 'OpenAPI 3.1', headers: NO_STORE, content: json({ type: 'object' }) },
        },
      },
    },
  }
}
