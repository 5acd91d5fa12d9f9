// Drizzle schema. Ciphertext lives in its own table so ending a push is one row delete,
// while the push row (counters, metadata) and its events outlive it.
import { sql } from 'drizzle-orm'
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type {
  EndReason,
  EventKind,
  PushKind,
  RequestCloseReason,
  WebhookFormat,
  RequestEventKind,
} from '../../src/lib/protocol'

export const pushes = sqliteTable(
  'pushes',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<PushKind>().notNull(),
    linkTokenHash: blob('link_token_hash', { mode: 'buffer' }).notNull(),
    ownerTokenHash: blob('owner_token_hash', { mode: 'buffer' }).notNull(),
    passTokenHash: blob('pass_token_hash', { mode: 'buffer' }),
    passSalt: text('pass_salt'),
    passOpslimit: integer('pass_opslimit'),
    passMemlimit: integer('pass_memlimit'),
    passAttemptsLeft: integer('pass_attempts_left'),
    /** Passphrase guesses being compared right now; together with the attempts left they bound
     *  how many guesses can ever be tested, however many arrive at once. */
    passChecks: integer('pass_checks').notNull().default(0),
    /** When the latest check was taken: checks older than a minute were left by a crash, and the
     *  sweeper gives them back (a check lasts as long as one comparison and one write). */
    passCheckedAt: integer('pass_checked_at'),
    expireAfterViews: integer('expire_after_views').notNull(),
    viewsRemaining: integer('views_remaining').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    endedAt: integer('ended_at'),
    endReason: text('end_reason').$type<EndReason>(),
    retrievalStep: integer('retrieval_step', { mode: 'boolean' }).notNull(),
    deletableByViewer: integer('deletable_by_viewer', { mode: 'boolean' }).notNull(),
    locale: text('locale'),
    size: integer('size').notNull(),
    /** Failed views of each capped reason, whether or not the trail kept an event for them: the
     *  trail keeps at most HUSHLINK_MAX_FAILED_VIEW_EVENTS per reason and says how many more came. */
    badLinkFailures: integer('bad_link_failures').notNull().default(0),
    endedFailures: integer('ended_failures').notNull().default(0),
    /** Random per-write marker: later statements of a batch act only if its first UPDATE won. */
    writeMark: text('write_mark'),
    /** The webhook told of this push's events (server/notify/), its body's format and HMAC key. */
    webhookUrl: text('webhook_url'),
    webhookFormat: text('webhook_format').$type<WebhookFormat>(),
    webhookSecret: text('webhook_secret'),
    /** When the latest failed-view notice is due: the next may not be due sooner than a window on. */
    failedNoticeAt: integer('failed_notice_at'),
    /** Events its signed-in creator wanted e-mailed when it was made (MAIL_BITS); 0: no mail. */
    mailEvents: integer('mail_events').notNull().default(0),
    /** failedNoticeAt of the e-mail channel: each channel gathers failed views on its own. */
    failedMailAt: integer('failed_mail_at'),
  },
  (t) => [
    index('pushes_active_expiry')
      .on(t.expiresAt)
      .where(sql`ended_at IS NULL`),
    index('pushes_ended_at')
      .on(t.endedAt)
      .where(sql`ended_at IS NOT NULL`),
  ],
)

export const ciphertexts = sqliteTable('ciphertexts', {
  pushId: text('push_id')
    .primaryKey()
    .references(() => pushes.id, { onDelete: 'cascade' }),
  data: blob('data', { mode: 'buffer' }).notNull(),
})

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pushId: text('push_id')
      .notNull()
      .references(() => pushes.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<EventKind>().notNull(),
    at: integer('at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    reason: text('reason'),
  },
  (t) => [
    index('events_push').on(t.pushId, t.id),
    // The admin overview's failed views per day and by address: only failed views (rate-limited)
    // pay for it, not the views, creates and ends that make up most of the table.
    index('events_failed_view')
      .on(t.at, t.ip)
      .where(sql`kind = 'failed_view'`),
  ],
)

/**
 * A file push's upload in rows of about 1 MiB, in order. Written while the upload streams in,
 * before its push row exists, so no route can see them until the upload is complete. No foreign
 * key for that reason: ending a push and the sweeper delete them explicitly.
 */
export const fileChunks = sqliteTable(
  'file_chunks',
  {
    pushId: text('push_id').notNull(),
    seq: integer('seq').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pushId, t.seq] })],
)

/** Uploads in progress: a row here whose time is long past is an abandoned upload to delete. */
export const fileUploads = sqliteTable('file_uploads', {
  pushId: text('push_id').primaryKey(),
  startedAt: integer('started_at').notNull(),
})

// File downloads in progress, one per view used. While a push has one, ending it keeps its
// file_chunks (the view was paid for); the download deletes them when it ends if the push has
// ended. Renewed at every row read: one past `expires_at` was left by a crash, and the sweeper
// deletes it and then the bytes nothing holds any more.
export const fileDownloads = sqliteTable(
  'file_downloads',
  {
    id: text('id').primaryKey(),
    pushId: text('push_id').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('file_downloads_push').on(t.pushId)],
)

/**
 * Requests (docs/protocol.md "Requests"): a public key and plaintext label a sender answers.
 * Answers are ordinary pushes, linked in request_answers; the request never holds a secret.
 */
export const requests = sqliteTable('requests', {
  id: text('id').primaryKey(),
  ownerTokenHash: blob('owner_token_hash', { mode: 'buffer' }).notNull(),
  publicKey: text('public_key').notNull(),
  label: text('label').notNull(),
  answersAllowed: integer('answers_allowed').notNull(),
  answersUsed: integer('answers_used').notNull().default(0),
  pushViews: integer('push_views').notNull(),
  pushSeconds: integer('push_seconds').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  closedAt: integer('closed_at'),
  closeReason: text('close_reason').$type<RequestCloseReason>(),
  writeMark: text('write_mark'),
})

export const requestAnswers = sqliteTable(
  'request_answers',
  {
    pushId: text('push_id').primaryKey(),
    requestId: text('request_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('request_answers_request').on(t.requestId, t.createdAt)],
)

export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull(),
    kind: text('kind').$type<RequestEventKind>().notNull(),
    at: integer('at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    reason: text('reason'),
  },
  (t) => [index('request_events_request').on(t.requestId, t.id)],
)

// Notifications to deliver, written in the batch of the event they tell of (outbox-statements.ts),
// so none is lost and none exists for an event rolled back. Deleted once delivered or given up;
// `claimed_until` is the lease of the worker that took it: one past it was left by a crash.
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The idempotency key (Hushlink-Delivery): the same on every attempt of this notification. */
    deliveryId: text('delivery_id').notNull(),
    pushId: text('push_id').notNull(),
    pushKind: text('push_kind').$type<PushKind>().notNull(),
    event: text('event').$type<EventKind>().notNull(),
    reason: text('reason'),
    at: integer('at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Failed views this notice stands for (they are gathered while it waits). */
    count: integer('count').notNull().default(1),
    /** The push's webhook (url, format, secret) or an e-mail to user_id (read when sent). */
    channel: text('channel').$type<'webhook' | 'email'>().notNull().default('webhook'),
    url: text('url'),
    format: text('format').$type<WebhookFormat>(),
    secret: text('secret'),
    userId: text('user_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    claimedUntil: integer('claimed_until'),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_due').on(t.nextAttemptAt), index('outbox_push').on(t.pushId)],
)

export type OutboxRow = typeof outbox.$inferSelect

export type RequestRow = typeof requests.$inferSelect

export type PushRow = typeof pushes.$inferSelect

export * from './account-schema'
export * from './admin-schema'
