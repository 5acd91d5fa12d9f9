// Assertions shared by the server's tests (kept apart from test-support, which bench/ and cli/
// also import outside vitest).
import { expect } from 'vitest'

/** Asserts an API error: one of the statuses, JSON `{error, message}`, no-store, maybe the code. */
export async function expectApiError(response: Response, status: number | number[], code?: string) {
  const statuses = Array.isArray(status) ? status : [status]
  expect(statuses).toContain(response.status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  expect(response.headers.get('cache-control')).toBe('no-store')
  const body = (await response.json()) as { error: unknown; message: unknown }
  expect(typeof body.error).toBe('string')
  expect(typeof body.message).toBe('string')
  if (code) expect(body.error).toBe(code)
}
