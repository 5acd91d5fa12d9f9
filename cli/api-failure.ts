// Turns a failed API call into the one sentence a person at a terminal needs.
import type { ApiErrorBody, EndReason } from '../src/lib/protocol'
import { CliError } from './io'
import { printableField } from './terminal-text'

const ENDED: Record<EndReason, string> = {
  views: 'this secret has already been viewed as many times as allowed',
  time: 'this secret has expired',
  owner: 'the sender deleted this secret',
  viewer: 'a recipient deleted this secret after viewing it',
  locked: 'this secret was locked after too many wrong passphrases',
  admin: 'the operator of this server took this secret down',
}

export function endedMessage(reason: string | undefined): string {
  return reason && Object.hasOwn(ENDED, reason)
    ? ENDED[reason as EndReason]
    : 'this secret has ended'
}

/** Server text is shown only through printableField: a hostile server must not drive the terminal. */
export function apiFailure(status: number, error: ApiErrorBody, server: string): CliError {
  switch (status) {
    case 0:
      return new CliError(`could not reach ${server}`)
    case 404:
      return new CliError('no secret exists at this link, or the link is incomplete (404)')
    case 410:
      return new CliError(`${endedMessage(error.reason)} (410 ${printableField(error.reason, 20)})`)
    case 413:
      return new CliError('the secret is larger than this server accepts (413)')
    case 429:
      return new CliError('the server is limiting requests; try again in a minute (429)')
  }
  if (error.error === 'bad_passphrase') {
    const left = error.attemptsRemaining ?? 0
    return new CliError(
      `wrong passphrase: ${left} attempt${left === 1 ? '' : 's'} left before the secret locks (403)`,
    )
  }
  return new CliError(
    `${printableField(error.message)} (${status} ${printableField(error.error, 40)})`,
  )
}
