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

const fetchAsCli: typeof fetch = (input, init) => {
  userAgent ??= `hushlink-cli/${cliVersion()}`
  return fetch(input, {
    ...init,
    headers: { ...(init?.headers as Record<string, string>), 'User-Agent': userAgent },
  })
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
