import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/**
 * Results of full verifications of the audit chain (daily job, `liaison audit verify`), so that a
 * report can cite the last one instead of walking the whole chain on every download.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('audit_chain_checks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('checked_at', c.timestamp, (col) => col.notNull())
    .addColumn('ok', 'integer', (col) => col.notNull())
    /** How many entries were checked (from the first). */
    .addColumn('checked', 'integer', (col) => col.notNull())
    .addColumn('first_broken_seq', 'bigint')
    .addColumn('reason', 'text')
    .execute()
  await db.schema.createIndex('audit_chain_checks_at').on('audit_chain_checks').column('checked_at').execute()
}
