import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/**
 * Figures for the dashboard: what the data sheet and the newest pre-assessment say about a case,
 * kept as plain columns (derived data, refreshed from the sheet; never the source of truth), and
 * indexes for the figures' queries.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('report_case_facts')
    .addColumn('collaboration_id', 'text', (col) =>
      col.primaryKey().references('collaborations.id').onDelete('cascade'),
    )
    /** The collaboration's updated_at the facts were taken from. */
    .addColumn('source_updated_at', c.timestamp, (col) => col.notNull())
    .addColumn('assessment_id', 'text')
    .addColumn('assessment_created_at', c.timestamp)
    .addColumn('risk_level', 'text')
    /** Space-separated DFG subject area codes. */
    .addColumn('research_areas', 'text', (col) => col.notNull())
    /** JSON array of funder names. */
    .addColumn('funders', 'text', (col) => col.notNull())
    .addColumn('start_date', c.date)
    .addColumn('end_date', c.date)
    /** The decision's outcome, or null. */
    .addColumn('outcome', 'text')
    .execute()
  await db.schema
    .createIndex('report_case_facts_source')
    .on('report_case_facts')
    .column('source_updated_at')
    .execute()
  await db.schema
    .createIndex('report_case_facts_assessment')
    .on('report_case_facts')
    .column('assessment_created_at')
    .execute()
  // The figures read these columns of every case: an index holding them spares reading the sheets.
  await db.schema
    .createIndex('collaborations_report')
    .on('collaborations')
    .columns(['id', 'status', 'unit_id', 'trl', 'submitted_at', 'decided_at'])
    .execute()
  await db.schema
    .createIndex('office_reviews_objection')
    .on('office_reviews')
    .columns(['recommendation', 'collaboration_id'])
    .execute()
  await db.schema.createIndex('assessments_created').on('assessments').column('created_at').execute()
  await db.schema
    .createIndex('office_reviews_status_due')
    .on('office_reviews')
    .columns(['status', 'due_at'])
    .execute()
  await db.schema
    .createIndex('information_requests_case')
    .on('information_requests')
    .column('collaboration_id')
    .execute()
}
