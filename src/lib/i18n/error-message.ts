// Turns a failed API call into the message the app shows, in the reader's language: from the
// error code and status, never the server's English `message`.
import type { ApiFailure } from '$lib/api/http'
import { API_ERROR_CODES, type ApiErrorCode } from '$lib/protocol'

export interface ErrorMessage {
  id: string
  values?: Record<string, number>
}

// A code this build does not know (a newer server, a proxy's page) reads as the usual one of
// its status; any other 4xx or 5xx gets the generic message of its class.
const CODE_OF_STATUS: Partial<Record<number, ApiErrorCode>> = {
  400: 'invalid_input',
  404: 'not_found',
  405: 'method_not_allowed',
  410: 'ended',
  413: 'too_large',
  408: 'request_timeout',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal',
  503: 'busy',
}

const isKnownCode = (code: string): code is ApiErrorCode =>
  (API_ERROR_CODES as readonly string[]).includes(code)

export function errorMessage(
  failure: Pick<ApiFailure, 'status' | 'error' | 'retryAfterSeconds'>,
): ErrorMessage {
  const { status, error } = failure
  if (status === 0) return { id: 'errors.network' }
  const code = isKnownCode(error.error) ? error.error : CODE_OF_STATUS[status]
  if (!code) {
    if (status >= 500) return { id: 'errors.internal' }
    return { id: status >= 400 ? 'errors.rejected' : 'errors.unexpected' }
  }
  const id = `errors.${code}`
  if (code === 'bad_passphrase') return { id, values: { attempts: error.attemptsRemaining ?? 0 } }
  // 0 when the server named no wait: the message then says "a moment".
  if (code === 'rate_limited' || code === 'too_many_downloads') {
    return { id, values: { seconds: failure.retryAfterSeconds ?? 0 } }
  }
  return { id }
}

type Translate = (id: string, options?: { values: Record<string, number> }) => string

/** The message in words, through the active locale's translate function (`$_`). */
export function formatError(
  failure: Pick<ApiFailure, 'status' | 'error' | 'retryAfterSeconds'>,
  translate: Translate,
): string {
  const message = errorMessage(failure)
  return translate(message.id, message.values && { values: message.values })
}
