import type { Kysely } from 'kysely'

/**
 * Faster dashboard figures. The facts also hold each case's partners (country and name, from the sheet), so the
 * figures read one row per case instead of joining the partner index. The facts are derived data:
 * they are dropped here and derived again, with the partners, on the next dashboard request.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('report_case_facts').execute()
  /** JSON array of [country code or null, name] pairs, in the sheet's order. */
  await db.schema
    .alterTable('report_case_facts')
    .addColumn('partners', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute()
  // How long each office took: read from this index alone, without the reviews' texts.
  await db.schema
    .createIndex('office_reviews_durations')
    .on('office_reviews')
    .columns(['status', 'collaboration_id', 'participant', 'created_at', 'completed_at'])
    .execute()
}
