// /api/openapi.json: served, valid OpenAPI 3.1, and describing exactly the routes the app has.
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenApiDocument } from './document'
import { startTestApp, type TestServer } from '../testing/test-support'

let t: TestServer
let doc: OpenApiDocument

beforeAll(async () => {
  t = await startTestApp()
  doc = (await (await t.app.request('/api/openapi.json')).json()) as OpenApiDocument
})
afterAll(() => t.close())

describe('GET /api/openapi.json', () => {
  it('is served as JSON with no-store', async () => {
    const response = await t.app.request('/api/openapi.json')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(doc.openapi).toBe('3.1.0')
  })

  it('validates against the OpenAPI 3.1 schema', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('describes exactly the routes the app answers', () => {
    const served = t.app.routes
      .filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => key !== 'parameters')
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect([...new Set(served)].sort()).toEqual(documented.sort())
  })

  it('answers 405 on every documented path, its Allow naming exactly the documented methods', async () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const methods = Object.keys(item).filter((key) => key !== 'parameters')
      const concrete = path.replace(/\{\w+\}/g, 'AAAAAAAAAAAAAAAAAAAAAA')
      const response = await t.app.request(concrete, { method: 'PUT' })
      expect(response.status, path).toBe(405)
      const allowed = response.headers.get('allow')?.split(/,\s*/) ?? []
      expect(allowed.sort(), path).toEqual(methods.map((m) => m.toUpperCase()).sort())
    }
  })

  it('follows the configured limits', async () => {
    const tight = await startTestApp({ HUSHLINK_MAX_VIEWS: '10', HUSHLINK_DEFAULT_VIEWS: '2' })
    const tightDoc = (await (
      await tight.app.request('/api/openapi.json')
    ).json()) as OpenApiDocument
    const views = (
      tightDoc.components.schemas.CreatePushRequest.properties as Record<string, object>
    ).expireAfterViews
    expect(views).toMatchObject({ maximum: 10, default: 2 })
    await tight.close()
  })
})
