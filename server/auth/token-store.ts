// API tokens (`hlpat_…`) of signed-in users: shown once, kept as SHA-256, revoked by deletion.
import { tableReader, type Database } from '../db/sqlite'
import { apiTokens, users, type ApiTokenRow, type UserRow } from '../db/schema'
import { newApiToken, newUserId, secretHash } from './secrets'

/** How stale `last_used_at` may be before a use writes it again (one write per minute at most). */
const LAST_USED_GRANULARITY_MS = 60_000

export interface TokenInfo {
  id: string
  name: string
  createdAt: number
  lastUsedAt: number | null
}

const infoOf = ({ id, name, createdAt, lastUsedAt }: ApiTokenRow): TokenInfo => ({
  id,
  name,
  createdAt,
  lastUsedAt,
})

export function createTokenStore({ statements }: Database) {
  const tokenRow = tableReader(apiTokens)
  const userRow = tableReader(users)

  return {
    /** A new token; its secret is in the answer and nowhere else. */
    async createToken(userId: string, name: string, now: number) {
      const token = newApiToken()
      const id = newUserId()
      await statements.batch(
        [
          {
            sql: `INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at)
                  VALUES (?, ?, ?, ?, ?, NULL)`,
            args: [id, userId, name, secretHash(token), now],
          },
        ],
        'write',
      )
      return { token, info: { id, name, createdAt: now, lastUsedAt: null } as TokenInfo }
    },

    async listTokens(userId: string): Promise<TokenInfo[]> {
      const rs = await statements.execute({
        sql: `SELECT ${tokenRow.columns} FROM api_tokens WHERE user_id = ? ORDER BY created_at, id`,
        args: [userId],
      })
      return rs.rows.map((row) => infoOf(tokenRow.read(row)))
    },

    /** True if the user had this token (it is gone now). */
    async revokeToken(userId: string, id: string): Promise<boolean> {
      const [result] = await statements.batch(
        [{ sql: 'DELETE FROM api_tokens WHERE id = ? AND user_id = ?', args: [id, userId] }],
        'write',
      )
      return result.rowsAffected > 0
    },

    /** The user a token authenticates (and notes the use), or undefined for an unknown token. */
    async tokenUser(token: string, now: number): Promise<UserRow | undefined> {
      const hash = secretHash(token)
      const rs = await statements.execute({
        sql: `SELECT ${tokenRow.columns} FROM api_tokens WHERE token_hash = ?`,
        args: [hash],
      })
      if (!rs.rows.length) return undefined
      const row = tokenRow.read(rs.rows[0])
      if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_GRANULARITY_MS) {
        await statements.batch(
          [{ sql: 'UPDATE api_tokens SET last_used_at = ? WHERE id = ?', args: [now, row.id] }],
          'write',
        )
      }
      const user = await statements.execute({
        sql: `SELECT ${userRow.columns} FROM users WHERE id = ?`,
        args: [row.userId],
      })
      return user.rows.length ? userRow.read(user.rows[0]) : undefined
    },
  }
}

export type TokenStore = ReturnType<typeof createTokenStore>
