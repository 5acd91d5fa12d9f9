// hushlink request / answer: ask for a secret by a link, answer such a link, read the answers.
// The key pair is made here; the server sees only the public key and sealed answers.
import {
  answerRequest,
  createRequest,
  listAnswers,
  revealAnswer,
  type RequestClient,
} from '../src/lib/api/request-flow'
import { DecryptionError, EncodingError } from '../src/lib/crypto'
import { ID_PATTERN, REQUEST_LIMITS, sealedContentOf } from '../src/lib/protocol'
import { parseWebUrl } from '../src/lib/link'
import { cliRequestClient } from './api-client'
import { apiFailure } from './api-failure'
import { parseDuration, parseViews, serverOrigin, type ParsedArgs } from './args'
import { CliError, usageError, type CliIo } from './io'
import { secretText } from './push'
import { printableField, printableText } from './terminal-text'

type RequestLink =
  | { kind: 'public'; origin: string; id: string }
  | { kind: 'private'; origin: string; id: string; fragment: string }

/** `https://HOST/request/{id}` (to answer) or `https://HOST/r/{id}#{key}` (to read answers). */
export function parseRequestLink(input: string): RequestLink | null {
  const url = parseWebUrl(input)
  if (!url) return null
  const publicMatch = /^\/request\/([^/]+)\/?$/.exec(url.pathname)
  if (publicMatch && ID_PATTERN.test(publicMatch[1])) {
    return { kind: 'public', origin: url.origin, id: publicMatch[1] }
  }
  const privateMatch = /^\/r\/([^/]+)\/?$/.exec(url.pathname)
  const fragment = url.hash.slice(1)
  if (privateMatch && ID_PATTERN.test(privateMatch[1]) && /^[A-Za-z0-9_-]{86}$/.test(fragment)) {
    return { kind: 'private', origin: url.origin, id: privateMatch[1], fragment }
  }
  return null
}

function parseAnswers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = /^\d{1,3}$/.test(text.trim()) ? Number(text) : NaN
  if (!(n >= REQUEST_LIMITS.minAnswers && n <= REQUEST_LIMITS.maxAnswers)) {
    throw usageError(
      `--answers wants ${REQUEST_LIMITS.minAnswers} to ${REQUEST_LIMITS.maxAnswers}, not "${text}"`,
    )
  }
  return n
}

export async function requestCommand(
  { positionals, options }: ParsedArgs,
  io: CliIo,
): Promise<void> {
  if (positionals.length !== 1 || positionals[0].trim() === '') {
    throw usageError(
      'request takes one LABEL: what you ask for (shown to the sender, not encrypted)',
    )
  }
  const server = serverOrigin(options.server, io.env)
  const result = await createRequest(cliRequestClient(server), {
    label: positionals[0].trim(),
    answersAllowed: parseAnswers(options.answers),
    openSeconds: options['open-for'] === undefined ? undefined : parseDuration(options['open-for']),
    pushViews: options.views === undefined ? undefined : parseViews(options.views),
    pushSeconds: options.expires === undefined ? undefined : parseDuration(options.expires),
  })
  if (!result.ok) throw apiFailure(result.status, result.error, server)
  const { id, fragment, expiresAt } = result.data
  io.stdout.write(`${server}/request/${id}\n${server}/r/${id}#${fragment}\n`)
  io.stderr.write(
    `Send the first link to whoever should answer (open until ${expiresAt}).\n` +
      'The second link is yours alone: it opens the answers. Read them with: hushlink answer <second link>\n',
  )
}

export async function answerCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const [input, ...rest] = args.positionals
  const link = input === undefined ? null : parseRequestLink(input)
  if (!link)
    throw usageError(
      'answer takes a request link: https://HOST/request/ID or https://HOST/r/ID#KEY',
    )
  const client = cliRequestClient(link.origin)
  if (link.kind === 'public') return sendAnswer(client, link, { ...args, positionals: rest }, io)
  if (rest.length > 0) throw usageError('your private link reads the answers: give no TEXT with it')
  return readAnswers(client, link, io)
}

async function sendAnswer(
  client: RequestClient,
  link: RequestLink,
  args: ParsedArgs,
  io: CliIo,
): Promise<void> {
  const info = await client.get(link.id)
  if (!info.ok) throw requestFailure(info.status, info.error, link.origin)
  if (info.data.status === 'closed') throw closedError(info.data.reason)
  io.stderr.write(
    `Request: ${printableField(info.data.label)}\n(written by the requester; Hushlink does not check who they are)\n`,
  )
  const text = await secretText(args, io)
  const content = sealedContentOf('text', text)
  if (!content.ok) throw usageError('nothing to send: the answer is empty')
  const sent = await answerRequest(client, info.data, content.content)
  if (!sent.ok) throw requestFailure(sent.status, sent.error, link.origin)
  io.stderr.write('Sent, sealed to the requester: only they can open it.\n')
}

async function readAnswers(
  client: RequestClient,
  link: Extract<RequestLink, { kind: 'private' }>,
  io: CliIo,
): Promise<void> {
  const listing = await listAnswers(client, link.id, link.fragment)
  if (!listing.ok) throw requestFailure(listing.status, listing.error, link.origin)
  const active = listing.data.answers.filter((a) => a.status === 'active')
  io.stderr.write(
    `Request: ${printableField(listing.data.request.label)} — ${listing.data.answers.length} answer(s), ` +
      `${active.length} still readable\n`,
  )
  for (const answer of active) {
    let opened
    try {
      opened = await revealAnswer(client, link.id, link.fragment, answer)
    } catch (error) {
      if (error instanceof DecryptionError || error instanceof EncodingError) {
        throw new CliError(`cannot decrypt answer ${answer.id}: ${error.message}`)
      }
      throw error
    }
    if (!opened.ok) {
      io.stderr.write(
        `answer ${answer.id}: ${apiFailure(opened.status, opened.error, link.origin).message}\n`,
      )
      continue
    }
    const content = opened.content
    io.stdout.write(printableText(content.kind === 'url' ? content.url : content.text) + '\n')
    io.stderr.write(`(answer ${answer.id}, ${opened.reveal.viewsRemaining} view(s) left)\n`)
  }
}

function closedError(reason: string | null | undefined): CliError {
  return new CliError(
    reason === 'answers'
      ? 'this request has all the answers it asked for (410)'
      : 'this request has expired (410)',
  )
}

function requestFailure(
  status: number,
  error: Parameters<typeof apiFailure>[1],
  origin: string,
): CliError {
  if (status === 404)
    return new CliError('no request exists at this link, or the key is wrong (404)')
  if (status === 410 && error.error === 'closed') return closedError(error.reason)
  return apiFailure(status, error, origin)
}
