// The sign-in tables (re-exported by schema.ts, where drizzle-kit finds them): accounts,
// sessions, sign-ins under way, API tokens, and who created which push or request. Kept apart so
// the schema file stays within its size.
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * Sign-in (server/auth/). A user is one account at the OpenID provider (issuer + subject); the
 * e-mail and name are as the provider last gave them. Nothing here is needed to open a link.
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    email: text('email'),
    name: text('name'),
    /** What makes an admin (server/admin/admin-config.ts), as of the last sign-in. */
    emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
    adminGroup: text('admin_group'),
    createdAt: integer('created_at').notNull(),
    signedInAt: integer('signed_in_at').notNull(),
    /** Events of the user's pushes e-mailed to them (MAIL_BITS, outbox-statements.ts); 0 at first. */
    mailEvents: integer('mail_events').notNull().default(0),
    /** The language of those e-mails: a shipped locale as the web app last sent it; null: English. */
    mailLocale: text('mail_locale'),
  },
  (t) => [uniqueIndex('users_account').on(t.issuer, t.subject)],
)

/** Sessions: only the SHA-256 of the cookie's random id is kept, so a stolen table opens none. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: blob('id_hash', { mode: 'buffer' }).primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
)

/** A sign-in under way: what the callback must check (state, nonce, PKCE verifier), ten minutes. */
export const loginAttempts = sqliteTable('login_attempts', {
  idHash: blob('id_hash', { mode: 'buffer' }).primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull(),
  expiresAt: integer('expires_at').notNull(),
})

/** API tokens (`hlpat_…`): only the SHA-256 of the token is kept; revoking deletes the row. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: blob('token_hash', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_user').on(t.userId)],
)

/**
 * Who created a push or a request while signed in: the server learns who, never what (no label,
 * link or key). A row whose push or request was purged is skipped by the lists, which join on it,
 * and deleted the next time its owner lists.
 */
export const pushOwners = sqliteTable(
  'push_owners',
  {
    pushId: text('push_id').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('push_owners_user').on(t.userId, t.createdAt)],
)

export const requestOwners = sqliteTable(
  'request_owners',
  {
    requestId: text('request_id').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('request_owners_user').on(t.userId, t.createdAt)],
)

export type UserRow = typeof users.$inferSelect
export type ApiTokenRow = typeof apiTokens.$inferSelect
