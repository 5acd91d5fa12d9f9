// Test support: checks a live answer of the app against /api/openapi.json. The status must be
// documented for that operation; the body must match the documented schema of its content type
// (ajv, with undocumented fields refused); documented headers must match their schemas.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import { expect } from 'vitest'
import type { OpenApiDocument } from '../openapi/document'

type Node = Record<string, unknown>
type Operation = { operationId: string; tags: string[]; responses: Record<string, Node> }

/** The same schema without room for undocumented fields, so a check notices one. */
export function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed)
  if (!schema || typeof schema !== 'object') return schema
  const copy = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, closed(value)]),
  )
  return 'properties' in copy ? { ...copy, additionalProperties: false } : copy
}

export function newAjv() {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true })
  ajv.addFormat(
    'date-time',
    (value: string) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
  )
  return ajv
}

export function answerChecker(doc: OpenApiDocument) {
  const ajv = newAjv()
  const resolve = (node: Node): Node => {
    const target = node.$ref as string | undefined
    if (!target) return node
    const found = target
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (at as Node)[key], doc)
    return resolve(found as Node)
  }
  // Literal paths first, so /api/pushes/files is not taken for /api/pushes/{id}.
  const templates = Object.keys(doc.paths)
    .sort((a, b) => a.split('{').length - b.split('{').length)
    .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`) }))
  /** "operationId status" of every answer checked so far. */
  const seen = new Set<string>()

  const compiled = new Map<string, ValidateFunction>()
  function validate(schema: Node, value: unknown, what: string) {
    const key = JSON.stringify(schema)
    if (!compiled.has(key)) compiled.set(key, ajv.compile(closed(schema) as Node))
    const check = compiled.get(key)!
    expect(check(value), `${what}: ${ajv.errorsText(check.errors)}`).toBe(true)
  }

  function operationOf(method: string, url: string): Operation {
    const path = new URL(url, 'http://local').pathname
    const template = templates.find(({ pattern }) => pattern.test(path))?.path
    const operation = template && doc.paths[template][method.toLowerCase()]
    expect(operation, `${method} ${path} is documented`).toBeTruthy()
    return operation as Operation
  }

  async function check(method: string, url: string, response: Response): Promise<void> {
    const operation = operationOf(method, url)
    const where = `${operation.operationId} ${response.status}`
    const answer = operation.responses[String(response.status)]
    expect(answer, `${where} is documented`).toBeTruthy()
    seen.add(where)
    expect(response.headers.get('cache-control'), where).toBe('no-store')
    const type = response.headers.get('content-type')?.split(';')[0].trim() ?? null
    const binary = type === 'application/octet-stream'
    for (const [name, ref] of Object.entries((answer.headers ?? {}) as Record<string, Node>)) {
      const header = resolve(ref)
      const value = response.headers.get(name)
      // A binary answer carries every header documented for it.
      if (header.required || binary) expect(value, `${where}: header ${name}`).not.toBeNull()
      if (value === null) continue
      const schema = header.schema as Node
      validate(schema, schema.type === 'integer' ? Number(value) : value, `${where} ${name}`)
    }
    const content = answer.content as Record<string, { schema: Node }> | undefined
    if (!content) {
      expect(await response.clone().text(), `${where} has no body`).toBe('')
      return
    }
    expect(Object.keys(content), `${where}: content type`).toContain(type)
    if (binary) {
      // Read by the caller (a download holds server memory until it is read).
      expect(response.headers.get('content-length'), where).toMatch(/^\d+$/)
      return
    }
    validate(resolve(content[type!].schema), await response.clone().json(), where)
  }

  /** A fetch that checks every answer it returns. */
  function checked(fetchImpl: typeof fetch): typeof fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : undefined
      const url = request ? request.url : String(input)
      const response = await fetchImpl(input, init)
      await check(init?.method ?? request?.method ?? 'GET', url, response)
      return response
    }) as typeof fetch
  }

  /** Documented "operationId status" pairs of the operations with `tag`. */
  function documented(tag: string): string[] {
    return Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, Operation>)
        .filter((operation) => operation.tags?.includes(tag))
        .flatMap((operation) =>
          Object.keys(operation.responses).map((status) => `${operation.operationId} ${status}`),
        ),
    )
  }

  return { check, checked, seen, documented }
}
