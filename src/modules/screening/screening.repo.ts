import type { Db } from '../../platform/db/database.js'
import type {
  ScreeningDispositionTable,
  ScreeningEntryTable,
  ScreeningHitTable,
  ScreeningListTable,
  ScreeningListVersionTable,
  ScreeningPartnerTable,
  ScreeningRunTable,
} from '../../platform/db/tables.js'

/** A list row with its newest version, if any. */
export interface ListWithVersion {
  list: ScreeningListTable
  version: ScreeningListVersionTable | null
}

/** Every list with its current (newest) version. */
export async function listListsWithVersions(db: Db): Promise<ListWithVersion[]> {
  const lists = await db.selectFrom('screeningLists').selectAll().orderBy('key').execute()
  const versions = await db
    .selectFrom('screeningListVersions')
    .selectAll()
    .orderBy('version', 'desc')
    .execute()
  return lists.map((list) => ({
    list,
    version: versions.find((version) => version.listId === list.id) ?? null,
  }))
}

/** The list with that key, if any. */
export async function findListByKey(db: Db, key: string) {
  return db.selectFrom('screeningLists').selectAll().where('key', '=', key).executeTakeFirst()
}

/** The list with that id, if any. */
export async function findList(db: Db, id: string) {
  return db.selectFrom('screeningLists').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Adds a list. */
export async function insertList(db: Db, row: ScreeningListTable): Promise<void> {
  await db.insertInto('screeningLists').values(row).execute()
}

/** The newest version of a list, if any. */
export async function findCurrentVersion(db: Db, listId: string) {
  return db
    .selectFrom('screeningListVersions')
    .selectAll()
    .where('listId', '=', listId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The version with that id, if any. */
export async function findVersion(db: Db, id: string) {
  return db.selectFrom('screeningListVersions').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Every version of a list, newest first. */
export async function listVersions(db: Db, listId: string) {
  return db
    .selectFrom('screeningListVersions')
    .selectAll()
    .where('listId', '=', listId)
    .orderBy('version', 'desc')
    .execute()
}

/** Adds a version with its entries and changes. */
export async function insertVersion(
  db: Db,
  version: ScreeningListVersionTable,
  entries: ScreeningEntryTable[],
  changes: { entityKey: string; change: string; name: string }[],
): Promise<void> {
  await db.insertInto('screeningListVersions').values(version).execute()
  // Batches stay below the bound-parameter limits of both databases.
  for (let start = 0; start < entries.length; start += 500) {
    await db
      .insertInto('screeningEntries')
      .values(entries.slice(start, start + 500))
      .execute()
  }
  for (let start = 0; start < changes.length; start += 1000) {
    await db
      .insertInto('screeningListChanges')
      .values(changes.slice(start, start + 1000).map((change) => ({ ...change, versionId: version.id })))
      .execute()
  }
}

/** The entries of a version. */
export async function listEntries(
  db: Db,
  versionId: string,
  query: { q?: string; limit?: number; offset?: number } = {},
) {
  let select = db.selectFrom('screeningEntries').selectAll().where('versionId', '=', versionId)
  if (query.q) select = select.where('name', 'like', `%${query.q.replace(/[%_]/g, '')}%`)
  if (query.limit !== undefined) select = select.limit(query.limit).offset(query.offset ?? 0)
  return select.orderBy('name').execute()
}

/** The entries of several versions (for the index). */
export async function listEntriesOfVersions(
  db: Db,
  versionIds: readonly string[],
): Promise<ScreeningEntryTable[]> {
  if (versionIds.length === 0) return []
  return db
    .selectFrom('screeningEntries')
    .selectAll()
    .where('versionId', 'in', [...versionIds])
    .execute()
}

/** The changes a version made. */
export async function listChanges(db: Db, versionId: string) {
  return db
    .selectFrom('screeningListChanges')
    .selectAll()
    .where('versionId', '=', versionId)
    .orderBy('change')
    .orderBy('name')
    .execute()
}

/** Partners of collaborations in the given statuses, with their sheet names and register links. */
export async function listCollaborationPartners(
  db: Db,
  filter: { collaborationId?: string; statuses?: readonly string[] },
) {
  let select = db
    .selectFrom('collaborationPartners as p')
    .innerJoin('collaborations as c', 'c.id', 'p.collaborationId')
    .leftJoin('screeningPartnerLinks as l', (join) =>
      join.onRef('l.collaborationId', '=', 'p.collaborationId').onRef('l.partnerRef', '=', 'p.partnerRef'),
    )
    .select([
      'p.collaborationId',
      'p.partnerRef',
      'p.nameOriginal',
      'p.nameEnglish',
      'p.country',
      'p.position',
      'c.status',
      'l.partnerId',
    ])
  if (filter.collaborationId) select = select.where('p.collaborationId', '=', filter.collaborationId)
  if (filter.statuses) select = select.where('c.status', 'in', [...filter.statuses])
  return select.orderBy('p.collaborationId').orderBy('p.position').execute()
}

/** The members of a collaboration (to notify them). */
export async function listMemberIds(db: Db, collaborationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('collaborationMembers')
    .select('userId')
    .where('collaborationId', '=', collaborationId)
    .execute()
  return rows.map((row) => row.userId)
}

/** Users holding a role (to notify reviewers). */
export async function listUserIdsWithRole(db: Db, roles: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('userRoles')
    .select('userId')
    .where('role', 'in', [...roles])
    .execute()
  return [...new Set(rows.map((row) => row.userId))]
}

/** Every register partner that is not merged into another. */
export async function listRegisterPartners(db: Db) {
  return db
    .selectFrom('screeningPartners')
    .selectAll()
    .where('mergedInto', 'is', null)
    .orderBy('name')
    .execute()
}

/** A register partner, if any. */
export async function findRegisterPartner(db: Db, id: string) {
  return db.selectFrom('screeningPartners').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Adds a register partner. */
export async function insertRegisterPartner(db: Db, row: ScreeningPartnerTable): Promise<void> {
  await db.insertInto('screeningPartners').values(row).execute()
}

/** Changes a register partner (aliases, merge pointer). */
export async function updateRegisterPartner(
  db: Db,
  id: string,
  values: Partial<ScreeningPartnerTable>,
): Promise<void> {
  await db.updateTable('screeningPartners').set(values).where('id', '=', id).execute()
}

/** Links a collaboration's partner to a register partner. */
export async function linkPartner(
  db: Db,
  collaborationId: string,
  partnerRef: string,
  partnerId: string,
): Promise<void> {
  await db
    .insertInto('screeningPartnerLinks')
    .values({ collaborationId, partnerRef, partnerId })
    .onConflict((conflict) => conflict.columns(['collaborationId', 'partnerRef']).doUpdateSet({ partnerId }))
    .execute()
}

/** Points every link of one partner to another (merging). */
export async function relinkPartner(db: Db, fromId: string, toId: string): Promise<void> {
  await db
    .updateTable('screeningPartnerLinks')
    .set({ partnerId: toId })
    .where('partnerId', '=', fromId)
    .execute()
}

/** Collaborations linked to the partners. */
export async function listPartnerCollaborations(db: Db, partnerIds: readonly string[]) {
  return db
    .selectFrom('screeningPartnerLinks as l')
    .innerJoin('collaborations as c', 'c.id', 'l.collaborationId')
    .select(['c.id', 'c.reference', 'c.title', 'c.status', 'c.unitId'])
    .where('l.partnerId', 'in', [...partnerIds])
    .distinct()
    .execute()
}

/** Records a screening run with its hits. */
export async function insertRun(db: Db, run: ScreeningRunTable, hits: ScreeningHitTable[]): Promise<void> {
  await db.insertInto('screeningRuns').values(run).execute()
  if (hits.length > 0) await db.insertInto('screeningHits').values(hits).execute()
}

/** The newest run of each partner of a collaboration. */
export async function listLatestRuns(db: Db, collaborationId: string) {
  const runs = await db
    .selectFrom('screeningRuns')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  const latest = new Map<string, ScreeningRunTable>()
  for (const run of runs) if (run.partnerRef && !latest.has(run.partnerRef)) latest.set(run.partnerRef, run)
  return latest
}

/** The newest run of a register partner, if any. */
export async function findLatestPartnerRun(db: Db, partnerId: string) {
  return db
    .selectFrom('screeningRuns')
    .selectAll()
    .where('partnerId', '=', partnerId)
    .where('trigger', '!=', 'ad_hoc')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Runs of the partners, newest first. */
export async function listPartnerRuns(db: Db, partnerIds: readonly string[]) {
  return db
    .selectFrom('screeningRuns')
    .selectAll()
    .where('partnerId', 'in', [...partnerIds])
    .orderBy('at', 'desc')
    .execute()
}

/** The hits of runs. */
export async function listHits(db: Db, runIds: readonly string[]) {
  if (runIds.length === 0) return []
  return db
    .selectFrom('screeningHits')
    .selectAll()
    .where('runId', 'in', [...runIds])
    .orderBy('score', 'desc')
    .execute()
}

/** Adds a disposition (never updated or deleted). */
export async function insertDisposition(db: Db, row: ScreeningDispositionTable): Promise<void> {
  await db.insertInto('screeningDispositions').values(row).execute()
}

/** Every disposition of the partners, newest first. */
export async function listDispositions(db: Db, partnerIds: readonly string[]) {
  if (partnerIds.length === 0) return []
  return db
    .selectFrom('screeningDispositions')
    .selectAll()
    .where('partnerId', 'in', [...partnerIds])
    .orderBy('decidedAt', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Adds a note on a partner. */
export async function insertNote(
  db: Db,
  row: { id: string; partnerId: string; body: string; author: string; createdAt: string },
) {
  await db.insertInto('screeningPartnerNotes').values(row).execute()
}

/** The notes on the partners, newest first. */
export async function listNotes(db: Db, partnerIds: readonly string[]) {
  return db
    .selectFrom('screeningPartnerNotes')
    .selectAll()
    .where('partnerId', 'in', [...partnerIds])
    .orderBy('createdAt', 'desc')
    .execute()
}

/** The institution's thresholds, if set. */
export async function findSettings(db: Db) {
  return db.selectFrom('screeningSettings').selectAll().where('id', '=', 'default').executeTakeFirst()
}

/** Sets the institution's thresholds. */
export async function saveSettings(
  db: Db,
  values: { matchThreshold: number; reviewThreshold: number; updatedAt: string; updatedBy: string },
) {
  await db
    .insertInto('screeningSettings')
    .values({ id: 'default', ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute()
}
