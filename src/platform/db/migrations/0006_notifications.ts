import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/** In-app notifications with their e-mail state; each user's delivery preference. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('link', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('read_at', c.timestamp)
    .addColumn('email_status', 'text', (col) => col.notNull())
    .addColumn('emailed_at', c.timestamp)
    .execute()
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute()
  await db.schema.createIndex('notifications_email').on('notifications').column('email_status').execute()
  await db.schema
    .alterTable('users')
    .addColumn('notify_mode', 'text', (col) => col.notNull().defaultTo('immediate'))
    .execute()
}
