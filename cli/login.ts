// hushlink login: checks an API token against the server (GET /api/me) and keeps it for that
// server, so later commands there create as the signed-in user.
import { createAccountClient } from '../src/lib/api/account-client'
import { checkedToken, keepToken } from './api-token'
import { serverOrigin, type ParsedArgs } from './args'
import { CliError, usageError, writeJson, type CliIo } from './io'

export async function loginCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const server = serverOrigin(args.options.server, io.env)
  const given =
    args.options.token ?? io.env.HUSHLINK_TOKEN ?? (await io.readSecret('API token (hlpat_…): '))
  if (!given) throw usageError('give the token with --token, HUSHLINK_TOKEN, or at the prompt')
  const token = checkedToken(given.trim())
  const withToken = ((input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    })) as typeof fetch
  const me = await createAccountClient(server, withToken).me()
  if (!me.ok) {
    const reason = me.status === 404 ? 'this server has no sign-in' : me.error.message
    throw new CliError(`the token was not accepted: ${reason}`)
  }
  if (!me.data.user) throw new CliError('the token was not accepted')
  const path = await keepToken(server, token, io.env)
  if (args.options.json) return writeJson(io, { server, user: me.data.user, tokenFile: path })
  io.stderr.write(`Signed in to ${server} as ${me.data.user.email ?? me.data.user.id}.\n`)
  io.stderr.write(`Token kept in ${path} (readable by you only).\n`)
}
