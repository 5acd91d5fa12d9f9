// What the CLI touches of the outside world, injectable so tests run it without a terminal.
import { openSync } from 'node:fs'
import { ReadStream, WriteStream } from 'node:tty'

export interface Output {
  write(chunk: string | Uint8Array): unknown
  isTTY?: boolean
}

export interface CliIo {
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean }
  stdout: Output
  stderr: Output
  env: Record<string, string | undefined>
  /** Asks for one line without echo; null when there is no terminal to ask on. */
  readSecret(prompt: string): Promise<string | null>
  /** Now, in ms since the epoch, for "in 6 days". */
  now(): number
}

/** An error for the user, thrown anywhere and turned into a message and exit code once in run(). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message)
  }
}

export const usageError = (message: string) => new CliError(message, 2)

/** The one JSON document a command prints with --json (shapes in the CLI section of the API doc). */
export function writeJson(io: CliIo, value: unknown): void {
  // JSON.stringify leaves C1 controls and bidi overrides as they are: escape them too (still the
  // same JSON), so a hostile secret or server cannot drive the terminal this lands on.
  const text = JSON.stringify(value, null, 2).replace(JSON_UNSAFE, jsonEscape)
  io.stdout.write(text + '\n')
}

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const jsonEscape = (char: string) => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0')

/** Reads stdin to its end as UTF-8; binary input is refused rather than mangled. */
export async function readAllText(input: CliIo['stdin'], what: string): Promise<string> {
  const chunks: Uint8Array[] = []
  for await (const chunk of input) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  }
  return decodeUtf8(Buffer.concat(chunks), what)
}

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CliError(`${what} is not UTF-8 text`)
  }
}

/** Reads keystrokes in raw mode so the secret never appears on screen or in scrollback. */
function readHiddenLine(input: ReadStream, echo: Output, prompt: string): Promise<string> {
  echo.write(prompt)
  input.setRawMode(true)
  input.setEncoding('utf8')
  input.resume()
  return new Promise((resolve, reject) => {
    let line = ''
    const finish = () => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      echo.write('\n')
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish()
          return resolve(line)
        }
        if (char === '\u0003') {
          finish()
          return reject(new CliError('cancelled'))
        }
        if (char === '\u007f' || char === '\b') line = Array.from(line).slice(0, -1).join('')
        else line += char
      }
    }
    input.on('data', onData)
  })
}

/** Prompts on stdin when it is a terminal, else on /dev/tty (stdin may carry the secret text). */
async function promptWithoutEcho(prompt: string): Promise<string | null> {
  if (process.stdin.isTTY) return readHiddenLine(process.stdin, process.stderr, prompt)
  let input: ReadStream
  let echo: WriteStream
  try {
    input = new ReadStream(openSync('/dev/tty', 'r'))
    echo = new WriteStream(openSync('/dev/tty', 'w'))
  } catch {
    return null
  }
  try {
    return await readHiddenLine(input, echo, prompt)
  } finally {
    input.destroy()
    echo.destroy()
  }
}

export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readSecret: promptWithoutEcho,
    now: Date.now,
  }
}
