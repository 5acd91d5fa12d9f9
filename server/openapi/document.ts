// OpenAPI 3.1 description of /api, served at GET /api/openapi.json: the components are generated
// from the zod schemas of src/lib/protocol (the ones that validate requests), the paths from the
// route table of paths.ts. It follows the server's configured limits.
import { Hono } from 'hono'
import { wireSchemas, type WireSchemaName } from '../../src/lib/protocol/components'
import { ID_PATTERN } from '../../src/lib/protocol/vocabulary'
import type { Config } from '../config'
import { jsonSchema, pathItems, type Credential, type JsonSchema } from './operations'
import { withSignIn } from './account-paths'
import { withAdmin } from './admin-paths'
import { API_ROUTES } from './paths'
import { methodNotAllowed } from '../http/http-error'
import { json } from '../http/respond'

const idParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern: ID_PATTERN.source },
})

const bearer = (description: string) => ({ type: 'http', scheme: 'bearer', description })
const SECURITY_SCHEMES: Record<Credential, object> = {
  linkToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Link-Token',
    description:
      'base64url of KDF(2, "hushlink", secret). Missing or malformed counts as wrong (404).',
  },
  ownerToken: bearer(
    'The `ownerToken` answered by createPush or createFilePush. A wrong one answers 404.',
  ),
  requestOwnerToken: bearer(
    'The `ownerToken` answered by createRequest. It also deletes and audits the answer pushes ' +
      'of that request. A wrong one answers 404.',
  ),
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'hushlink_session',
    description:
      'Sign-in only (docs/sign-in.md): the session cookie set by GET /auth/callback ' +
      '(`__Host-hushlink_session` on https). A request that changes state must carry an ' +
      "`Origin` of the app's own (403 `foreign_origin`).",
  },
  apiToken: bearer(
    'Sign-in only: an API token `hlpat_…` (POST /api/me/tokens). An unknown or revoked one ' +
      'answers 401 `invalid_token`.',
  ),
}

const DESCRIPTION = `Protocol v1. Clients encrypt before calling this API: the server only ever sees ciphertext. \
See docs/protocol.md (derivations, sealed formats) and docs/api.md (examples).

Every answer carries \`Cache-Control: no-store\`. Every error is \`{"error": code, "message": text}\` \
with the codes each operation lists. A known path asked with another method answers \
405 \`method_not_allowed\` with an \`Allow\` header; an unknown path under /api answers 404 \
\`not_found\`. Bad input never answers 500.`

export function openApiDocument(config: Config) {
  const schemas = Object.fromEntries(
    Object.entries(wireSchemas(config.limits)).map(([name, schema]) => [name, jsonSchema(schema)]),
  ) as Record<WireSchemaName, JsonSchema>
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hushlink API',
      version: '1',
      summary: 'Zero-knowledge secret links: the server only ever sees ciphertext.',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'pushes', description: 'Secrets sent by a link (text, URL, QR, files)' },
      {
        name: 'requests',
        description:
          'Asking for a secret: answers are sealed to the requester’s public key, which the ' +
          'public request link carries in its #fragment; clients check it against ' +
          'GET /api/requests/{id} before sealing.',
      },
      { name: 'server', description: 'Settings and health' },
      ...(config.auth
        ? [{ name: 'account', description: 'Sign-in: the signed-in user, their lists and tokens' }]
        : []),
      ...(config.auth && config.admin
        ? [{ name: 'admin', description: 'The admin page: counts, takedowns, the admin log' }]
        : []),
    ],
    paths: pathItems(withAdmin(withSignIn(API_ROUTES, config), config)) as Record<
      string,
      Record<string, unknown>
    >,
    components: {
      schemas: {
        ...schemas,
        OpenApiDocument: { type: 'object', description: 'An OpenAPI 3.1 document' } as JsonSchema,
      },
      parameters: {
        PushId: idParameter('id', 'The push: 16 random bytes, base64url'),
        RequestId: idParameter('id', 'The request: 16 random bytes, base64url'),
        AnswerId: idParameter('pushId', 'An answer push of the request'),
        TokenId: {
          name: 'tokenId',
          in: 'path',
          required: true,
          description: 'The `id` of an API token (not its secret)',
          schema: { type: 'string' },
        },
        Before: {
          name: 'before',
          in: 'query',
          required: false,
          description: '`next` of the previous page: entries older than this id',
          schema: { type: 'integer', minimum: 1 },
        },
      },
      headers: {
        CacheControl: {
          description: 'Every API answer',
          schema: { type: 'string', const: 'no-store' },
        },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  }
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>

export function openApiRoutes(config: Config) {
  const document = openApiDocument(config)
  return new Hono()
    .get('/openapi.json', (c) => json(c, document))
    .all('/openapi.json', methodNotAllowed('GET'))
}
