// Where the SPA finds the API. A static host can point one build at any API without rebuilding:
// `apiOrigin` of /hushlink-config.json next to index.html wins; else the build's
// PUBLIC_API_ORIGIN; else '' (the page's own origin). The page's CSP must allow the origin, so only
// a build made with PUBLIC_CONNECT_SRC reads the file: any other would wait a request for nothing.
import { isHttpOrigin } from '$lib/api/origin'

/** The runtime config file, served by the static host beside index.html. */
export const RUNTIME_CONFIG_PATH = '/hushlink-config.json'

/** Whether a build reads the runtime config: only when its CSP allows more than its own API. */
export function readsRuntimeConfig(connectSrc: string | undefined): boolean {
  return (connectSrc ?? '').trim() !== ''
}

/** True for '' (same origin) and for an http(s) origin without path, e.g. https://api.example.com. */
export function isApiOrigin(value: unknown): value is string {
  return value === '' || (typeof value === 'string' && isHttpOrigin(value))
}

/** The API origin to use; never fails: a missing or malformed config file means the build's. */
export async function loadApiOrigin(fetchImpl: typeof fetch, buildOrigin: string): Promise<string> {
  try {
    const res = await fetchImpl(RUNTIME_CONFIG_PATH, { cache: 'no-cache', credentials: 'omit' })
    // A host without the file may answer with the SPA's index.html instead of a 404.
    if (!res.ok || !/\bjson\b/i.test(res.headers.get('content-type') ?? '')) return buildOrigin
    const config: unknown = await res.json()
    const origin = (config as { apiOrigin?: unknown } | null)?.apiOrigin
    if (isApiOrigin(origin)) return origin
    if (origin === undefined) return buildOrigin
    console.warn(
      `${RUNTIME_CONFIG_PATH}: apiOrigin must be an origin like https://api.example.com; using the build's`,
    )
    return buildOrigin
  } catch {
    return buildOrigin
  }
}
