// The admin log's table (re-exported by schema.ts, where drizzle-kit finds it): every admin action,
// who took it and on which push. Kept apart so the schema file stays within its size.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { AdminAction } from '../../src/lib/protocol'

/** Read newest first by id; kept as long as the instance (an operator's record, a few rows). */
export const adminLog = sqliteTable('admin_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The admin's e-mail as the provider gave it at sign-in. */
  email: text('email').notNull(),
  action: text('action').$type<AdminAction>().notNull(),
  pushId: text('push_id'),
  at: integer('at').notNull(),
})

export type AdminLogRow = typeof adminLog.$inferSelect
