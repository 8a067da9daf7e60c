import type { Kysely } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/** Collaborations (the case), their versions, members, partners, attachments; the questionnaire. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'integer', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('questionnaires')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('version', 'integer', (col) => col.notNull().unique())
    .addColumn('questions', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('collaborations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('reference', 'text', (col) => col.notNull().unique())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('acronym', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('unit_id', 'text', (col) => col.references('units.id'))
    .addColumn('trl', 'integer')
    .addColumn('sheet', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('decided_version', 'integer')
    .addColumn('status_before_amendment', 'text')
    .addColumn('follow_up_of', 'text', (col) => col.references('collaborations.id'))
    .addColumn('created_by', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('updated_at', c.timestamp, (col) => col.notNull())
    .addColumn('submitted_at', c.timestamp)
    .addColumn('decided_at', c.timestamp)
    .addColumn('decision', 'text')
    .execute()
  await db.schema.createIndex('collaborations_status').on('collaborations').column('status').execute()
  await db.schema.createIndex('collaborations_unit').on('collaborations').column('unit_id').execute()
  await db.schema.createIndex('collaborations_updated').on('collaborations').column('updated_at').execute()

  await db.schema
    .createTable('collaboration_members')
    .addColumn('collaboration_id', 'text', (col) =>
      col.notNull().references('collaborations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('collaboration_members_pk', ['collaboration_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('collaboration_members_user')
    .on('collaboration_members')
    .column('user_id')
    .execute()

  await db.schema
    .createTable('collaboration_partners')
    .addColumn('collaboration_id', 'text', (col) =>
      col.notNull().references('collaborations.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('partner_ref', 'text', (col) => col.notNull())
    .addColumn('name_original', 'text', (col) => col.notNull())
    .addColumn('name_english', 'text', (col) => col.notNull())
    .addColumn('country', 'text')
    .addColumn('kind', 'text')
    .addPrimaryKeyConstraint('collaboration_partners_pk', ['collaboration_id', 'position'])
    .execute()
  await db.schema
    .createIndex('collaboration_partners_country')
    .on('collaboration_partners')
    .column('country')
    .execute()

  await db.schema
    .createTable('collaboration_versions')
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('sheet', 'text', (col) => col.notNull())
    .addColumn('questionnaire_version', 'integer', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('collaboration_versions_pk', ['collaboration_id', 'version'])
    .execute()

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('collaboration_id', 'text', (col) => col.notNull().references('collaborations.id'))
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('storage_key', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('removed_at', c.timestamp)
    .execute()
  await db.schema
    .createIndex('attachments_collaboration')
    .on('attachments')
    .column('collaboration_id')
    .execute()
}
