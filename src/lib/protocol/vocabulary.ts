// The vocabulary of protocol v1 (docs/protocol.md) without zod: kinds, reasons, limits, patterns
// and headers, for the SPA (whose bundle must not carry zod), the CLI and the server alike.

/** What a sealed (JSON) push or a request's answer holds; a file push is sent as a stream. */
export const SEALED_KINDS = ['text', 'url', 'qr'] as const
export type SealedKind = (typeof SEALED_KINDS)[number]

export const PUSH_KINDS = [...SEALED_KINDS, 'file'] as const
export type PushKind = (typeof PUSH_KINDS)[number]

/** `admin`: taken down by an admin of the instance (the admin page, docs/api.md "Admin"). */
export const END_REASONS = ['views', 'time', 'owner', 'viewer', 'locked', 'admin'] as const
export type EndReason = (typeof END_REASONS)[number]

export const EVENT_KINDS = [
  'created',
  'viewed',
  'failed_view',
  'expired',
  'deleted',
  'locked',
  'notification_failed',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** Events a push's webhook is told of (docs/api.md, Webhooks); `created` and its own failures are not. */
export const NOTIFIED_EVENT_KINDS = [
  'viewed',
  'failed_view',
  'expired',
  'deleted',
  'locked',
] as const
export type NotifiedEventKind = (typeof NOTIFIED_EVENT_KINDS)[number]

/** How a webhook's body is shaped: a Slack incoming webhook, a Teams workflow, or signed JSON. */
export const WEBHOOK_FORMATS = ['slack', 'teams', 'json'] as const
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number]
export const MAX_WEBHOOK_URL_CHARS = 2048

/** Headers of every webhook delivery: the HMAC signature and the idempotency key. */
export const WEBHOOK_HEADERS = {
  signature: 'Hushlink-Signature',
  delivery: 'Hushlink-Delivery',
  event: 'Hushlink-Event',
} as const

/**
 * Reasons of a failed view that the trail keeps a bounded number of events for, each on its own
 * (HUSHLINK_MAX_FAILED_VIEW_EVENTS per reason), so a flood of one cannot hide the others. A wrong
 * passphrase needs the link and locks the push after a few, so each is always recorded.
 */
export const CAPPED_FAILURE_REASONS = ['bad_link', 'ended'] as const
export type CappedFailureReason = (typeof CAPPED_FAILURE_REASONS)[number]

export const DAY_SECONDS = 86_400

/** Defaults and bounds; the server may be configured tighter and says so in GET /api/config. */
export const DEFAULT_LIMITS = {
  minViews: 1,
  maxViews: 100,
  defaultViews: 5,
  minSeconds: 60,
  maxSeconds: 90 * DAY_SECONDS,
  defaultSeconds: 7 * DAY_SECONDS,
  maxTextCiphertextBytes: 1024 * 1024,
  maxPassphraseAttempts: 5,
  /** Total size of a file push's files (the upload is a little larger: manifest and padding). */
  maxFileBytes: 50 * 1024 * 1024,
  maxFiles: 10,
} as const

/** Argon2id cost bounds a push may ask of a recipient's browser. */
export const PASSPHRASE_BOUNDS = {
  minOpslimit: 2,
  maxOpslimit: 10,
  minMemlimit: 64 * 1024 * 1024,
  maxMemlimit: 256 * 1024 * 1024,
} as const

/** A QR push's text: a QR code stays scannable from a phone screen up to about this many characters. */
export const QR_MAX_CHARACTERS = 1024

export const EXPIRY_PRESETS_SECONDS = [
  3600,
  DAY_SECONDS,
  3 * DAY_SECONDS,
  7 * DAY_SECONDS,
  30 * DAY_SECONDS,
] as const

/** Headers of a file push: its options on upload, the reveal counters on download. */
export const FILE_HEADERS = {
  options: 'X-Push-Options',
  viewsRemaining: 'X-Views-Remaining',
  deletableByViewer: 'X-Deletable-By-Viewer',
} as const

/** Ids are 16 random bytes in base64url (22 chars); tokens are 32 bytes (43 chars). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/**
 * A push's target language: a 2–3 letter lower-case language and up to two subtags (`de`,
 * `pt-BR`, `zh-Hant`), at most MAX_LOCALE_CHARS long. The link's /{locale}/ prefix uses it too.
 */
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/
export const MAX_LOCALE_CHARS = 16

/** Longest instance name (HUSHLINK_INSTANCE_NAME), in UTF-16 code units as `string.length`. */
export const INSTANCE_NAME_MAX_CHARS = 60
/** HUSHLINK_BRAND_NAME, shown in the header instead of the product's name. */
export const BRAND_NAME_MAX_CHARS = 40

export function isLocaleTag(value: string): boolean {
  return value.length <= MAX_LOCALE_CHARS && LOCALE_PATTERN.test(value)
}

// Requests (docs/protocol.md "Requests"): the requester publishes a public key, a sender seals an
// answer to it, and the answer becomes an ordinary push that only the requester can reveal.

export const REQUEST_EVENT_KINDS = [
  'request_created',
  'request_answered',
  'request_closed',
] as const
export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number]

export const REQUEST_CLOSE_REASONS = ['answers', 'time'] as const
export type RequestCloseReason = (typeof REQUEST_CLOSE_REASONS)[number]

export const REQUEST_LIMITS = {
  maxLabelChars: 200,
  minAnswers: 1,
  maxAnswers: 10,
  defaultAnswers: 1,
  defaultOpenSeconds: 7 * DAY_SECONDS,
} as const

/** What the admin log records (docs/api.md "Admin"): so far only takedowns. */
export const ADMIN_ACTIONS = ['takedown'] as const
export type AdminAction = (typeof ADMIN_ACTIONS)[number]
/** The admin overview's window of failed views: per day, and for the top addresses. */
export const ADMIN_FAILURE_DAYS = 30
export const ADMIN_TOP_ADDRESSES = 10
/** Entries of the admin log per page. */
export const ADMIN_LOG_PAGE = 50
