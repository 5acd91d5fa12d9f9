// Users, sessions and sign-ins under way. Sessions are looked up on every signed-in request, so
// their queries go through the kept prepared statements, like the push store's.
import { tableReader, type Database } from '../db/sqlite'
import { loginAttempts, users, type UserRow } from '../db/schema'
import { newUserId, secretHash } from './secrets'

export type { UserRow }

export interface LoginAttempt {
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
}

/** The claims of a signed-in account that the server keeps. */
export interface Account {
  issuer: string
  subject: string
  email: string | null
  name: string | null
  /** The provider said `email_verified: true`. */
  emailVerified: boolean
  /** HUSHLINK_ADMIN_GROUP when the groups claim had it at this sign-in, else null. */
  adminGroup: string | null
}

export function createAccountStore({ statements }: Database) {
  const userRow = tableReader(users)
  const attemptRow = tableReader(loginAttempts)

  return {
    /** The user of this account, created on first sign-in; e-mail and name follow the provider. */
    async upsertUser(account: Account, now: number): Promise<UserRow> {
      await statements.batch(
        [
          {
            sql: `INSERT INTO users (id, issuer, subject, email, name, email_verified, admin_group,
                    created_at, signed_in_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (issuer, subject) DO UPDATE SET
                    email = excluded.email, name = excluded.name,
                    email_verified = excluded.email_verified, admin_group = excluded.admin_group,
                    signed_in_at = excluded.signed_in_at`,
            args: [
              newUserId(),
              account.issuer,
              account.subject,
              account.email,
              account.name,
              account.emailVerified ? 1 : 0,
              account.adminGroup,
              now,
              now,
            ],
          },
        ],
        'write',
      )
      const rs = await statements.execute({
        sql: `SELECT ${userRow.columns} FROM users WHERE issuer = ? AND subject = ?`,
        args: [account.issuer, account.subject],
      })
      return userRow.read(rs.rows[0])
    },

    /**
     * Which events of their pushes the user wants e-mailed (MAIL_BITS), and in which language
     * (undefined: unchanged). The language as now saved; undefined if no such user.
     */
    async setMailSettings(
      userId: string,
      mailEvents: number,
      mailLocale: string | null | undefined,
    ): Promise<{ mailLocale: string | null } | undefined> {
      const [updated] = await statements.batch(
        [
          mailLocale === undefined
            ? {
                sql: 'UPDATE users SET mail_events = ? WHERE id = ? RETURNING mail_locale',
                args: [mailEvents, userId],
              }
            : {
                sql: 'UPDATE users SET mail_events = ?, mail_locale = ? WHERE id = ? RETURNING mail_locale',
                args: [mailEvents, mailLocale, userId],
              },
        ],
        'write',
      )
      if (!updated.rows.length) return undefined
      const saved = updated.rows[0].mail_locale
      return { mailLocale: saved === null ? null : String(saved) }
    },

    async createSession(sessionId: string, userId: string, now: number, expiresAt: number) {
      await statements.batch(
        [
          { sql: 'DELETE FROM sessions WHERE expires_at <= ?', args: [now] },
          {
            sql: 'INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
            args: [secretHash(sessionId), userId, now, expiresAt],
          },
        ],
        'write',
      )
    },

    /** The user of a live session, or undefined (unknown, ended or expired). */
    async sessionUser(
      sessionId: string,
      now: number,
    ): Promise<{ user: UserRow; expiresAt: number } | undefined> {
      const hash = secretHash(sessionId)
      const rs = await statements.execute({
        sql: `SELECT ${userRow.columns}, s.expires_at AS session_expires_at
              FROM (SELECT user_id, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?) s
              JOIN users ON users.id = s.user_id`,
        args: [hash, now],
      })
      if (!rs.rows.length) return undefined
      return {
        user: userRow.read(rs.rows[0]),
        expiresAt: Number(rs.rows[0].session_expires_at),
      }
    },

    async endSession(sessionId: string): Promise<void> {
      await statements.batch(
        [{ sql: 'DELETE FROM sessions WHERE id_hash = ?', args: [secretHash(sessionId)] }],
        'write',
      )
    },

    async beginLogin(loginId: string, attempt: LoginAttempt, expiresAt: number, now: number) {
      await statements.batch(
        [
          { sql: 'DELETE FROM login_attempts WHERE expires_at <= ?', args: [now] },
          {
            sql: `INSERT INTO login_attempts (id_hash, state, nonce, code_verifier, return_to, expires_at)
                  VALUES (?, ?, ?, ?, ?, ?)`,
            args: [
              secretHash(loginId),
              attempt.state,
              attempt.nonce,
              attempt.codeVerifier,
              attempt.returnTo,
              expiresAt,
            ],
          },
        ],
        'write',
      )
    },

    /** Removes the sessions and sign-ins under way whose time is up (the sweeper's job). */
    async purgeExpired(now: number): Promise<void> {
      await statements.batch(
        [
          { sql: 'DELETE FROM sessions WHERE expires_at <= ?', args: [now] },
          { sql: 'DELETE FROM login_attempts WHERE expires_at <= ?', args: [now] },
        ],
        'write',
      )
    },

    /** Takes a sign-in under way, once: a second callback with the same cookie finds nothing. */
    async takeLogin(loginId: string, now: number): Promise<LoginAttempt | undefined> {
      const hash = secretHash(loginId)
      const [found] = await statements.batch(
        [
          {
            sql: `DELETE FROM login_attempts WHERE id_hash = ? AND expires_at > ?
                  RETURNING ${attemptRow.columns}`,
            args: [hash, now],
          },
        ],
        'write',
      )
      return found.rows.length ? attemptRow.read(found.rows[0]) : undefined
    },
  }
}

export type AccountStore = ReturnType<typeof createAccountStore>
