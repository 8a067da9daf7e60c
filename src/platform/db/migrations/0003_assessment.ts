import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/** Versioned reference data of the dual-use pre-assessment (Annex I, areas, rules, weights, checklists) and stored assessments. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))

  await db.schema
    .createTable('reference_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('reference_versions_kind_key_version', ['kind', 'key', 'version'])
    .execute()

  await db.schema
    .createTable('annex_entries')
    .addColumn('version_id', 'text', (col) => col.notNull().references('reference_versions.id'))
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('heading', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('notes', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('annex_entries_pk', ['version_id', 'code'])
    .execute()

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('collaboration_version', 'integer', (col) => col.notNull())
    .addColumn('sheet_updated_at', 'text', (col) => col.notNull())
    .addColumn('risk_level', 'text', (col) => col.notNull())
    .addColumn('result', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('assessments_collaboration')
    .on('assessments')
    .columns(['collaboration_id', 'created_at'])
    .execute()
}
