// hushlink push: seal the secret (or files) here, upload only ciphertext, print the link, keep the
// owner token.
import { readFile } from 'node:fs/promises'
import { pushFiles } from '../src/lib/api/file-flow'
import { pushSealed, type PushOptions } from '../src/lib/api/push-flow'
import type { FileSource } from '../src/lib/crypto'
import { buildLink } from '../src/lib/link'
import {
  QR_MAX_CHARACTERS,
  SEALED_KINDS,
  sealedContentOf,
  type ContentProblem,
  type SealedContent,
  type SealedKind,
  type WebhookFormat,
  WEBHOOK_FORMATS,
} from '../src/lib/protocol'
import { cliApiClient, cliFileApi } from './api-client'
import { apiFailure } from './api-failure'
import { parseDuration, parseViews, serverOrigin, type ParsedArgs } from './args'
import { CliError, decodeUtf8, readAllText, usageError, writeJson, type CliIo } from './io'
import { fileSources, progressLine } from './files'
import type { ShippedLocale } from '../src/lib/i18n/shipped-locales'
import { chooseLocale } from './locale'
import { createOwnerStore, storeDirectory } from './owner-store'
import { choosePassphrase } from './passphrase'
import { whenText } from './time-text'

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/

function parseKind(kind: string | undefined): SealedKind {
  if (kind === undefined) return 'text'
  if ((SEALED_KINDS as readonly string[]).includes(kind)) return kind as SealedKind
  if (kind === 'file') throw usageError('push files with --file PATH (repeat it for more files)')
  throw usageError(`--kind is ${SEALED_KINDS.join(', ')}, not "${kind}"`)
}

export async function secretText({ positionals, options }: ParsedArgs, io: CliIo): Promise<string> {
  if (positionals.length > 1) throw usageError('push takes one TEXT; quote it, or pipe it on stdin')
  const [text] = positionals
  const textFile = options['text-file']
  if (text !== undefined && textFile !== undefined)
    throw usageError('give TEXT or --text-file, not both')
  if (text !== undefined) return text
  if (textFile !== undefined) {
    const bytes = await readFile(textFile).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${textFile}: ${error.code ?? error.message}`)
    })
    return decodeUtf8(bytes, textFile)
  }
  if (!io.stdin.isTTY) return readAllText(io.stdin, 'stdin')
  const typed = await io.readSecret('Secret (hidden): ')
  if (typed === null) throw usageError('no secret: give TEXT, --text-file PATH or pipe it on stdin')
  return typed
}

const CONTENT_PROBLEMS: Record<ContentProblem, string> = {
  emptySecret: 'nothing to push: the secret is empty',
  invalidUrl: '--kind url wants an http:// or https:// link',
  qrTooLong: `a QR push holds at most ${QR_MAX_CHARACTERS} characters`,
}

function sealedContent(kind: SealedKind, text: string): SealedContent {
  const content = sealedContentOf(kind, text)
  if (!content.ok) throw usageError(CONTENT_PROBLEMS[content.problem])
  return content.content
}

/** Files with --file (TEXT, --text-file and --kind do not go with it), else the secret. */
async function contentToPush(
  args: ParsedArgs,
  io: CliIo,
  kind: SealedKind,
  server: string,
): Promise<SealedContent | { kind: 'file'; files: FileSource[] }> {
  const { file: paths, kind: kindOption } = args.options
  if (!paths) return sealedContent(kind, await secretText(args, io))
  if (args.positionals.length > 0 || args.options['text-file'] !== undefined || kindOption) {
    throw usageError('--file pushes files: give no TEXT, --text-file or --kind with it')
  }
  return { kind: 'file', files: await fileSources(paths, cliApiClient(server), server) }
}

function pushSettings(options: ParsedArgs['options'], locale: ShippedLocale | null): PushOptions {
  return {
    expireAfterViews: options.views === undefined ? undefined : parseViews(options.views),
    expireAfterSeconds: options.expires === undefined ? undefined : parseDuration(options.expires),
    retrievalStep: options['no-retrieval-step'] ? false : undefined,
    deletableByViewer: options['no-viewer-delete'] ? false : undefined,
    locale,
    webhook: webhookOption(options),
  }
}

/** --webhook URL [--webhook-format slack|teams|json]; the server checks the rest. */
function webhookOption(options: ParsedArgs['options']): PushOptions['webhook'] {
  const format = options['webhook-format'] ?? 'json'
  if (!options.webhook) {
    if (options['webhook-format'] !== undefined)
      throw usageError('--webhook-format needs --webhook')
    return null
  }
  if (!(WEBHOOK_FORMATS as readonly string[]).includes(format)) {
    throw usageError(`--webhook-format is one of ${WEBHOOK_FORMATS.join(', ')}, not "${format}"`)
  }
  return { url: options.webhook, format: format as WebhookFormat }
}

function warnAboutPlainHttp(server: string, io: CliIo): void {
  const url = new URL(server)
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    io.stderr.write(`warning: ${server} is plain http; anyone on the way can use up the views\n`)
  }
}

export async function pushCommand(args: ParsedArgs, io: CliIo): Promise<void> {
  const { options } = args
  const server = serverOrigin(options.server, io.env)
  const kind = options.file ? 'text' : parseKind(options.kind)
  const locale = options.locale === undefined ? null : chooseLocale(options.locale)
  const settings = pushSettings(options, locale)
  const store = createOwnerStore(storeDirectory(io.env))
  await store.list() // an unreadable token file must stop us before the push exists
  const content = await contentToPush(args, io, kind, server)
  const wantsPassphrase = options.passphrase || options['passphrase-file'] !== undefined
  if (wantsPassphrase) settings.passphrase = await choosePassphrase(options['passphrase-file'], io)
  warnAboutPlainHttp(server, io)

  const progress = progressLine(io.stderr)
  const result =
    content.kind === 'file'
      ? await pushFiles(cliFileApi(server), content.files, settings, (p) =>
          progress(p.phase === 'encrypting' ? 'Encrypting' : 'Uploading', p.done, p.total),
        )
      : await pushSealed(cliApiClient(server), content, settings)
  if (!result.ok) throw apiFailure(result.status, result.error, server)
  const { id, ownerToken, expiresAt, viewsRemaining, secret, webhookSecret } = result.data
  const link = buildLink(server, id, secret, settings.locale)
  const createdAt = new Date().toISOString()
  try {
    await store.add({
      ...{ id, ownerToken, server, createdAt, expiresAt, kind: content.kind },
      ...(options.label !== undefined && { label: options.label }),
      ...(options.remember && { link }),
    })
  } catch (error) {
    io.stderr.write(
      `warning: could not save the owner token (${(error as Error).message}); ` +
        `to delete this push later you need it: ${ownerToken}\n`,
    )
  }
  if (options.json) {
    writeJson(io, {
      link,
      id,
      server,
      kind: content.kind,
      expiresAt,
      viewsRemaining,
      ...(webhookSecret ? { webhookSecret } : {}),
    })
    return
  }
  io.stdout.write(link + '\n')
  const views = `${viewsRemaining} view${viewsRemaining === 1 ? '' : 's'}`
  io.stderr.write(
    `Ends after ${views} or on ${whenText(expiresAt, { now: io.now() })}. Manage it with: hushlink audit ${id}\n`,
  )
  if (webhookSecret) {
    io.stderr.write(
      `Webhook signing secret (shown once, verifies Hushlink-Signature): ${webhookSecret}\n`,
    )
  }
}
