import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/** The review process: configuration versions, office reviews, requests, discussion, obligations. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema
    .createTable('process_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('version', 'integer', (col) => col.notNull().unique())
    .addColumn('config', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('office_reviews')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('round', 'integer', (col) => col.notNull())
    .addColumn('process_version', 'integer', (col) => col.notNull())
    .addColumn('participant', 'text', (col) => col.notNull())
    .addColumn('does', 'text', (col) => col.notNull())
    .addColumn('reasons', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('due_at', c.timestamp, (col) => col.notNull())
    .addColumn('paused_since', c.timestamp)
    .addColumn('remaining_working_days', 'integer')
    .addColumn('findings', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('recommendation', 'text')
    .addColumn('conditions', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('completed_at', c.timestamp)
    .addColumn('completed_by', 'text')
    .addColumn('reminded_at', c.timestamp)
    .addColumn('escalated_at', c.timestamp)
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('office_reviews_case')
    .on('office_reviews')
    .columns(['collaboration_id', 'round'])
    .execute()
  await db.schema
    .createIndex('office_reviews_queue')
    .on('office_reviews')
    .columns(['participant', 'status'])
    .execute()

  await db.schema
    .createTable('information_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('review_id', 'text', (col) => col.notNull().references('office_reviews.id'))
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('question', 'text', (col) => col.notNull())
    .addColumn('asked_by', 'text', (col) => col.notNull())
    .addColumn('asked_at', c.timestamp, (col) => col.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', c.timestamp)
    .execute()
  await db.schema
    .createIndex('information_requests_review')
    .on('information_requests')
    .column('review_id')
    .execute()

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('author_id', 'text', (col) => col.notNull())
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('is_internal', 'integer', (col) => col.notNull())
    .addColumn('mentions', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('messages_case')
    .on('messages')
    .columns(['collaboration_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('obligations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('due_at', c.timestamp)
    .addColumn('confirmer_office', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('fulfilled_at', c.timestamp)
    .addColumn('fulfilled_by', 'text')
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .execute()
  await db.schema.createIndex('obligations_case').on('obligations').column('collaboration_id').execute()

  await db.schema
    .createTable('funder_notices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('recipients', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('sent_at', c.timestamp, (col) => col.notNull())
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .execute()
}
