// Shared vocabulary of PROTOCOL.md v1: kinds, events, limits and wire shapes used by server, SPA and CLI.

export const PUSH_KINDS = ['text', 'url', 'qr', 'file'] as const
export type PushKind = (typeof PUSH_KINDS)[number]

export const END_REASONS = ['views', 'time', 'owner', 'viewer', 'locked'] as const
export type EndReason = (typeof END_REASONS)[number]

export const EVENT_KINDS = [
  'created',
  'viewed',
  'failed_view',
  'expired',
  'deleted',
  'locked',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

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

export interface PassphraseOnWire {
  salt: string
  opslimit: number
  memlimit: number
}

export interface CreatePushRequest {
  kind: PushKind
  ciphertext: string
  linkToken: string
  passphrase: (PassphraseOnWire & { token: string }) | null
  expireAfterViews?: number
  expireAfterSeconds?: number
  retrievalStep?: boolean
  deletableByViewer?: boolean
  locale?: string | null
}

export interface CreatePushResponse {
  id: string
  ownerToken: string
  expiresAt: string
  viewsRemaining: number
}

export interface PushMetadata {
  id: string
  kind: PushKind
  status: 'active'
  viewsRemaining: number
  expiresAt: string
  retrievalStep: boolean
  deletableByViewer: boolean
  locale: string | null
  size: number
  passphrase: PassphraseOnWire | null
}

export interface RevealResponse {
  ciphertext: string
  viewsRemaining: number
  deletableByViewer: boolean
}

/** POST /api/pushes/files: the create fields that are not the content, sent as X-Push-Options. */
export type FilePushOptions = Omit<CreatePushRequest, 'kind' | 'ciphertext'>

/** Headers of a file push: its options on upload, the reveal counters on download. */
export const FILE_HEADERS = {
  options: 'X-Push-Options',
  viewsRemaining: 'X-Views-Remaining',
  deletableByViewer: 'X-Deletable-By-Viewer',
} as const

export interface AuditEvent {
  kind: EventKind
  at: string
  ip: string | null
  userAgent: string | null
  reason: string | null
}

export interface AuditResponse {
  push: {
    id: string
    kind: PushKind
    status: 'active' | 'ended'
    reason: EndReason | null
    createdAt: string
    expiresAt: string
    endedAt: string | null
    expireAfterViews: number
    viewsRemaining: number
  }
  events: AuditEvent[]
  /** Failed views past the cap of their reason: they happened, but have no event in `events`. */
  failedViewsNotRecorded: Record<CappedFailureReason, number>
}

export interface ServerConfig {
  version: 1
  limits: {
    minViews: number
    maxViews: number
    defaultViews: number
    minSeconds: number
    maxSeconds: number
    defaultSeconds: number
    maxTextCiphertextBytes: number
    maxPassphraseAttempts: number
    /** Total bytes of a file push's files; the upload limit follows from it (file-manifest.ts). */
    maxFileBytes: number
    /** Checked by clients only: the count is inside the encryption. */
    maxFiles: number
  }
  features: {
    passphrase: boolean
    retrievalStep: boolean
    deletableByViewer: boolean
    files: boolean
  }
}

/**
 * Every `error` code the server answers with (HttpError and literal bodies in server/); the app
 * shows each as its message `errors.<code>`, never the server's English `message`.
 */
export const API_ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'unsupported_media_type',
  'too_large',
  'not_found',
  'method_not_allowed',
  'passphrase_required',
  'bad_passphrase',
  'not_deletable',
  'ended',
  'closed',
  'upload_expired',
  'request_timeout',
  'rate_limited',
  'busy',
  'internal',
  'database_unavailable',
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

/** The error body of every 4xx answer. */
export interface ApiErrorBody {
  error: string
  message: string
  reason?: EndReason
  attemptsRemaining?: number
}

/** Ids are 16 random bytes in base64url (22 chars); tokens are 32 bytes (43 chars). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

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

export interface CreateRequestBody {
  /** The requester's crypto_box public key, 32 bytes base64url. */
  publicKey: string
  /** Plaintext shown to the sender: never put a secret here. */
  label: string
  answersAllowed?: number
  openSeconds?: number
  /** Views and lifetime of each answer push. */
  pushViews?: number
  pushSeconds?: number
}

export interface CreateRequestResponse {
  id: string
  ownerToken: string
  expiresAt: string
}

/** GET /api/requests/{id}: what a sender sees (no token needed). */
export interface RequestInfo {
  id: string
  label: string
  publicKey: string
  status: 'open' | 'closed'
  reason: RequestCloseReason | null
  expiresAt: string
  answersRemaining: number
}

export interface AnswerRequestBody {
  kind: 'text' | 'url' | 'qr'
  /** 0x03 ‖ crypto_box_seal(padded JSON, publicKey), base64url. */
  ciphertext: string
}

export interface AnswerRequestResponse {
  answersRemaining: number
}

export interface RequestAnswer {
  /** The answer push: its audit and DELETE take the request's owner token. */
  id: string
  kind: 'text' | 'url' | 'qr'
  status: 'active' | 'ended'
  reason: EndReason | null
  createdAt: string
  expiresAt: string
  viewsRemaining: number
}

export interface RequestEvent {
  kind: RequestEventKind
  at: string
  ip: string | null
  userAgent: string | null
  reason: string | null
}

/** GET /api/requests/{id}/answers with the owner token. */
export interface RequestAnswersResponse {
  request: RequestInfo & {
    createdAt: string
    answersAllowed: number
    pushViews: number
    pushSeconds: number
  }
  answers: RequestAnswer[]
  events: RequestEvent[]
}
