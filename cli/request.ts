// hushlink request / answer: ask for a secret by a link, answer such a link, read the answers.
// The key pair is made here; the server sees only the public key and sealed answers.
import type { RequestClient } from '../src/lib/api/request-client'
import {
  answerRequest,
  createRequest,
  listAnswers,
  revealAnswer,
} from '../src/lib/api/request-flow'
import { DecryptionError, EncodingError } from '../src/lib/crypto'
import { REQUEST_LIMITS, sealedContentOf } from '../src/lib/protocol'
import {
  parseRequestLink,
  privateRequestLink,
  publicRequestLink,
  checkRequestKey,
  type RequestKeyCheck,
  type RequestLink,
} from '../src/lib/request-link'
import { cliRequestClient } from './api-client'
import { apiFailure } from './api-failure'
import { parseDuration, parseViews, serverOrigin, type ParsedArgs } from './args'
import { CliError, usageError, writeJson, type CliIo } from './io'
import { secretText } from './push'
import { printableField, printableText } from './terminal-text'
import { whenText } from './time-text'

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

export async function requestCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const { positionals, options } = args
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
  const { id, fragment, publicKey, expiresAt } = result.data
  const link = publicRequestLink(server, id, publicKey)
  const privateLink = privateRequestLink(server, id, fragment)
  if (args.options.json) {
    writeJson(io, { id, link, privateLink, expiresAt })
    return
  }
  io.stdout.write(`${link}\n${privateLink}\n`)
  io.stderr.write(
    `Send the first link to whoever should answer (open until ${whenText(expiresAt, { now: io.now() })}).\n` +
      'The second link is yours alone: it opens the answers. Read them with: hushlink answer <second link>\n',
  )
}

export async function answerCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const [input, ...rest] = args.positionals
  const link = input === undefined ? null : parseRequestLink(input)
  if (!link)
    throw usageError(
      'answer takes a request link: https://HOST/request/ID#KEY or https://HOST/r/ID#KEY',
    )
  const client = cliRequestClient(link.origin)
  if (link.kind === 'public') return sendAnswer(client, link, { ...args, positionals: rest }, io)
  if (rest.length > 0) throw usageError('your private link reads the answers: give no TEXT with it')
  return readAnswers(client, link, io, args.options.json === true)
}

async function sendAnswer(
  client: RequestClient,
  link: Extract<RequestLink, { kind: 'public' }>,
  args: ParsedArgs,
  io: CliIo,
): Promise<void> {
  if (link.publicKey === null) throw keyRefusal('missing')
  const info = await client.get(link.id)
  if (!info.ok) throw requestFailure(info.status, info.error, link.origin)
  if (info.data.status === 'closed') throw closedError(info.data.reason)
  // Checked before the secret is even asked for, and again by answerRequest before sealing.
  const check = checkRequestKey(link.publicKey, info.data.publicKey)
  if (check !== 'match') throw keyRefusal(check)
  io.stderr.write(
    `Request: ${printableField(info.data.label)}\n(written by the requester; Hushlink does not check who they are)\n`,
  )
  const text = await secretText(args, io)
  const content = sealedContentOf('text', text)
  if (!content.ok) throw usageError('nothing to send: the answer is empty')
  const sent = await answerRequest(client, info.data, link.publicKey, content.content)
  if (!sent.ok) {
    if ('refused' in sent) throw keyRefusal(sent.refused)
    throw requestFailure(sent.status, sent.error, link.origin)
  }
  if (args.options.json) writeJson(io, { requestId: link.id, sent: true })
  io.stderr.write('Sent, sealed to the requester: only they can open it.\n')
}

async function readAnswers(
  client: RequestClient,
  link: Extract<RequestLink, { kind: 'private' }>,
  io: CliIo,
  json: boolean,
): Promise<void> {
  const listing = await listAnswers(client, link.id, link.fragment)
  if (!listing.ok) throw requestFailure(listing.status, listing.error, link.origin)
  const active = listing.data.answers.filter((a) => a.status === 'active')
  io.stderr.write(
    `Request: ${printableField(listing.data.request.label)} — ${listing.data.answers.length} answer(s), ` +
      `${active.length} still readable\n`,
  )
  const read: { id: string; secret: string; viewsRemaining: number }[] = []
  const failed: { id: string; error: string }[] = []
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
      const message = apiFailure(opened.status, opened.error, link.origin).message
      failed.push({ id: answer.id, error: opened.error.error })
      io.stderr.write(`answer ${answer.id}: ${message}\n`)
      continue
    }
    const content = opened.content
    const secret = content.kind === 'url' ? content.url : content.text
    read.push({ id: answer.id, secret, viewsRemaining: opened.reveal.viewsRemaining })
    if (!json) io.stdout.write(printableText(secret) + '\n')
    io.stderr.write(`(answer ${answer.id}, ${opened.reveal.viewsRemaining} view(s) left)\n`)
  }
  if (json) {
    const { id, label } = listing.data.request
    writeJson(io, { request: { id, label }, answers: read, failed })
  }
}

function keyRefusal(check: Exclude<RequestKeyCheck, 'match'>): CliError {
  return new CliError(
    (check === 'missing'
      ? 'this request link has no key to check (#KEY is missing or cut short), '
      : "the server's key for this request is not the one in your link: someone may be trying to read your answer; ") +
      'nothing was sent. Do not answer: ask the requester, by another channel, for their full link.',
  )
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
