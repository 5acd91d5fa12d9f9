// The one API client of the SPA. Same origin unless the build sets PUBLIC_API_ORIGIN or, in a
// build made with PUBLIC_CONNECT_SRC, the host serves /hushlink-config.json (api-origin.ts); the
// origin is settled before the first call, which waits for nothing in any other build.
import { createApiClient } from '$lib/api/client'
import { loadApiOrigin, readsRuntimeConfig } from './api-origin'

const buildOrigin = import.meta.env.PUBLIC_API_ORIGIN ?? ''
const runtimeConfig = readsRuntimeConfig(import.meta.env.PUBLIC_CONNECT_SRC)
let apiOrigin: Promise<string> | undefined

/** The full URL of an API path, once the origin is settled (also for XHR, which is not fetch). */
export async function apiUrl(path: string): Promise<string> {
  apiOrigin ??= runtimeConfig ? loadApiOrigin(fetch, buildOrigin) : Promise.resolve(buildOrigin)
  return (await apiOrigin) + path
}

/**
 * Whether calls carry the session cookie to an API on another origin: only once GET /api/me has
 * answered (sign-in is on there), since a server without sign-in refuses credentialed CORS.
 */
let withCredentials = false
export const sendCredentials = () => void (withCredentials = true)

export const fetchFromApi = (async (path: string, init?: RequestInit) =>
  fetch(
    await apiUrl(path),
    withCredentials ? { ...init, credentials: 'include' } : init,
  )) as typeof fetch

export const api = createApiClient('', fetchFromApi)
