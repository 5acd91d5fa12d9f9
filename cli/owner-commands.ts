// hushlink delete | audit | list: the sender's side, through the owner tokens kept by push.
import { ID_PATTERN, type AuditResponse } from '../src/lib/protocol'
import { cliApiClient } from './api-client'
import { apiFailure, endedMessage } from './api-failure'
import type { ParsedArgs } from './args'
import { describeUserAgent } from '../src/lib/user-agent'
import { CliError, usageError, writeJson, type CliIo } from './io'
import { createOwnerStore, storeDirectory, type OwnerStore, type StoredPush } from './owner-store'
import { formatTable, printableField } from './terminal-text'
import { localTime, whenText } from './time-text'

/** A bare id, or any link to the push (the #secret is not needed here). */
export function pushIdOf(argument: string): string | null {
  if (ID_PATTERN.test(argument)) return argument
  const match = /\/p\/([A-Za-z0-9_-]{22})(?:[/?#]|$)/.exec(argument)
  return match ? match[1] : null
}

async function storedPush(
  { positionals, command }: ParsedArgs,
  store: OwnerStore,
): Promise<StoredPush> {
  if (positionals.length !== 1) throw usageError(`${command} takes one push id or link`)
  const id = pushIdOf(positionals[0])
  if (!id)
    throw usageError(`"${printableField(positionals[0], 80)}" is neither a push id nor a link`)
  const push = await store.find(id)
  if (!push) {
    throw new CliError(
      `no owner token for ${id} in ${store.path}: only pushes made by this CLI can be managed`,
    )
  }
  return push
}

const storeOf = (io: CliIo) => createOwnerStore(storeDirectory(io.env))

/** The owner token goes only to the server the push was made on, whatever --server says. */
export async function deleteCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const push = await storedPush(args, storeOf(io))
  const result = await cliApiClient(push.server).deletePush(push.id, push.ownerToken)
  if (!result.ok && result.status !== 410)
    throw apiFailure(result.status, result.error, push.server)
  const reason = result.ok ? null : (result.error.reason ?? null)
  if (args.options.json) writeJson(io, { id: push.id, deleted: result.ok, reason })
  else if (result.ok)
    io.stdout.write(`Deleted ${push.id}; its ciphertext is gone from ${push.server}.\n`)
  else io.stderr.write(`Nothing to delete: ${endedMessage(reason ?? undefined)}.\n`)
}

/** A user agent in words ("Chrome 156 on Linux"), else as sent; --json has the raw strings. */
const agentText = (raw: string | null) => printableField(describeUserAgent(raw) ?? raw, 60)

function auditText(push: StoredPush, audit: AuditResponse, now: number): string {
  const p = audit.push
  const when = (iso: string) => whenText(iso, { now })
  const status =
    p.status === 'active'
      ? `active, ${p.viewsRemaining} of ${p.expireAfterViews} views left`
      : `ended (${endedMessage(p.reason ?? undefined)}) on ${p.endedAt ? when(p.endedAt) : '-'}`
  const head = [
    `Push     ${p.id} (${p.kind})${push.label ? '  ' + printableField(push.label, 80) : ''}`,
    `Status   ${status}`,
    `Created  ${when(p.createdAt)}`,
    `Expires  ${when(p.expiresAt)}`,
    '',
  ]
  const rows = audit.events.map((e) => [
    localTime(e.at),
    e.kind,
    printableField(e.reason, 20),
    printableField(e.ip, 45),
    agentText(e.userAgent),
  ])
  // An older server does not send the counts.
  const notRecorded = Object.entries(audit.failedViewsNotRecorded ?? {})
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `... and ${n} more failed_view (${reason}) not recorded`)
  const table = formatTable([['WHEN', 'EVENT', 'REASON', 'IP', 'USER AGENT'], ...rows])
  return [...head, table, ...notRecorded].join('\n') + '\n'
}

export async function auditCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const push = await storedPush(args, storeOf(io))
  const result = await cliApiClient(push.server).audit(push.id, push.ownerToken)
  if (!result.ok) throw apiFailure(result.status, result.error, push.server)
  if (args.options.json) writeJson(io, result.data)
  else io.stdout.write(auditText(push, result.data, io.now()))
}

/** Owner tokens are never printed: list output ends up in terminals, logs and bug reports. */
export async function listCommand({ positionals, options }: ParsedArgs, io: CliIo): Promise<void> {
  if (positionals.length) throw usageError('list takes no arguments')
  const store = storeOf(io)
  const pushes = (await store.list()).map(({ ownerToken: _, ...shown }) => shown)
  if (options.json) {
    writeJson(io, pushes)
    return
  }
  if (!pushes.length) {
    io.stderr.write(`No pushes kept in ${store.path}.\n`)
    return
  }
  const rows = pushes.map((p) => [
    p.id,
    p.kind,
    localTime(p.createdAt),
    whenText(p.expiresAt, { now: io.now() }),
    p.server,
    printableField(p.label, 60),
  ])
  io.stdout.write(
    formatTable([['ID', 'KIND', 'CREATED', 'EXPIRES', 'SERVER', 'LABEL'], ...rows]) + '\n',
  )
}
