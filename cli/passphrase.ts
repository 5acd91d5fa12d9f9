// Where a passphrase comes from: a file, HUSHLINK_PASSPHRASE, or a prompt without echo — never argv,
// which other users can read in the process list and the shell keeps in its history.
import { readFile } from 'node:fs/promises'
import { CliError, decodeUtf8, usageError, type CliIo } from './io'

export type PassphraseSource = 'file' | 'env' | 'prompt'

export interface Passphrase {
  value: string
  source: PassphraseSource
}

async function fromFile(path: string): Promise<string> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read --passphrase-file: ${error.code ?? error.message}`)
  })
  // One trailing newline is the editor's, not the passphrase's.
  return decodeUtf8(bytes, '--passphrase-file').replace(/\r?\n$/, '')
}

function nonEmpty(passphrase: Passphrase): Passphrase {
  if (passphrase.value === '') throw usageError(`the passphrase from ${passphrase.source} is empty`)
  return passphrase
}

/** The passphrase of a reveal, or of a push's first prompt. */
export async function readPassphrase(file: string | undefined, io: CliIo): Promise<Passphrase> {
  if (file !== undefined) return nonEmpty({ value: await fromFile(file), source: 'file' })
  const env = io.env.HUSHLINK_PASSPHRASE
  if (env) return { value: env, source: 'env' }
  const typed = await io.readSecret('Passphrase: ')
  if (typed === null) {
    throw usageError(
      'no terminal to ask for the passphrase: use --passphrase-file or HUSHLINK_PASSPHRASE',
    )
  }
  return nonEmpty({ value: typed, source: 'prompt' })
}

/** For a push, a typed passphrase is asked twice: a typo would lock the recipient out. */
export async function choosePassphrase(file: string | undefined, io: CliIo): Promise<string> {
  const first = await readPassphrase(file, io)
  if (first.source === 'prompt' && (await io.readSecret('Repeat passphrase: ')) !== first.value) {
    throw new CliError('the passphrases do not match')
  }
  return first.value
}
