// API tokens (`hlpat_…`) for servers with sign-in: from --token, else HUSHLINK_TOKEN, else the
// one `hushlink login` kept for that server in $HUSHLINK_HOME/tokens.json (mode 0600).
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { API_TOKEN_PATTERN } from '../src/lib/protocol/account'
import { usageError } from './io'
import { storeDirectory } from './owner-store'

type TokenFile = { version: 1; tokens: Record<string, string> }

const tokenPath = (env: Record<string, string | undefined>) =>
  join(storeDirectory(env), 'tokens.json')

async function readTokens(env: Record<string, string | undefined>): Promise<TokenFile> {
  try {
    const parsed = JSON.parse(await readFile(tokenPath(env), 'utf8')) as TokenFile
    if (parsed.version === 1 && parsed.tokens && typeof parsed.tokens === 'object') return parsed
  } catch {
    // none kept yet (or unreadable: `hushlink login` writes it anew)
  }
  return { version: 1, tokens: {} }
}

export function checkedToken(token: string): string {
  if (!API_TOKEN_PATTERN.test(token)) {
    throw usageError('an API token looks like hlpat_ and 43 more characters')
  }
  return token
}

/** The token to send to `server`, if any. */
export async function apiTokenFor(
  option: string | undefined,
  server: string,
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  const given = option ?? env.HUSHLINK_TOKEN
  if (given) return checkedToken(given.trim())
  return (await readTokens(env)).tokens[server]
}

/** Keeps `token` for `server`, the file readable by its owner only. */
export async function keepToken(
  server: string,
  token: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  const path = tokenPath(env)
  await mkdir(storeDirectory(env), { recursive: true, mode: 0o700 })
  const file = await readTokens(env)
  file.tokens[server] = token
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 })
  await chmod(temporary, 0o600)
  await rename(temporary, path)
  return path
}
