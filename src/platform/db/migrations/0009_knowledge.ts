import { type Kysely, sql } from 'kysely'
import { columns, dialectOf } from '../columns.js'

/**
 * Living knowledge: documents with every save as a version, comments, the full-text index,
 * the institution's bundle signing key, trusted keys of other institutions and staged imports.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db)
  const c = columns(dialect)
  await db.schema
    .createTable('knowledge_documents')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('owner_office', 'text')
    .addColumn('owner_user_id', 'text')
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('tags', 'text', (col) => col.notNull())
    .addColumn('research_areas', 'text', (col) => col.notNull())
    .addColumn('review_interval_months', 'integer', (col) => col.notNull())
    .addColumn('next_review_on', c.date, (col) => col.notNull())
    .addColumn('last_reviewed_at', c.timestamp)
    .addColumn('last_reviewed_by', 'text')
    .addColumn('jurisdiction', 'text')
    .addColumn('effective_date', c.date)
    .addColumn('topics', 'text', (col) => col.notNull())
    .addColumn('current_version', 'integer', (col) => col.notNull())
    .addColumn('current_version_id', 'text', (col) => col.notNull())
    /** The review date the owner was last reminded of (one reminder per due period). */
    .addColumn('review_reminded_for', c.date)
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('updated_at', c.timestamp, (col) => col.notNull())
    .addUniqueConstraint('knowledge_documents_slug_language', ['slug', 'language'])
    .execute()
  await db.schema
    .createIndex('knowledge_documents_review')
    .on('knowledge_documents')
    .column('next_review_on')
    .execute()

  await db.schema
    .createTable('knowledge_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('document_id', 'text', (col) => col.notNull().references('knowledge_documents.id'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    /** Everything else that describes the document at this version, as JSON. */
    .addColumn('metadata', 'text', (col) => col.notNull())
    .addColumn('change_note', 'text', (col) => col.notNull())
    .addColumn('restored_from', 'integer')
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_by_name', 'text', (col) => col.notNull())
    .addUniqueConstraint('knowledge_versions_document_version', ['document_id', 'version'])
    .execute()

  await db.schema
    .createTable('knowledge_comments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('document_id', 'text', (col) => col.notNull().references('knowledge_documents.id'))
    .addColumn('parent_id', 'text')
    .addColumn('author_id', 'text', (col) => col.notNull())
    .addColumn('author_name', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('answered_at', c.timestamp)
    .addColumn('answered_by', 'text')
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('knowledge_comments_document')
    .on('knowledge_comments')
    .columns(['document_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('knowledge_signing_keys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('public_key', 'text', (col) => col.notNull())
    .addColumn('private_key', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('knowledge_trusted_keys')
    .addColumn('fingerprint', 'text', (col) => col.primaryKey())
    .addColumn('public_key', 'text', (col) => col.notNull())
    .addColumn('institution', 'text', (col) => col.notNull())
    .addColumn('confirmed_by', 'text', (col) => col.notNull())
    .addColumn('confirmed_at', c.timestamp, (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('knowledge_bundle_imports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('bundle', 'text', (col) => col.notNull())
    .addColumn('fingerprint', 'text', (col) => col.notNull())
    .addColumn('institution', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', c.timestamp, (col) => col.notNull())
    .addColumn('applied_at', c.timestamp)
    .execute()

  if (dialect === 'sqlite') {
    // Raw SQL (covered by the search tests on both databases): FTS5 virtual tables have no schema builder.
    // porter + unicode61 stems English and folds umlauts and accents for German.
    await sql`create virtual table knowledge_fts using fts5(document_id unindexed, title, summary, tags, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
      db,
    )
  } else {
    // Raw SQL (covered by the search tests on both databases): a weighted tsvector, maintained by the repo
    // with the 'german' or 'english' configuration by document language, and its GIN index.
    await sql`alter table knowledge_documents add column search_vector tsvector`.execute(db)
    await sql`create index knowledge_documents_search on knowledge_documents using gin (search_vector)`.execute(
      db,
    )
  }
}
