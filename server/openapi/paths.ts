// Every route of /api as the OpenAPI document describes it: credentials, headers, body, answers
// and error codes. Adding a status to a route is one line in its `answers` or `errors`.
import { FILE_HEADERS } from '../../src/lib/protocol/vocabulary'
import { JSON_BODY_ERRORS, type Operation, type PathItem } from './operations'

/** Every /api/pushes and /api/requests route is rate limited per client (server/http/rate-limit.ts). */
const LIMITED = 'rate_limited'

const created = (schema: 'CreatePushResponse' | 'CreateRequestResponse') => ({
  201: { description: 'Created', schema },
})
const deleted = { 204: { description: 'Deleted: the ciphertext is erased at once' } }

const OPEN_REQUEST_CHECK =
  "The public request link carries the requester's public key in its #fragment. Before sealing, " +
  'a client must compare it with `publicKey` of GET /api/requests/{id} and, when they differ, ' +
  'refuse with a clear message and send nothing (docs/protocol.md, Requests: a key handed out by the ' +
  'server must match the one bound to the link).'

const revealPush: Operation = {
  operationId: 'revealPush',
  summary: 'Use one view and receive the ciphertext (atomic: N views, N successes)',
  description:
    'A wrong `passToken` is a failed view that uses no view; the last allowed one locks the push. ' +
    'A file push answers its upload in binary (application/octet-stream, with Content-Length) ' +
    'and the counters in headers.',
  tag: 'pushes',
  body: 'RevealRequest',
  answers: {
    200: {
      description: 'One view used: JSON for text, URL and QR pushes, binary for file pushes',
      schema: 'RevealResponse',
      binary: true,
      headers: {
        'Content-Length': {
          description: 'File pushes: the upload’s length in bytes (`size` of getPush)',
          schema: { type: 'string', pattern: '^[0-9]+$' },
        },
        [FILE_HEADERS.viewsRemaining]: {
          description: 'File pushes only: views left after this one',
          schema: { type: 'string', pattern: '^[0-9]+$' },
        },
        [FILE_HEADERS.deletableByViewer]: {
          description: 'File pushes only: whether the recipient may delete the push',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
      },
    },
  },
  errors: [
    ...JSON_BODY_ERRORS,
    'passphrase_required',
    'bad_passphrase',
    'not_found',
    'ended',
    LIMITED,
    'too_many_downloads',
    'busy',
  ],
}

export const API_ROUTES: Record<string, PathItem> = {
  '/api/pushes': {
    post: {
      operationId: 'createPush',
      summary: 'Create a push from client-side ciphertext (text, URL or QR)',
      tag: 'pushes',
      body: 'CreatePushRequest',
      answers: created('CreatePushResponse'),
      errors: [...JSON_BODY_ERRORS, 'webhook_refused', LIMITED],
    },
  },
  '/api/pushes/files': {
    post: {
      operationId: 'createFilePush',
      summary: 'Create a file push from a client-side encrypted upload (binary, streamed)',
      description:
        'The body is the file stream of docs/protocol.md (starts with 0x02), at most the size ' +
        'that `limits.maxFileBytes` of files give (GET /api/config). The options are checked ' +
        'before the body is read; past the limit the server answers 413 at once and keeps nothing. ' +
        'Answers 404 when the server has file pushes turned off (`features.files`).',
      tag: 'pushes',
      headers: {
        [FILE_HEADERS.options]: {
          description: 'base64url (no padding) of the UTF-8 JSON object `FilePushOptions`',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', maxLength: 4096 },
          required: true,
        },
      },
      body: 'binary',
      answers: created('CreatePushResponse'),
      errors: [
        'invalid_input',
        'webhook_refused',
        'not_found',
        'request_timeout',
        'upload_expired',
        'too_large',
        'unsupported_media_type',
        LIMITED,
        'quota_exceeded',
      ],
    },
  },
  '/api/pushes/{id}': {
    parameters: ['PushId'],
    get: {
      operationId: 'getPush',
      summary: 'Read metadata; consumes no view (link previews may call it freely)',
      tag: 'pushes',
      credentials: ['linkToken'],
      answers: { 200: { description: 'The push is active', schema: 'PushMetadata' } },
      errors: ['not_found', 'ended', LIMITED],
    },
    delete: {
      operationId: 'deletePush',
      summary: 'The sender ends the push and erases its ciphertext',
      tag: 'pushes',
      credentials: ['ownerToken', 'requestOwnerToken'],
      answers: deleted,
      errors: ['not_found', 'ended', LIMITED],
    },
  },
  '/api/pushes/{id}/reveal': { parameters: ['PushId'], post: revealPush },
  '/api/pushes/{id}/burn': {
    parameters: ['PushId'],
    post: {
      operationId: 'burnPush',
      summary: 'The recipient deletes the push (if the sender allowed it)',
      tag: 'pushes',
      body: 'BurnRequest',
      answers: deleted,
      errors: [...JSON_BODY_ERRORS, 'not_deletable', 'not_found', 'ended', LIMITED],
    },
  },
  '/api/pushes/{id}/audit': {
    parameters: ['PushId'],
    get: {
      operationId: 'auditPush',
      summary: "The sender's view of a push and its access trail (outlives the ciphertext)",
      tag: 'pushes',
      credentials: ['ownerToken', 'requestOwnerToken'],
      answers: { 200: { description: 'Status and events', schema: 'AuditResponse' } },
      errors: ['not_found', LIMITED],
    },
  },
  '/api/requests': {
    post: {
      operationId: 'createRequest',
      summary: 'Publish a public key asking for a secret; the label is plaintext',
      description:
        'Only the public key goes to the server; the private key stays with the requester. ' +
        OPEN_REQUEST_CHECK,
      tag: 'requests',
      body: 'CreateRequestBody',
      answers: created('CreateRequestResponse'),
      errors: [...JSON_BODY_ERRORS, LIMITED],
    },
  },
  '/api/requests/{id}': {
    parameters: ['RequestId'],
    get: {
      operationId: 'getRequest',
      summary: 'What a sender sees: the label and the public key to seal to (no token needed)',
      description: OPEN_REQUEST_CHECK,
      tag: 'requests',
      answers: { 200: { description: 'The request, open or closed', schema: 'RequestInfo' } },
      errors: ['not_found', LIMITED],
    },
  },
  '/api/requests/{id}/answers': {
    parameters: ['RequestId'],
    post: {
      operationId: 'answerRequest',
      summary: 'A sender stores an answer sealed to the public key; it becomes a push',
      description:
        'Atomic: however many answers race, exactly `answersAllowed` land and the last one ' +
        'closes the request. ' +
        OPEN_REQUEST_CHECK,
      tag: 'requests',
      body: 'AnswerRequestBody',
      answers: { 201: { description: 'Stored', schema: 'AnswerRequestResponse' } },
      errors: [...JSON_BODY_ERRORS, 'not_found', 'closed', LIMITED],
    },
    get: {
      operationId: 'listRequestAnswers',
      summary: "The requester's view: the request, its answer pushes and its events",
      tag: 'requests',
      credentials: ['requestOwnerToken'],
      answers: {
        200: { description: 'Status, answers and events', schema: 'RequestAnswersResponse' },
      },
      errors: ['not_found', LIMITED],
    },
  },
  '/api/requests/{id}/answers/{pushId}/reveal': {
    parameters: ['RequestId', 'AnswerId'],
    post: {
      operationId: 'revealRequestAnswer',
      summary: 'The requester uses one view of an answer push (atomic); no body',
      description:
        'The ciphertext is 0x03 ‖ crypto_box_seal(padded JSON, publicKey); the opener checks ' +
        "that the JSON `kind` equals the answer's `kind`. `deletableByViewer` is always false.",
      tag: 'requests',
      credentials: ['requestOwnerToken'],
      answers: { 200: { description: 'One view used', schema: 'RevealResponse' } },
      errors: ['not_found', 'ended', LIMITED],
    },
  },
  '/api/config': {
    get: {
      operationId: 'getConfig',
      summary: 'Limits, defaults and enabled features (not rate limited)',
      tag: 'server',
      answers: { 200: { description: 'This server’s settings', schema: 'ServerConfig' } },
      errors: [],
    },
  },
  '/api/health': {
    get: {
      operationId: 'getHealth',
      summary: 'Whether the database answers (not rate limited)',
      tag: 'server',
      answers: {
        200: { description: 'Healthy', schema: 'Health' },
        503: { description: 'The database does not answer', schema: 'HealthDown' },
      },
      errors: [],
    },
  },
  '/api/openapi.json': {
    get: {
      operationId: 'getOpenApi',
      summary: 'This document (not rate limited)',
      tag: 'server',
      answers: { 200: { description: 'OpenAPI 3.1', schema: 'OpenApiDocument' } },
      errors: [],
    },
  },
}
