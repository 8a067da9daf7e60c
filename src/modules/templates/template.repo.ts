import type { Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { ContractDraftTable, ContractTemplateVersionTable } from '../../platform/db/tables.js'

/** A stored template version. */
export type TemplateVersionRow = Selectable<ContractTemplateVersionTable>
/** A stored contract draft. */
export type DraftRow = Selectable<ContractDraftTable>

/** The newest version of every template in every language. */
export async function listCurrentVersions(db: Db): Promise<TemplateVersionRow[]> {
  const latest = db
    .selectFrom('contractTemplateVersions')
    .select(['templateKey', 'language'])
    .select((eb) => eb.fn.max('version').as('version'))
    .groupBy(['templateKey', 'language'])
    .as('latest')
  return db
    .selectFrom('contractTemplateVersions as v')
    .innerJoin(latest, (join) =>
      join
        .onRef('latest.templateKey', '=', 'v.templateKey')
        .onRef('latest.language', '=', 'v.language')
        .onRef('latest.version', '=', 'v.version'),
    )
    .selectAll('v')
    .orderBy('v.templateKey')
    .orderBy('v.language')
    .execute()
}

/** One version of a template (the newest without a version number). */
export async function findVersion(
  db: Db,
  key: string,
  language: string,
  version?: number,
): Promise<TemplateVersionRow | undefined> {
  let query = db
    .selectFrom('contractTemplateVersions')
    .selectAll()
    .where('templateKey', '=', key)
    .where('language', '=', language)
  query =
    version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version)
  return query.executeTakeFirst()
}

/** Every version of a template, newest first (without the text). */
export async function listVersions(db: Db, key: string, language: string) {
  return db
    .selectFrom('contractTemplateVersions')
    .select(['id', 'version', 'title', 'changeNote', 'createdByName', 'createdAt'])
    .where('templateKey', '=', key)
    .where('language', '=', language)
    .orderBy('version', 'desc')
    .execute()
}

/** Adds a template version. */
export async function insertVersion(db: Db, row: TemplateVersionRow): Promise<void> {
  await db.insertInto('contractTemplateVersions').values(row).execute()
}

/** Whether any template is stored (the shipped ones are imported into an empty table). */
export async function countVersions(db: Db): Promise<number> {
  const row = await db
    .selectFrom('contractTemplateVersions')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Records a generated draft. */
export async function insertDraft(db: Db, row: DraftRow): Promise<void> {
  await db.insertInto('contractDrafts').values(row).execute()
}

/** The drafts of a case, newest first. */
export async function listDrafts(db: Db, collaborationId: string): Promise<DraftRow[]> {
  return db
    .selectFrom('contractDrafts')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** One draft, or undefined. */
export async function findDraft(db: Db, id: string): Promise<DraftRow | undefined> {
  return db.selectFrom('contractDrafts').selectAll().where('id', '=', id).executeTakeFirst()
}
