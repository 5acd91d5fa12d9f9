// Turns the route table of paths.ts into OpenAPI path items: bodies and answers point at
// the zod-generated components, and each error status gets a body listing exactly its codes.
import { z } from 'zod'
import { API_ERRORS, type ApiErrorCode } from '../../src/lib/protocol/errors'
import type { WireSchemaName } from '../../src/lib/protocol/components'
import { errorBodyOf } from '../../src/lib/protocol/meta'

export type JsonSchema = Record<string, unknown>

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1; 'input' keeps fields with defaults optional. */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' })
  return rest
}

/**
 * Answers every JSON body route can give before its handler runs (server/http/body.ts), and the
 * 408 of a body that does not arrive in time (server/http/http-server.ts) or breaks off.
 */
export const JSON_BODY_ERRORS = [
  'invalid_input',
  'invalid_json',
  'request_timeout',
  'too_large',
  'unsupported_media_type',
] as const satisfies readonly ApiErrorCode[]

export type Credential = 'linkToken' | 'ownerToken' | 'requestOwnerToken' | 'session' | 'apiToken'

interface Header {
  description: string
  schema: JsonSchema
  required?: boolean
}

export interface Answer {
  description: string
  /** A JSON body of this component; none for 204. */
  schema?: WireSchemaName | 'OpenApiDocument'
  /** Also (or instead) a binary body. */
  binary?: boolean
  headers?: Record<string, Header>
}

export interface Operation {
  operationId: string
  summary: string
  description?: string
  tag: 'pushes' | 'requests' | 'server' | 'account' | 'admin'
  /** Any one of these proves the caller may ask. */
  credentials?: Credential[]
  /** Request headers other than the credentials and Content-Type. */
  headers?: Record<string, Header>
  body?: WireSchemaName | 'binary'
  answers: Partial<Record<200 | 201 | 204 | 503, Answer>>
  /** Every `error` code this operation can answer; grouped by status in the document. */
  errors: ApiErrorCode[]
}

export type PathItem = { parameters?: ParameterName[] } & Partial<
  Record<'get' | 'post' | 'put' | 'delete', Operation>
>

export type ParameterName = 'PushId' | 'RequestId' | 'AnswerId' | 'TokenId' | 'Before'

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })
const NO_STORE = { 'Cache-Control': ref('headers', 'CacheControl') }
const BINARY = {
  'application/octet-stream': {
    schema: { type: 'string', contentMediaType: 'application/octet-stream' },
  },
}
const RETRY_AFTER: Header = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 0 },
  required: true,
}
/** Headers some error codes add to their answer. */
const ERROR_HEADERS: Partial<Record<ApiErrorCode, Record<string, Header>>> = {
  rate_limited: { 'Retry-After': RETRY_AFTER },
  busy: { 'Retry-After': RETRY_AFTER },
  too_large: {
    Connection: {
      description: '`close` when the body was refused before it was read',
      schema: { type: 'string' },
    },
  },
}

function answer({ description, schema, binary, headers }: Answer) {
  const content = {
    ...(schema && { 'application/json': { schema: ref('schemas', schema) } }),
    ...(binary && BINARY),
  }
  return {
    description,
    headers: { ...NO_STORE, ...headers },
    ...(Object.keys(content).length > 0 && { content }),
  }
}

function errorAnswers(codes: ApiErrorCode[]) {
  const byStatus = new Map<number, ApiErrorCode[]>()
  for (const code of codes) {
    const { status } = API_ERRORS[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => [
      status,
      {
        description: group.map((code) => `\`${code}\`: ${API_ERRORS[code].when}`).join('; '),
        headers: Object.assign({ ...NO_STORE }, ...group.map((code) => ERROR_HEADERS[code] ?? {})),
        content: { 'application/json': { schema: jsonSchema(errorBodyOf(group)) } },
      },
    ]),
  )
}

function operation(o: Operation) {
  const headers = Object.entries(o.headers ?? {}).map(([name, { required, ...header }]) => ({
    name,
    in: 'header',
    required: required ?? false,
    ...header,
  }))
  return {
    operationId: o.operationId,
    summary: o.summary,
    ...(o.description && { description: o.description }),
    tags: [o.tag],
    ...(o.credentials && { security: o.credentials.map((name) => ({ [name]: [] })) }),
    ...(headers.length > 0 && { parameters: headers }),
    ...(o.body && {
      requestBody: {
        required: true,
        content:
          o.body === 'binary' ? BINARY : { 'application/json': { schema: ref('schemas', o.body) } },
      },
    }),
    responses: {
      ...Object.fromEntries(Object.entries(o.answers).map(([status, a]) => [status, answer(a!)])),
      ...errorAnswers(o.errors),
    },
  }
}

export function pathItems(routes: Record<string, PathItem>) {
  return Object.fromEntries(
    Object.entries(routes).map(([path, { parameters, ...operations }]) => [
      path,
      {
        ...(parameters && { parameters: parameters.map((name) => ref('parameters', name)) }),
        ...Object.fromEntries(
          Object.entries(operations).map(([method, o]) => [method, operation(o as Operation)]),
        ),
      },
    ]),
  )
}
