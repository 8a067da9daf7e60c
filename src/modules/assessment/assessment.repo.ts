import type { Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { AnnexEntryTable, AssessmentTable, ReferenceVersionTable } from '../../platform/db/tables.js'
import type { AnnexEntry } from './assessment.schema.js'

/** A stored reference version. */
export type ReferenceVersionRow = Selectable<ReferenceVersionTable>

/** The newest version of a kind (and key), or undefined. */
export async function findLatestVersion(
  db: Db,
  kind: string,
  key = '',
): Promise<ReferenceVersionRow | undefined> {
  return db
    .selectFrom('referenceVersions')
    .selectAll()
    .where('kind', '=', kind)
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** One version of a kind (and key), or undefined. */
export async function findVersion(
  db: Db,
  kind: string,
  key: string,
  version: number,
): Promise<ReferenceVersionRow | undefined> {
  return db
    .selectFrom('referenceVersions')
    .selectAll()
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst()
}

/** The newest version of every key of a kind (checklists), ordered by key. */
export async function listLatestByKey(db: Db, kind: string): Promise<ReferenceVersionRow[]> {
  const rows = await db
    .selectFrom('referenceVersions')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute()
  const newest = new Map<string, ReferenceVersionRow>()
  for (const row of rows) if (!newest.has(row.key)) newest.set(row.key, row)
  return [...newest.values()]
}

/** Every stored version (without content), newest first within each kind. */
export async function listVersions(db: Db): Promise<Omit<ReferenceVersionRow, 'content'>[]> {
  return db
    .selectFrom('referenceVersions')
    .select(['id', 'kind', 'key', 'version', 'label', 'contentHash', 'createdAt', 'createdBy'])
    .orderBy('kind')
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute()
}

/** Inserts a reference version. */
export async function insertVersion(trx: Db, row: ReferenceVersionTable): Promise<void> {
  await trx.insertInto('referenceVersions').values(row).execute()
}

/** Inserts the entries of an Annex version. */
export async function insertAnnexEntries(
  trx: Db,
  versionId: string,
  entries: readonly AnnexEntry[],
): Promise<void> {
  const rows: AnnexEntryTable[] = entries.map((entry) => ({
    versionId,
    code: entry.code,
    category: entry.category,
    heading: entry.heading,
    text: entry.text,
    notes: JSON.stringify(entry.notes),
  }))
  // Bounded batches keep each statement under the bind-parameter limits of both databases.
  for (let start = 0; start < rows.length; start += 200) {
    await trx
      .insertInto('annexEntries')
      .values(rows.slice(start, start + 200))
      .execute()
  }
}

/** Every entry of an Annex version, by code. */
export async function listAnnexEntries(db: Db, versionId: string): Promise<AnnexEntry[]> {
  const rows = await db
    .selectFrom('annexEntries')
    .selectAll()
    .where('versionId', '=', versionId)
    .orderBy('code')
    .execute()
  return rows.map(toAnnexEntry)
}

/** One entry of an Annex version, or undefined. */
export async function findAnnexEntry(
  db: Db,
  versionId: string,
  code: string,
): Promise<AnnexEntry | undefined> {
  const row = await db
    .selectFrom('annexEntries')
    .selectAll()
    .where('versionId', '=', versionId)
    .where('code', '=', code)
    .executeTakeFirst()
  return row ? toAnnexEntry(row) : undefined
}

function toAnnexEntry(row: Selectable<AnnexEntryTable>): AnnexEntry {
  const notes: unknown = JSON.parse(row.notes)
  return {
    code: row.code,
    category: row.category,
    heading: row.heading,
    text: row.text,
    notes: Array.isArray(notes) ? notes.map(String) : [],
  }
}

/** Inserts a stored assessment. */
export async function insertAssessment(trx: Db, row: AssessmentTable): Promise<void> {
  await trx.insertInto('assessments').values(row).execute()
}

/** The newest assessment of a collaboration, or undefined. */
export async function findLatestAssessment(
  db: Db,
  collaborationId: string,
): Promise<Selectable<AssessmentTable> | undefined> {
  return db
    .selectFrom('assessments')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The risk level of each case's newest assessment, for the given cases. */
export async function findLatestRiskLevels(
  db: Db,
  collaborationIds: readonly string[],
): Promise<Map<string, string>> {
  const levels = new Map<string, string>()
  if (collaborationIds.length === 0) return levels
  const rows = await db
    .selectFrom('assessments')
    .select(['collaborationId', 'riskLevel', 'createdAt', 'id'])
    .where('collaborationId', 'in', [...collaborationIds])
    .orderBy('createdAt', 'asc')
    .orderBy('id', 'asc')
    .execute()
  // Ascending order: the newest assessment of each case is written last.
  for (const row of rows) levels.set(row.collaborationId, row.riskLevel)
  return levels
}
