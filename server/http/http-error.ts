// The one error shape of the API: thrown anywhere in a handler, mapped once in app.ts.
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorBody } from '../../src/lib/protocol'

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Omit<ApiErrorBody, 'error' | 'message'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }

  get body(): ApiErrorBody {
    return { error: this.code, message: this.message, ...this.extra }
  }
}

export const notFound = () =>
  new HttpError(404, 'not_found', 'No secret exists at this link, or the link is incomplete.')

/** A known API path asked with a method it does not serve. */
export function methodNotAllowed(allow: string): () => never {
  return () => {
    throw new HttpError(
      405,
      'method_not_allowed',
      `This path answers only ${allow}.`,
      {},
      { Allow: allow },
    )
  }
}
