import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/** Who opened which case, when: read access to export-controlled descriptions is recorded. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('case_access_log')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('user_name', 'text', (col) => col.notNull())
    .addColumn('via', 'text', (col) => col.notNull())
    .addColumn('at', c.timestamp, (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('case_access_log_case')
    .on('case_access_log')
    .columns(['collaboration_id', 'at'])
    .execute()
}
