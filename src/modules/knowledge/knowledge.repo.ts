import { type Insertable, type Selectable, sql, type Updateable } from 'kysely'
import type { Dialect } from '../../platform/db/columns.js'
import type { Db } from '../../platform/db/database.js'
import type {
  KnowledgeBundleImportTable,
  KnowledgeCommentTable,
  KnowledgeDocumentTable,
  KnowledgeSigningKeyTable,
  KnowledgeTrustedKeyTable,
  KnowledgeVersionTable,
} from '../../platform/db/tables.js'

/** A document row. */
export type DocumentRow = Selectable<KnowledgeDocumentTable>
/** A version row. */
export type VersionRow = Selectable<KnowledgeVersionTable>
/** A comment row. */
export type CommentRow = Selectable<KnowledgeCommentTable>

// ---- documents and versions

/** One document by id, or undefined. */
export async function findDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('knowledgeDocuments').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Every language of a slug. */
export async function listDocumentsBySlug(db: Db, slug: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('knowledgeDocuments')
    .selectAll()
    .where('slug', '=', slug)
    .orderBy('language')
    .execute()
}

/** Stores a new document. */
export async function insertDocument(trx: Db, row: Insertable<KnowledgeDocumentTable>): Promise<void> {
  await trx.insertInto('knowledgeDocuments').values(row).execute()
}

/**
 * Changes a document only if its current version is still `baseVersion`; answers whether it did.
 * The condition in the UPDATE makes two concurrent saves on the same base exclusive on both databases.
 */
export async function updateDocumentAtVersion(
  trx: Db,
  id: string,
  baseVersion: number,
  patch: Updateable<KnowledgeDocumentTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('knowledgeDocuments')
    .set(patch)
    .where('id', '=', id)
    .where('currentVersion', '=', baseVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Changes a document unconditionally (review marks, reminders). */
export async function updateDocument(
  trx: Db,
  id: string,
  patch: Updateable<KnowledgeDocumentTable>,
): Promise<void> {
  await trx.updateTable('knowledgeDocuments').set(patch).where('id', '=', id).execute()
}

/** Stores a version. */
export async function insertVersion(trx: Db, row: Insertable<KnowledgeVersionTable>): Promise<void> {
  await trx.insertInto('knowledgeVersions').values(row).execute()
}

/** One version of a document, or undefined. */
export async function findVersion(
  db: Db,
  documentId: string,
  version: number,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom('knowledgeVersions')
    .selectAll()
    .where('documentId', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst()
}

/** Every version of a document, newest first. */
export async function listVersions(db: Db, documentId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('knowledgeVersions')
    .selectAll()
    .where('documentId', '=', documentId)
    .orderBy('version', 'desc')
    .execute()
}

/** Filters the repo understands for listing documents. */
export interface DocumentFilter {
  kind?: string
  language?: string
  tag?: string
  researchArea?: string
  audiences: readonly string[]
  dueOn?: string
  ids?: readonly string[]
  limit: number
}

/** Documents matching the filter, most recently changed first. */
export async function listDocuments(db: Db, filter: DocumentFilter): Promise<DocumentRow[]> {
  let query = db
    .selectFrom('knowledgeDocuments')
    .selectAll()
    .where('audience', 'in', [...filter.audiences])
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.language) query = query.where('language', '=', filter.language)
  // Tags and areas are JSON arrays of plain strings; the quoted value matches one element exactly.
  if (filter.tag) query = query.where('tags', 'like', `%${JSON.stringify(filter.tag.toLowerCase())}%`)
  if (filter.researchArea) query = query.where('researchAreas', 'like', `%"${filter.researchArea}%`)
  if (filter.dueOn) query = query.where('nextReviewOn', '<=', filter.dueOn)
  if (filter.ids) {
    if (filter.ids.length === 0) return []
    query = query.where('id', 'in', [...filter.ids])
  }
  return query.orderBy('updatedAt', 'desc').orderBy('id').limit(filter.limit).execute()
}

/** Documents whose review date has come and whose owner was not yet reminded of this date. */
export async function listDueUnreminded(db: Db, today: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('knowledgeDocuments')
    .selectAll()
    .where('nextReviewOn', '<=', today)
    .where((eb) =>
      eb.or([eb('reviewRemindedFor', 'is', null), eb('reviewRemindedFor', '<>', eb.ref('nextReviewOn'))]),
    )
    .orderBy('nextReviewOn')
    .execute()
}

// ---- full-text index

/** Puts the document's current text into the full-text index of the dialect. */
export async function indexDocument(trx: Db, dialect: Dialect, row: DocumentRow): Promise<void> {
  const tags = (JSON.parse(row.tags) as string[]).join(' ')
  if (dialect === 'sqlite') {
    await trx.deleteFrom('knowledgeFts').where('documentId', '=', row.id).execute()
    await trx
      .insertInto('knowledgeFts')
      .values({ documentId: row.id, title: row.title, summary: row.summary, tags, body: row.body })
      .execute()
    return
  }
  const config = row.language === 'de' ? 'german' : 'english'
  await sql`update knowledge_documents set search_vector =
      setweight(to_tsvector(${config}::regconfig, ${row.title}), 'A') ||
      setweight(to_tsvector(${config}::regconfig, ${`${row.summary} ${tags}`}), 'B') ||
      setweight(to_tsvector(${config}::regconfig, ${row.body}), 'C')
    where id = ${row.id}`.execute(trx)
}

/** A full-text match with the database's rank and highlighted texts (markers \u0002 … \u0003). */
export interface TextMatch {
  id: string
  rank: number
  titleHit: boolean
  titleMarked: string
  snippetMarked: string
}

/** Marks the start of a highlighted hit in texts the database returns. */
export const hitStart = '\u0002'
/** Marks the end of a highlighted hit. */
export const hitEnd = '\u0003'

/**
 * Documents matching the words (each a prefix, all required), best first by the database's ranking.
 * `words` contain only letters and digits, so they are safe inside the query syntax.
 */
export async function searchText(db: Db, dialect: Dialect, words: readonly string[]): Promise<TextMatch[]> {
  if (words.length === 0) return []
  if (dialect === 'sqlite') {
    const match = words.map((word) => `"${word}"*`).join(' ')
    // bm25 weights per column: document_id, title, summary, tags, body. Lower is better.
    const result = await sql<{
      id: string
      rank: number
      titleMarked: string
      summaryMarked: string
      bodyMarked: string
    }>`select document_id as id,
        bm25(knowledge_fts, 0.0, 10.0, 4.0, 4.0, 1.0) as rank,
        highlight(knowledge_fts, 1, ${hitStart}, ${hitEnd}) as title_marked,
        snippet(knowledge_fts, 2, ${hitStart}, ${hitEnd}, '…', 24) as summary_marked,
        snippet(knowledge_fts, 4, ${hitStart}, ${hitEnd}, '…', 24) as body_marked
      from knowledge_fts where knowledge_fts match ${match}
      order by rank limit 500`.execute(db)
    return result.rows.map((row) => ({
      id: row.id,
      rank: -row.rank,
      titleHit: row.titleMarked.includes(hitStart),
      titleMarked: row.titleMarked,
      snippetMarked:
        row.bodyMarked.includes(hitStart) || !row.summaryMarked.includes(hitStart)
          ? row.bodyMarked
          : row.summaryMarked,
    }))
  }
  const prefixQuery = words.map((word) => `${word}:*`).join(' & ')
  const marks = `StartSel=${hitStart}, StopSel=${hitEnd}`
  const result = await sql<{
    id: string
    rank: number
    titleHit: boolean
    titleMarked: string
    snippetMarked: string
  }>`with q as (
        select to_tsquery('german', ${prefixQuery}) || to_tsquery('english', ${prefixQuery}) as query
      )
      select d.id, ts_rank('{0.1, 0.2, 0.4, 1.0}', d.search_vector, q.query) as rank,
        to_tsvector(case when d.language = 'de' then 'german'::regconfig else 'english'::regconfig end, d.title) @@ q.query as title_hit,
        ts_headline(case when d.language = 'de' then 'german'::regconfig else 'english'::regconfig end,
          d.title, q.query, ${`${marks}, HighlightAll=true`}) as title_marked,
        ts_headline(case when d.language = 'de' then 'german'::regconfig else 'english'::regconfig end,
          d.summary || ' … ' || d.body, q.query,
          ${`${marks}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet_marked
      from knowledge_documents d, q
      where d.search_vector @@ q.query
      order by rank desc limit 500`.execute(db)
  return result.rows.map((row) => ({ ...row, rank: Number(row.rank) }))
}

/** Documents containing the text as a substring (for Chinese and other text without word breaks). */
export async function searchSubstring(db: Db, dialect: Dialect, text: string): Promise<DocumentRow[]> {
  const pattern = `%${text.replaceAll('\\', '\\\\').replaceAll('%', '\\%').replaceAll('_', '\\_')}%`
  const operator = dialect === 'postgres' ? 'ilike' : 'like'
  return db
    .selectFrom('knowledgeDocuments')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb(sql`title`, operator, sql`${pattern} escape '\\'`),
        eb(sql`summary`, operator, sql`${pattern} escape '\\'`),
        eb(sql`body`, operator, sql`${pattern} escape '\\'`),
      ]),
    )
    .limit(500)
    .execute()
}

// ---- comments

/** Stores a comment. */
export async function insertComment(trx: Db, row: Insertable<KnowledgeCommentTable>): Promise<void> {
  await trx.insertInto('knowledgeComments').values(row).execute()
}

/** One comment, or undefined. */
export async function findComment(db: Db, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('knowledgeComments').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Every comment on a document, oldest first. */
export async function listComments(db: Db, documentId: string): Promise<CommentRow[]> {
  return db
    .selectFrom('knowledgeComments')
    .selectAll()
    .where('documentId', '=', documentId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
}

/** Marks a comment answered. */
export async function markCommentAnswered(trx: Db, id: string, at: string, by: string): Promise<void> {
  await trx
    .updateTable('knowledgeComments')
    .set({ answeredAt: at, answeredBy: by })
    .where('id', '=', id)
    .execute()
}

// ---- bundle keys and imports

/** The institution's signing key, or undefined before the first export. */
export async function findSigningKey(db: Db): Promise<Selectable<KnowledgeSigningKeyTable> | undefined> {
  return db.selectFrom('knowledgeSigningKeys').selectAll().orderBy('createdAt').limit(1).executeTakeFirst()
}

/** Stores the signing key. */
export async function insertSigningKey(trx: Db, row: KnowledgeSigningKeyTable): Promise<void> {
  await trx.insertInto('knowledgeSigningKeys').values(row).execute()
}

/** A trusted key by fingerprint, or undefined. */
export async function findTrustedKey(
  db: Db,
  fingerprint: string,
): Promise<Selectable<KnowledgeTrustedKeyTable> | undefined> {
  return db
    .selectFrom('knowledgeTrustedKeys')
    .selectAll()
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst()
}

/** Every trusted key. */
export async function listTrustedKeys(db: Db): Promise<Selectable<KnowledgeTrustedKeyTable>[]> {
  return db.selectFrom('knowledgeTrustedKeys').selectAll().orderBy('confirmedAt').execute()
}

/** Trusts a key. */
export async function insertTrustedKey(trx: Db, row: KnowledgeTrustedKeyTable): Promise<void> {
  await trx.insertInto('knowledgeTrustedKeys').values(row).execute()
}

/** Stages an uploaded bundle. */
export async function insertBundleImport(trx: Db, row: KnowledgeBundleImportTable): Promise<void> {
  await trx.insertInto('knowledgeBundleImports').values(row).execute()
}

/** A staged import, or undefined. */
export async function findBundleImport(
  db: Db,
  id: string,
): Promise<Selectable<KnowledgeBundleImportTable> | undefined> {
  return db.selectFrom('knowledgeBundleImports').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Changes a staged import's status only if it is still staged; answers whether it did. */
export async function settleBundleImport(trx: Db, id: string, status: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('knowledgeBundleImports')
    .set({ status, appliedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'staged')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
