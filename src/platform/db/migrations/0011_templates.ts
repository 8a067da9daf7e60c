import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/**
 * The contract drafts generated from cases, each naming the template (a knowledge document of kind
 * `template`) and the version of it that was used.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('contract_drafts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('template_key', 'text', (col) => col.notNull())
    .addColumn('template_title', 'text', (col) => col.notNull())
    .addColumn('template_version_id', 'text', (col) => col.notNull())
    .addColumn('template_version', 'integer', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('storage_key', 'text', (col) => col.notNull())
    .addColumn('case_version', 'integer', (col) => col.notNull())
    .addColumn('missing_values', 'integer', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_by_name', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('contract_drafts_case')
    .on('contract_drafts')
    .columns(['collaboration_id', 'created_at'])
    .execute()
}
