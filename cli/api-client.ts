// The shared API clients of src/lib/api, introducing themselves as the CLI in the owner's audit trail.
import { readFileSync } from 'node:fs'
import { createApiClient, type ApiClient } from '../src/lib/api/client'
import { createFileApi, type FileApi } from '../src/lib/api/file-client'
import { createRequestClient, type RequestClient } from '../src/lib/api/request-client'

export function cliVersion(): string {
  const file = new URL('../package.json', import.meta.url)
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

let userAgent: string | undefined
let apiToken: { token: string; server: string } | undefined

/**
 * Sends this API token on the calls to `server` (its origin) that carry no owner token; never
 * to another server, such as the one of a link being revealed.
 */
export function useApiToken(token: string | undefined, server: string) {
  apiToken = token ? { token, server } : undefined
}

function originOf(input: RequestInfo | URL): string | null {
  try {
    return new URL(input instanceof Request ? input.url : String(input)).origin
  } catch {
    return null
  }
}

const fetchAsCli: typeof fetch = (input, init) => {
  userAgent ??= `hushlink-cli/${cliVersion()}`
  const headers: Record<string, string> = {
    ...(init?.headers as Record<string, string>),
    'User-Agent': userAgent,
  }
  const hasAuthorization = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')
  if (apiToken && !hasAuthorization && originOf(input) === new URL(apiToken.server).origin) {
    headers.Authorization = `Bearer ${apiToken.token}`
  }
  return fetch(input, { ...init, headers })
}

export function cliApiClient(origin: string): ApiClient {
  return createApiClient(origin, fetchAsCli)
}

export function cliFileApi(origin: string): FileApi {
  return createFileApi(origin, fetchAsCli)
}

export function cliRequestClient(origin: string): RequestClient {
  return createRequestClient(origin, fetchAsCli)
}
