// The configuration as the admin page shows it: every variable read and every setting in effect,
// with secrets redacted by rule rather than by list, so a setting added later is covered too.
import type { Config } from '../config'

export const REDACTED = '[redacted]'

/** Names of secrets: SMTP and database passwords, tokens, client secrets, keys. */
const SECRET_NAME = /secret|token|passw(or)?d|credential|private.?key|api.?key|signing.?key/i

/** A URL's password and secret-named query parameters, redacted; other text as it is. */
export function redactUrl(value: string): string {
  if (!value.includes('://')) return value
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return value
  }
  let changed = false
  if (url.password) {
    url.password = REDACTED
    changed = true
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_NAME.test(name)) {
      url.searchParams.set(name, REDACTED)
      changed = true
    }
  }
  return changed ? url.href : value
}

export function redactedValue(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return value === '' ? value : REDACTED
  return redactUrl(value)
}

/** Every variable the server read, as set (null: unset), secrets redacted. */
export function redactedEnvironment(config: Config): { name: string; value: string | null }[] {
  return config.environment.map(([name, value]) => ({
    name,
    value: value === undefined ? null : redactedValue(name, value),
  }))
}

function leaves(value: unknown, path: string): { key: string; value: string | null }[] {
  if (value === null || value === undefined) return [{ key: path, value: null }]
  if (value instanceof URL) return [{ key: path, value: value.href }]
  if (value instanceof Uint8Array) return [{ key: path, value: `${value.length} bytes` }]
  if (Array.isArray(value)) return [{ key: path, value: value.map(String).join(', ') }]
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      leaves(inner, path ? `${path}.${key}` : key),
    )
  }
  return [{ key: path, value: String(value) }]
}

/** The configuration in effect (defaults applied), one row per setting, secrets redacted. */
export function redactedEffective(config: Config): { key: string; value: string }[] {
  const { environment: _, ...settings } = config
  return leaves(settings, '').map(({ key, value }) => ({
    key,
    value: value === null ? 'null' : redactedValue(key, value),
  }))
}
