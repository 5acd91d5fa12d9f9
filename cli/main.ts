// The hushlink command: parses argv, runs one command, maps every failure to a message and an
// exit code (EXIT_CODES). `run` takes its I/O as an argument so tests can drive it.
import { cliVersion, useApiToken } from './api-client'
import { apiTokenFor } from './api-token'
import { parseCommandLine, serverOrigin, type Command, type ParsedArgs } from './args'
import { loginCommand } from './login'
import { CliError, processIo, type CliIo } from './io'
import { auditCommand, deleteCommand, listCommand } from './owner-commands'
import { pushCommand } from './push'
import { revealCommand } from './reveal'
import { answerCommand, requestCommand } from './request'

const HELP: Record<Command | 'main', string> = {
  main: `hushlink — send a secret by a link that expires (end-to-end encrypted)

Usage: hushlink <command> [options]

Commands:
  push [TEXT]          encrypt TEXT (or --text-file, or stdin), or --file PATH…, and print its link
  reveal <link>        use one view of a link and print the secret (or save its files)
  delete <id|link>     delete a push you made (uses the kept owner token)
  audit <id|link>      show a push's status and access trail
  list                 list the pushes whose owner tokens are kept here
  request LABEL        ask for a secret: prints a link to send and your private link
  answer <link>        answer a request link, or read the answers with your private link
  login                keep an API token for a server with sign-in (asked, or --token)

Global options:
  --server URL         API server (env HUSHLINK_SERVER, default http://localhost:5100)
  --json               print one JSON document on stdout instead of text, for scripts
  --token hlpat_…      API token of a server with sign-in (env HUSHLINK_TOKEN, else the one
                       "hushlink login" kept for the server)
  -h, --help           help for hushlink or a command
  --version            print the version

Times are shown in your time zone and relative to now; --json keeps them as ISO 8601 UTC.
Owner tokens are kept in $HUSHLINK_HOME/pushes.json (default ~/.config/hushlink).
Run "hushlink <command> --help" for a command's options.

Exit codes:
  0  done (delete of a push that already ended included)
  1  failed: server unreachable, no such secret (404), ended (410), wrong passphrase…
  2  usage: unknown command or option, bad value, missing argument
On failure the reason goes to stderr; --json prints its document only for what was done.`,
  push: `Usage: hushlink push [TEXT] [options]

The secret is TEXT, else --text-file, else stdin when it is piped, else asked for without echo.
  --text-file PATH         read the secret from a UTF-8 file (exact bytes)
  -f, --file PATH          push this file instead of text (repeat for up to the server's
                           limit, 10 by default); names and types are encrypted too
  --kind text|url|qr       url: an http(s) link shown to open; qr: shown as a QR code
  --views N                views before the secret is deleted (server default: 5)
  --expires DURATION       lifetime like 7d, 24h, 30m or 3600s (server default: 7d)
  --passphrase             also require a passphrase (asked twice without echo,
                           or from --passphrase-file / env HUSHLINK_PASSPHRASE)
  --passphrase-file PATH   read the passphrase from a file (implies --passphrase)
  --no-retrieval-step      show the secret as soon as the link is opened
  --no-viewer-delete       do not let the recipient delete the secret
  --locale TAG             open the link in this language: a BCP 47 tag (de, zh-Hant,
                           nb…) of a shipped one, added as it ships (/zh-TW/, /no/)
  --label TEXT             a note for yourself, kept locally with the owner token
  --remember               also keep the link itself locally (off by default)
  --webhook URL            POST views, failed views and the end to URL; prints its signing secret
  --webhook-format F       slack, teams or json (signed; the default)
  --server URL             API server
  --json                   print {link, id, server, kind, expiresAt, viewsRemaining, webhookSecret?}`,
  reveal: `Usage: hushlink reveal <link> [options]

Uses one view. The secret goes to stdout, ended by a newline (unless it ends with one);
status goes to stderr.
  -n, --no-newline         print the secret's exact bytes, without the added newline
  -o, --out FILE           write the secret to a new file (mode 0600) instead
  -o, --out DIR            a file push: save its files into DIR (created if missing), under
                           safe names, never over an existing file; their paths go to stdout
  --passphrase-file PATH   passphrase from a file (else env HUSHLINK_PASSPHRASE, else asked)
  --burn                   delete the secret from the server after reading it
  --json                   print {id, kind, secret (or path, or files), viewsRemaining, deleted}`,
  delete: `Usage: hushlink delete <id|link>

Deletes a push made by this CLI, using its kept owner token, on the server it was made on.
  --json                   print {id, deleted, reason}: reason says why it had already ended`,
  audit: `Usage: hushlink audit <id|link> [--json]

Shows a push's status and every access to it, browsers named in words ("Chrome 156 on Linux").
  --json                   print the API's answer as it came: raw user agents, UTC times`,
  list: `Usage: hushlink list [--json]

Lists the pushes kept in the local owner-token file (owner tokens are not printed).
  --json                   print [{id, server, createdAt, expiresAt, kind, label?, link?}]`,
  request: `Usage: hushlink request LABEL [options]

Makes a key pair here and asks the server for a request. LABEL is shown to the sender and is
NOT encrypted: never put a secret in it. Prints two lines: the link to send, then your private
link (it holds the private key: keep it to yourself; nothing is stored locally).
  --answers N              how many answers to accept, 1-10 (default 1)
  --open-for DURATION      how long the request stays open, like 7d or 24h (default 7d)
  --views N                views of each answer (server default: 5)
  --expires DURATION       lifetime of each answer (server default: 7d)
  --json                   print {id, link, privateLink, expiresAt}`,
  answer: `Usage: hushlink answer <link> [TEXT] [options]

With a request link (https://HOST/request/ID#KEY): seals TEXT (or --text-file, stdin, or asked
without echo) here to the public key KEY of the link, and sends it only if the server holds that
same key; otherwise, or for a link without #KEY, it refuses and sends nothing.
With your private link (https://HOST/r/ID#KEY): uses one view of every readable answer and
prints them to stdout, one per line.
  --text-file PATH         read the answer from a UTF-8 file
  --json                   sending: print {requestId, sent}; reading: print
                           {request: {id, label}, answers: [{id, secret, viewsRemaining}],
                           failed: [{id, error}]}`,
  login: `Usage: hushlink login [--token hlpat_…] [--server URL]

Checks an API token (made on the dashboard of a server with sign-in) with GET /api/me and keeps
it for that server in $HUSHLINK_HOME/tokens.json (mode 0600). The token comes from --token, else
HUSHLINK_TOKEN, else it is asked for without echo.`,
}

const COMMAND_RUNNERS: Record<Command, (args: ParsedArgs, io: CliIo) => Promise<void>> = {
  push: pushCommand,
  reveal: revealCommand,
  delete: deleteCommand,
  audit: auditCommand,
  list: listCommand,
  request: requestCommand,
  answer: answerCommand,
  login: loginCommand,
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseCommandLine(argv)
    if (args.options.version && !args.command) {
      io.stdout.write(cliVersion() + '\n')
      return 0
    }
    if (args.options.help) {
      io.stdout.write(HELP[args.command ?? 'main'] + '\n')
      return 0
    }
    if (!args.command) {
      io.stderr.write(HELP.main + '\n')
      return 2
    }
    if (args.command !== 'login') {
      const server = serverOrigin(args.options.server, io.env)
      useApiToken(await apiTokenFor(args.options.token, server, io.env), server)
    }
    await COMMAND_RUNNERS[args.command](args, io)
    return 0
  } catch (error) {
    if (error instanceof CliError) {
      const hint = error.exitCode === 2 ? ' (see hushlink --help)' : ''
      io.stderr.write(`hushlink: ${error.message}${hint}\n`)
      return error.exitCode
    }
    const detail = io.env.HUSHLINK_DEBUG ? (error as Error)?.stack : (error as Error)?.message
    io.stderr.write(`hushlink: unexpected error: ${detail ?? String(error)}\n`)
    return 1
  }
}

export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), processIo())
}
