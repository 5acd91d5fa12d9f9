// OpenAPI 3.1 description of /api, generated from the zod schemas that validate requests
// (schemas.ts) and describe answers (openapi-schemas.ts), served at GET /api/openapi.json.
import { Hono } from 'hono'
import { z } from 'zod'
import { ID_PATTERN } from '../src/lib/protocol'
import type { Config } from './config'
import { apiPaths, ERROR_RESPONSES } from './openapi-paths'
import * as answers from './openapi-schemas'
import { burnSchema, createPushSchema, filePushOptionsSchema, revealSchema } from './schemas'
import { json } from './respond'

type JsonSchema = Record<string, unknown>

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1; 'input' keeps fields with defaults optional. */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' })
  return rest
}

const requestFields = (limits: Config['limits']): Record<string, string> => ({
  kind: 'What the ciphertext holds (file pushes are not sent through this route)',
  ciphertext:
    '0x01 ‖ nonce ‖ XChaCha20-Poly1305 ciphertext, base64url; ' +
    `at most ${limits.maxTextCiphertextBytes} bytes decoded, else 413`,
  linkToken: 'KDF(2, "hushlink", secret): proves the caller holds the full link',
  passphrase: 'Argon2id salt and cost plus the pass token, or null',
  expireAfterViews: 'Reveals before the push ends',
  expireAfterSeconds: 'Lifetime in seconds',
  retrievalStep: 'Recipient must press a button before the secret is revealed',
  deletableByViewer: 'Recipient may delete the push after viewing it',
  locale: 'Language the link opens in',
  passToken: 'Required when the push has a passphrase',
})

function described(schema: JsonSchema, fields: Record<string, string>): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema>
  for (const [name, property] of Object.entries(properties)) {
    if (fields[name]) property.description = fields[name]
  }
  return schema
}

/**
 * Token fields are checked with refine() (canonical base64url of exactly N bytes), which JSON
 * Schema cannot express: state their length as a pattern. openapi.test.ts keeps this in step.
 */
const EXACT_BYTES: Record<string, Record<string, number>> = {
  CreatePushRequest: { linkToken: 32, 'passphrase.salt': 16, 'passphrase.token': 32 },
  FilePushOptions: { linkToken: 32, 'passphrase.salt': 16, 'passphrase.token': 32 },
  RevealRequest: { passToken: 32 },
}

/** The branch of a schema (itself or one of its anyOf) that has the given type. */
function branch(schema: JsonSchema | undefined, type: string): JsonSchema | undefined {
  if (!schema) return undefined
  if (schema.type === type) return schema
  return (schema.anyOf as JsonSchema[] | undefined)?.find((option) => option.type === type)
}

function withExactLengths(name: string, schema: JsonSchema): JsonSchema {
  for (const [path, bytes] of Object.entries(EXACT_BYTES[name] ?? {})) {
    let node: JsonSchema | undefined = schema
    for (const key of path.split('.')) {
      node = (branch(node, 'object')?.properties as Record<string, JsonSchema> | undefined)?.[key]
    }
    const text = branch(node, 'string')
    if (text && text.pattern === undefined)
      text.pattern = `^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`
  }
  return schema
}

export function openApiDocument(config: Config) {
  const fields = requestFields(config.limits)
  const request = (name: string, schema: z.ZodType) =>
    withExactLengths(name, described(jsonSchema(schema), fields))
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hushlink API',
      version: '1',
      summary: 'Zero-knowledge secret links: the server only ever sees ciphertext.',
      description:
        'Protocol v1. Clients encrypt before calling this API; see docs/protocol.md and docs/api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: apiPaths(),
    components: {
      schemas: {
        CreatePushRequest: request('CreatePushRequest', createPushSchema(config.limits)),
        FilePushOptions: request('FilePushOptions', filePushOptionsSchema(config.limits)),
        CreatePushResponse: jsonSchema(answers.createPushResponse),
        PushMetadata: jsonSchema(answers.pushMetadata),
        RevealRequest: request('RevealRequest', revealSchema),
        RevealResponse: jsonSchema(answers.revealResponse),
        BurnRequest: request('BurnRequest', burnSchema),
        AuditResponse: jsonSchema(answers.auditResponse),
        ServerConfig: jsonSchema(answers.serverConfig),
        Health: jsonSchema(answers.health),
        HealthDown: jsonSchema(answers.healthDown),
        Error: jsonSchema(answers.apiError),
      },
      responses: ERROR_RESPONSES,
      parameters: {
        PushId: {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: ID_PATTERN.source },
        },
      },
      headers: {
        CacheControl: {
          description: 'Every API answer',
          schema: { type: 'string', const: 'no-store' },
        },
      },
      securitySchemes: {
        linkToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Link-Token',
          description:
            'base64url of KDF(2, "hushlink", secret). Missing or malformed counts as wrong (404).',
        },
        ownerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The ownerToken returned by createPush. A wrong one answers 404.',
        },
      },
    },
  }
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>

export function openApiRoutes(config: Config) {
  const document = openApiDocument(config)
  return new Hono().get('/openapi.json', (c) => json(c, document))
}
