// hushlink reveal <link>: read the metadata (free), then use one view and decrypt it here; the
// files of a file push go into --out DIR.
import { open, rm, type FileHandle } from 'node:fs/promises'
import type { ApiClient } from '../src/lib/api/client'
import { revealFiles } from '../src/lib/api/file-flow'
import {
  fetchMetadata,
  openLink,
  revealSealed,
  type OpenedLink,
  type RevealOutcome,
} from '../src/lib/api/push-flow'
import { DecryptionError, EncodingError, type SealedContent } from '../src/lib/crypto'
import { parseLink } from '../src/lib/link'
import type { ApiErrorBody, PushMetadata } from '../src/lib/protocol'
import { cliApiClient, cliFileApi } from './api-client'
import { apiFailure } from './api-failure'
import type { ParsedArgs } from './args'
import { listedPaths, prepareOutDirectory, progressLine, saveFiles } from './files'
import { CliError, usageError, writeJson, type CliIo } from './io'
import { readPassphrase, type Passphrase } from './passphrase'
import { hasControlCharacters, printableField, printableText } from './terminal-text'

/** What the server sent cannot be opened: a damaged link, or a server breaking the protocol. */
function cryptoFailure(error: unknown): unknown {
  if (error instanceof DecryptionError) {
    return new CliError(`cannot decrypt the secret: ${error.message}`)
  }
  if (error instanceof RangeError || error instanceof EncodingError) {
    return new CliError(`the server's answer breaks the protocol: ${error.message}`)
  }
  return error
}

type Attempt = { ok: true } | { ok: false; error: ApiErrorBody }

/** Reveals, asking again after a wrong typed passphrase while attempts remain. */
async function revealWithRetries<T extends Attempt>(
  meta: PushMetadata,
  file: string | undefined,
  io: CliIo,
  attempt: (passphrase?: string) => Promise<T>,
): Promise<T> {
  let passphrase: Passphrase | undefined = meta.passphrase
    ? await readPassphrase(file, io)
    : undefined
  for (;;) {
    let outcome: T
    try {
      outcome = await attempt(passphrase?.value)
    } catch (error) {
      throw cryptoFailure(error)
    }
    if (outcome.ok) return outcome
    const left = outcome.error.attemptsRemaining ?? 0
    if (outcome.error.error !== 'bad_passphrase' || passphrase?.source !== 'prompt' || left < 1) {
      return outcome
    }
    io.stderr.write(`Wrong passphrase: ${left} attempt${left === 1 ? '' : 's'} left.\n`)
    passphrase = await readPassphrase(undefined, io)
  }
}

/** The secret, then a newline unless it ends with one; -n keeps the exact bytes in a pipe. */
function writeSecret(content: SealedContent, io: CliIo, exact: boolean): void {
  const text = content.kind === 'url' ? content.url : content.text
  if (!io.stdout.isTTY) {
    io.stdout.write(exact || text.endsWith('\n') ? text : text + '\n')
    return
  }
  if (hasControlCharacters(text)) {
    io.stderr.write(
      'warning: the secret holds control characters, shown escaped; use --out for the exact text\n',
    )
  }
  io.stdout.write(printableText(text) + (text.endsWith('\n') ? '' : '\n'))
}

export async function revealCommand(
  { positionals, options }: ParsedArgs,
  io: CliIo,
): Promise<void> {
  if (positionals.length !== 1) throw usageError('reveal takes one link')
  const parsed = parseLink(positionals[0])
  if (!parsed) {
    throw usageError(
      'not a complete Hushlink link: it looks like https://host/p/ID#SECRET, part after # included',
    )
  }
  const api = cliApiClient(parsed.origin)
  const link = await openLink(parsed.id, parsed.secret)
  const meta = await fetchMetadata(api, link)
  if (!meta.ok) throw apiFailure(meta.status, meta.error, parsed.origin)
  if (meta.data.kind === 'file')
    return revealFilesCommand(api, link, meta.data, parsed.origin, options, io)

  // Opened before a view is used, since a reveal cannot be repeated if the file cannot be written.
  const out = options.out === undefined ? null : await createOutFile(options.out)
  let outcome: RevealOutcome
  try {
    outcome = await revealWithRetries(meta.data, options['passphrase-file'], io, (passphrase) =>
      revealSealed(api, link, meta.data, passphrase),
    )
  } catch (error) {
    await out?.discard()
    throw error
  }
  if (!outcome.ok) {
    await out?.discard()
    throw apiFailure(outcome.status, outcome.error, parsed.origin)
  }
  const { content, reveal } = outcome
  const secret = content.kind === 'url' ? content.url : content.text
  if (out) await out.write(secret)
  else if (!options.json) writeSecret(content, io, options['no-newline'] === true)
  if (content.kind === 'url') {
    io.stderr.write('This secret is a link; open it yourself if you trust it.\n')
  }
  reportViewsLeft(reveal.viewsRemaining, io)
  const burn = await burnAfterReading(api, link, reveal, options.burn, parsed.origin, io)
  if (options.json) {
    writeJson(io, {
      id: parsed.id,
      kind: content.kind,
      ...(out ? { path: options.out } : { secret }),
      ...burn.left,
    })
  }
  burn.rethrow()
}

/** A file push: saved into --out DIR, which is made ready before the view is used. */
async function revealFilesCommand(
  api: ApiClient,
  link: OpenedLink,
  meta: PushMetadata,
  origin: string,
  options: ParsedArgs['options'],
  io: CliIo,
): Promise<void> {
  const directory = await prepareOutDirectory(options.out)
  const fileApi = cliFileApi(origin)
  const progress = progressLine(io.stderr)
  const outcome = await revealWithRetries(meta, options['passphrase-file'], io, (passphrase) =>
    revealFiles(fileApi, link, meta, passphrase, (p) => progress('Downloading', p.done, p.total)),
  )
  if (!outcome.ok) throw apiFailure(outcome.status, outcome.error, origin)
  const paths = await saveFiles(directory, outcome.files)
  if (!options.json) io.stdout.write(listedPaths(paths))
  const count = `${paths.length} file${paths.length === 1 ? '' : 's'}`
  io.stderr.write(`Saved ${count} in ${printableField(directory, 4096)}.\n`)
  reportViewsLeft(outcome.reveal.viewsRemaining, io)
  const burn = await burnAfterReading(api, link, outcome.reveal, options.burn, origin, io)
  if (options.json) writeJson(io, { id: link.id, kind: 'file', files: paths, ...burn.left })
  burn.rethrow()
}

function reportViewsLeft(left: number, io: CliIo): void {
  io.stderr.write(
    left === 0
      ? 'That was the last view: the secret is now deleted from the server.\n'
      : `${left} view${left === 1 ? '' : 's'} remaining.\n`,
  )
}

/** A new file only readable by its owner; it must not exist yet. */
async function createOutFile(path: string) {
  let file: FileHandle
  try {
    file = await open(path, 'wx', 0o600)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw usageError(
      code === 'EEXIST' ? `${path} already exists` : `cannot create ${path}: ${code}`,
    )
  }
  return {
    write: async (text: string) => {
      await file.writeFile(text)
      await file.close()
    },
    discard: async () => {
      await file.close()
      await rm(path, { force: true })
    },
  }
}

/**
 * --burn after a reveal. A failure is held back until the secret (already read, its view used)
 * is printed, then rethrown, so --json still hands it over.
 */
async function burnAfterReading(
  api: ApiClient,
  link: OpenedLink,
  reveal: { viewsRemaining: number; deletableByViewer: boolean },
  wanted: boolean | undefined,
  origin: string,
  io: CliIo,
) {
  let failure: unknown = null
  const tried = wanted === true && reveal.viewsRemaining > 0
  if (tried) {
    await burn(api, link, reveal.deletableByViewer, origin, io).catch((error) => (failure = error))
  }
  const burned = tried && failure === null
  return {
    left: {
      viewsRemaining: burned ? 0 : reveal.viewsRemaining,
      deleted: burned || reveal.viewsRemaining === 0,
    },
    rethrow() {
      if (failure !== null) throw failure
    },
  }
}

async function burn(api: ApiClient, link: OpenedLink, allowed: boolean, origin: string, io: CliIo) {
  if (!allowed) throw new CliError('the sender did not allow recipients to delete this secret')
  const result = await api.burn(link.id, link.linkToken)
  if (!result.ok) throw apiFailure(result.status, result.error, origin)
  io.stderr.write('Deleted the secret from the server.\n')
}
