import type { Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { ContractDraftTable } from '../../platform/db/tables.js'

/** A stored contract draft. */
export type DraftRow = Selectable<ContractDraftTable>

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
