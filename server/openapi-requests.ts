// The /api/requests paths of the OpenAPI document (docs/protocol.md "Requests").

const NO_STORE = { 'Cache-Control': { $ref: '#/components/headers/CacheControl' } }
const B64URL = { type: 'string', pattern: '^[A-Za-z0-9_-]+$' }
const TIME = { type: 'string', format: 'date-time' }
const OWNER_TOKEN = [{ ownerToken: [] }]
const idParameter = { $ref: '#/components/parameters/PushId' }
const pushIdParameter = {
  name: 'pushId',
  in: 'path',
  required: true,
  description: 'An answer push of the request',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' },
}

const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
})
const answer = (description: string, schema?: object) =>
  schema
    ? { description, headers: NO_STORE, content: { 'application/json': { schema } } }
    : { description, headers: NO_STORE }
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } })
const errors = (codes: Record<number, string>) =>
  Object.fromEntries(
    Object.entries({ ...codes, 429: 'RateLimited' }).map(([code, name]) => [
      code,
      { $ref: `#/components/responses/${name}` },
    ]),
  )

const requestInfo = object({
  id: { type: 'string' },
  label: { type: 'string', maxLength: 200 },
  publicKey: B64URL,
  status: { type: 'string', enum: ['open', 'closed'] },
  reason: { type: ['string', 'null'], enum: ['answers', 'time', null] },
  expiresAt: TIME,
  answersRemaining: { type: 'integer', minimum: 0 },
})

const closed = {
  description: 'The request is closed: `reason` is `answers` or `time`',
  headers: NO_STORE,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
}

export function requestApiPaths() {
  return {
    '/api/requests': {
      post: {
        operationId: 'createRequest',
        summary: 'Publish a public key asking for a secret; the label is plaintext',
        requestBody: body(
          object(
            {
              publicKey: { ...B64URL, description: 'crypto_box public key, 32 bytes' },
              label: { type: 'string', minLength: 1, maxLength: 200 },
              answersAllowed: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
              openSeconds: { type: 'integer' },
              pushViews: { type: 'integer' },
              pushSeconds: { type: 'integer' },
            },
            ['publicKey', 'label'],
          ),
        ),
        responses: {
          201: answer(
            'Created',
            object({ id: { type: 'string' }, ownerToken: B64URL, expiresAt: TIME }),
          ),
          ...errors({ 400: 'BadRequest', 413: 'TooLarge', 415: 'UnsupportedMediaType' }),
        },
      },
    },
    '/api/requests/{id}': {
      parameters: [idParameter],
      get: {
        operationId: 'getRequest',
        summary: 'What a sender sees: the label and the public key to seal to',
        responses: { 200: answer('The request', requestInfo), ...errors({ 404: 'NotFound' }) },
      },
    },
    '/api/requests/{id}/answers': {
      parameters: [idParameter],
      post: {
        operationId: 'answerRequest',
        summary: 'A sender stores an answer sealed to the public key; it becomes a push',
        requestBody: body(
          object({
            kind: { type: 'string', enum: ['text', 'url', 'qr'] },
            ciphertext: { ...B64URL, description: '0x03 ‖ crypto_box_seal(padded JSON)' },
          }),
        ),
        responses: {
          201: answer('Stored', object({ answersRemaining: { type: 'integer', minimum: 0 } })),
          410: closed,
          ...errors({
            400: 'BadRequest',
            404: 'NotFound',
            413: 'TooLarge',
            415: 'UnsupportedMediaType',
          }),
        },
      },
      get: {
        operationId: 'listRequestAnswers',
        summary: "The requester's view: status, answer pushes and the request's events",
        security: OWNER_TOKEN,
        responses: {
          200: answer('Status, answers and events', {
            type: 'object',
            required: ['request', 'answers', 'events'],
            properties: {
              request: requestInfo,
              answers: { type: 'array' },
              events: { type: 'array' },
            },
          }),
          ...errors({ 404: 'NotFound' }),
        },
      },
    },
    '/api/requests/{id}/answers/{pushId}/reveal': {
      parameters: [idParameter, pushIdParameter],
      post: {
        operationId: 'revealRequestAnswer',
        summary: 'The requester uses one view of an answer push (atomic)',
        security: OWNER_TOKEN,
        responses: {
          200: answer('One view used', { $ref: '#/components/schemas/RevealResponse' }),
          ...errors({ 404: 'NotFound', 410: 'Ended' }),
        },
      },
    },
  }
}
