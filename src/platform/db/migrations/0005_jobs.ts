import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/** The database-backed job queue and the schedules of recurring work. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (col) => col.notNull())
    .addColumn('run_at', c.timestamp, (col) => col.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', c.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text', (col) => col.unique())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('finished_at', c.timestamp)
    .execute()
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute()

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('next_run_at', c.timestamp, (col) => col.notNull())
    .addColumn('last_run_at', c.timestamp)
    .addColumn('last_run_by', 'text')
    .execute()
}
