// The shared API client of src/lib/api, introducing itself as the CLI in the owner's audit trail.
import { readFileSync } from 'node:fs'
import { createApiClient, type ApiClient } from '../src/lib/api/client'

export function cliVersion(): string {
  const file = new URL('../package.json', import.meta.url)
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
}

export function cliApiClient(origin: string): ApiClient {
  const userAgent = `hushlink-cli/${cliVersion()}`
  const fetchAsCli: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'User-Agent': userAgent },
    })
  return createApiClient(origin, fetchAsCli)
}
