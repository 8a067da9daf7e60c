import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type {
  TrainingAttemptTable,
  TrainingModuleVersionTable,
  TrainingObligationTable,
  TrainingSettingsTable,
} from '../../platform/db/tables.js'

export type ModuleVersionRow = Selectable<TrainingModuleVersionTable>
export type AttemptRow = Selectable<TrainingAttemptTable>

/** Case statuses in which a collaboration is no longer open (its people need no trainings for it). */
export const closedStatuses = ['withdrawn', 'declined', 'ended'] as const

// ---- module versions

/** The newest version of every module, by key. */
export async function latestModuleVersions(db: Db): Promise<ModuleVersionRow[]> {
  const rows = await db
    .selectFrom('trainingModuleVersions')
    .selectAll()
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute()
  const seen = new Set<string>()
  return rows.filter((row) => {
    if (seen.has(row.key)) return false
    seen.add(row.key)
    return true
  })
}

/** The newest version of one module, or undefined. */
export async function findLatestModule(db: Db, key: string): Promise<ModuleVersionRow | undefined> {
  return db
    .selectFrom('trainingModuleVersions')
    .selectAll()
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** One version of a module, or undefined. */
export async function findModuleVersion(
  db: Db,
  key: string,
  version: number,
): Promise<ModuleVersionRow | undefined> {
  return db
    .selectFrom('trainingModuleVersions')
    .selectAll()
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst()
}

/** Every version of a module, newest first (without content). */
export async function listModuleVersions(db: Db, key: string) {
  return db
    .selectFrom('trainingModuleVersions')
    .select(['version', 'contentVersion', 'createdAt', 'createdBy'])
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .execute()
}

export async function insertModuleVersion(trx: Db, row: TrainingModuleVersionTable): Promise<void> {
  await trx.insertInto('trainingModuleVersions').values(row).execute()
}

// ---- attempts

export async function insertAttempt(trx: Db, row: Insertable<TrainingAttemptTable>): Promise<void> {
  await trx.insertInto('trainingAttempts').values(row).execute()
}

/** Every passed attempt of these users (completions), oldest first. */
export async function completionsOf(db: Db, userIds: readonly string[]): Promise<AttemptRow[]> {
  if (userIds.length === 0) return []
  const rows: AttemptRow[] = []
  // In chunks: PostgreSQL and SQLite limit the number of bound parameters.
  for (let start = 0; start < userIds.length; start += 500) {
    rows.push(
      ...(await db
        .selectFrom('trainingAttempts')
        .selectAll()
        .where('passed', '=', 1)
        .where('userId', 'in', userIds.slice(start, start + 500))
        .orderBy('takenAt')
        .orderBy('id')
        .execute()),
    )
  }
  return rows
}

/** The user's attempts, newest first. */
export async function attemptsOfUser(db: Db, userId: string): Promise<AttemptRow[]> {
  return db
    .selectFrom('trainingAttempts')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('takenAt', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

// ---- obligations

export async function listObligations(db: Db): Promise<Selectable<TrainingObligationTable>[]> {
  return db.selectFrom('trainingObligations').selectAll().orderBy('position').execute()
}

export async function replaceObligations(trx: Db, rows: TrainingObligationTable[]): Promise<void> {
  await trx.deleteFrom('trainingObligations').execute()
  if (rows.length > 0) await trx.insertInto('trainingObligations').values(rows).execute()
}

// ---- settings

const settingsId = 'default'

export async function findSettings(db: Db): Promise<Selectable<TrainingSettingsTable> | undefined> {
  return db.selectFrom('trainingSettings').selectAll().where('id', '=', settingsId).executeTakeFirst()
}

export async function saveSettings(trx: Db, values: Omit<TrainingSettingsTable, 'id'>): Promise<void> {
  const existing = await findSettings(trx)
  if (existing) await trx.updateTable('trainingSettings').set(values).where('id', '=', settingsId).execute()
  else
    await trx
      .insertInto('trainingSettings')
      .values({ id: settingsId, ...values })
      .execute()
}

// ---- reminders

/** Whether the reminder of this stage was sent for this period. */
export async function reminderSent(
  db: Db,
  key: { userId: string; moduleKey: string; period: string; stage: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('trainingReminders')
    .select('userId')
    .where('userId', '=', key.userId)
    .where('moduleKey', '=', key.moduleKey)
    .where('period', '=', key.period)
    .where('stage', '=', key.stage)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertReminder(
  trx: Db,
  row: { userId: string; moduleKey: string; period: string; stage: string; sentAt: string },
): Promise<void> {
  await trx.insertInto('trainingReminders').values(row).execute()
}

// ---- people, roles and cases (read for the obligations)

/** Active users (all, or the given ones) with their unit. */
export async function activeUsers(db: Db, userIds?: readonly string[]) {
  let query = db
    .selectFrom('users')
    .select(['id', 'displayName', 'unitId', 'locale'])
    .where('isActive', '=', 1)
    .orderBy('displayName')
  if (userIds) {
    if (userIds.length === 0) return []
    query = query.where('id', 'in', [...userIds])
  }
  return query.execute()
}

/** The role grants of the given users, with the key of the office for office-bound roles. */
export async function roleGrantsOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return []
  return db
    .selectFrom('userRoles')
    .leftJoin('offices', 'offices.id', 'userRoles.officeId')
    .select(['userRoles.userId', 'userRoles.role', 'offices.key as officeKey'])
    .where('userRoles.userId', 'in', [...userIds])
    .execute()
}

/** For each given user, the partner countries of every open case they are named on (null: no country). */
export async function openCaseCountriesOf(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return []
  return db
    .selectFrom('collaborationMembers')
    .innerJoin('collaborations', 'collaborations.id', 'collaborationMembers.collaborationId')
    .leftJoin(
      'collaborationPartners',
      'collaborationPartners.collaborationId',
      'collaborationMembers.collaborationId',
    )
    .select([
      'collaborationMembers.userId',
      'collaborations.id as collaborationId',
      'collaborationPartners.country',
    ])
    .where('collaborationMembers.userId', 'in', [...userIds])
    .where('collaborations.status', 'not in', [...closedStatuses])
    .execute()
}

/** The people named on a case who have an account. */
export async function caseMemberIds(db: Db, collaborationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('collaborationMembers')
    .select('userId')
    .where('collaborationId', '=', collaborationId)
    .execute()
  return [...new Set(rows.map((row) => row.userId))]
}

/** Partner countries of cases, from their partner rows. */
export async function partnerCountriesOf(db: Db, collaborationIds: readonly string[]) {
  if (collaborationIds.length === 0) return []
  return db
    .selectFrom('collaborationPartners')
    .select(['collaborationId', 'country'])
    .where('collaborationId', 'in', [...collaborationIds])
    .execute()
}

/** The members of cases. */
export async function membersOfCases(db: Db, collaborationIds: readonly string[]) {
  if (collaborationIds.length === 0) return []
  return db
    .selectFrom('collaborationMembers')
    .select(['collaborationId', 'userId'])
    .where('collaborationId', 'in', [...collaborationIds])
    .execute()
}

/** Units for the report. */
export async function listUnits(db: Db) {
  return db.selectFrom('units').select(['id', 'code', 'nameDe', 'nameEn']).orderBy('code').execute()
}
