// Every `error` code of the API with its status and when it is answered: the OpenAPI document
// lists, per route, the codes that route can answer (server/openapi/paths.ts), from this table.

export const API_ERRORS = {
  invalid_input: { status: 400, when: 'the body, a header or a field breaks the schema' },
  invalid_json: { status: 400, when: 'the body is not valid UTF-8 JSON' },
  sign_in_required: {
    status: 401,
    when:
      'creating (a push, file push or request) under `HUSHLINK_CREATE_POLICY=signed-in`, or an ' +
      '`/api/me/…` list or token route, without a session or API token',
  },
  invalid_token: {
    status: 401,
    when: 'an `Authorization: Bearer hlpat_…` token that is unknown or was revoked',
  },
  foreign_origin: {
    status: 403,
    when: "a request carrying a session cookie that changes something, from another origin than the app's own (CSRF)",
  },
  session_required: {
    status: 403,
    when:
      'API tokens and notification settings are changed only from a signed-in browser session, ' +
      'not with a token',
  },
  admin_required: {
    status: 403,
    when:
      'an `/api/admin/…` route asked by a signed-in user who is not an admin of this server ' +
      '(`HUSHLINK_ADMIN_EMAILS`, `HUSHLINK_ADMIN_GROUP`), or with an API token: admin routes ' +
      'take a browser session only',
  },
  webhook_refused: {
    status: 400,
    when:
      "the webhook's host does not resolve, or resolves to a loopback, private, link-local or " +
      'other internal address, which this server does not call',
  },
  passphrase_required: {
    status: 400,
    when: 'a passphrase push revealed without `passToken`; no attempt is used',
  },
  bad_passphrase: {
    status: 403,
    when: 'wrong `passToken`: a failed view, no view used; `attemptsRemaining` says how many are left',
  },
  not_deletable: { status: 403, when: 'the sender did not allow the recipient to delete the push' },
  not_found: {
    status: 404,
    when: 'unknown id, or a missing, malformed or wrong token: the cases look alike on purpose',
  },
  method_not_allowed: { status: 405, when: 'a known path asked with another method; see `Allow`' },
  request_timeout: {
    status: 408,
    when: 'the body did not arrive within the body deadline; the connection is closed',
  },
  upload_expired: { status: 408, when: 'the upload took longer than the server waits for one' },
  ended: {
    status: 410,
    when: 'the push has ended; `reason` is views, time, owner, viewer, locked or admin',
  },
  closed: { status: 410, when: 'the request is closed; `reason` is answers or time' },
  too_large: { status: 413, when: 'the body or the ciphertext is over the limit' },
  unsupported_media_type: {
    status: 415,
    when: 'the body is not of the content type the route reads',
  },
  rate_limited: { status: 429, when: 'too many requests from this client; see `Retry-After`' },
  too_many_downloads: {
    status: 429,
    when:
      'a file reveal while this client runs `HUSHLINK_DOWNLOADS_PER_CLIENT` downloads already; ' +
      'no view used, no passphrase attempt spent, see `Retry-After`',
  },
  quota_exceeded: {
    status: 429,
    when:
      "a file upload past this client's storage quota; nothing of it is kept, `Retry-After` is " +
      'the seconds until the quota window starts over',
  },
  busy: {
    status: 503,
    when:
      'a file reveal while the download memory is in use; no view used, no passphrase attempt ' +
      'spent, see `Retry-After`',
  },
  internal: { status: 500, when: 'a fault on the server; bad input never gets this' },
  database_unavailable: {
    status: 503,
    when: '`GET /api/health` when the database does not answer',
  },
} as const

export type ApiErrorCode = keyof typeof API_ERRORS

/** Every code, for the app's messages (`errors.<code>` in locales/). */
export const API_ERROR_CODES = Object.keys(API_ERRORS) as ApiErrorCode[]
