import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/**
 * Trainings: module versions (content as JSON), attempts (a passed attempt is a completion valid
 * until a date), obligations configured by admins, sent renewal reminders and the submission setting.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('training_module_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('content_version', 'integer', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('training_module_versions_key_version', ['key', 'version'])
    .execute()
  await db.schema
    .createTable('training_attempts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('module_key', 'text', (col) => col.notNull())
    .addColumn('module_version', 'integer', (col) => col.notNull())
    .addColumn('correct_count', 'integer', (col) => col.notNull())
    .addColumn('question_count', 'integer', (col) => col.notNull())
    .addColumn('passed', 'integer', (col) => col.notNull())
    .addColumn('answers', 'text', (col) => col.notNull())
    .addColumn('taken_at', c.timestamp, (col) => col.notNull())
    .addColumn('valid_until', c.timestamp)
    .execute()
  await db.schema
    .createIndex('training_attempts_user_module')
    .on('training_attempts')
    .columns(['user_id', 'module_key', 'taken_at'])
    .execute()
  await db.schema
    .createTable('training_obligations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('module_key', 'text', (col) => col.notNull())
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('training_reminders')
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('module_key', 'text', (col) => col.notNull())
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('stage', 'text', (col) => col.notNull())
    .addColumn('sent_at', c.timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('training_reminders_pk', ['user_id', 'module_key', 'period', 'stage'])
    .execute()
  await db.schema
    .createTable('training_settings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('enforcement', 'text', (col) => col.notNull())
    .addColumn('updated_at', c.timestamp, (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .execute()
}
