import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type {
  FunderNoticeTable,
  InformationRequestTable,
  MessageTable,
  ObligationTable,
  OfficeReviewTable,
  ProcessVersionTable,
} from '../../platform/db/tables.js'

/** An office review row. */
export type ReviewRow = Selectable<OfficeReviewTable>

// ---- process configuration

/** The newest process version, or undefined. */
export async function findCurrentProcess(db: Db): Promise<Selectable<ProcessVersionTable> | undefined> {
  return db.selectFrom('processVersions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
}

/** One process version, or undefined. */
export async function findProcess(
  db: Db,
  version: number,
): Promise<Selectable<ProcessVersionTable> | undefined> {
  return db.selectFrom('processVersions').selectAll().where('version', '=', version).executeTakeFirst()
}

/** Stores a process version. */
export async function insertProcess(trx: Db, row: ProcessVersionTable): Promise<void> {
  await trx.insertInto('processVersions').values(row).execute()
}

// ---- office reviews

/** Stores office reviews. */
export async function insertReviews(trx: Db, rows: Insertable<OfficeReviewTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('officeReviews').values(rows).execute()
}

/** Every review of a case, oldest round first. */
export async function listReviewsOfCase(db: Db, collaborationId: string): Promise<ReviewRow[]> {
  return db
    .selectFrom('officeReviews')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .orderBy('round')
    .orderBy('participant')
    .execute()
}

/** One review, or undefined. */
export async function findReview(db: Db, id: string): Promise<ReviewRow | undefined> {
  return db.selectFrom('officeReviews').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Changes a review. */
export async function updateReview(
  trx: Db,
  id: string,
  changes: Updateable<OfficeReviewTable>,
): Promise<void> {
  await trx.updateTable('officeReviews').set(changes).where('id', '=', id).execute()
}

/** Cancels every unfinished review of a case (withdrawal). */
export async function cancelOpenReviews(trx: Db, collaborationId: string): Promise<void> {
  await trx
    .updateTable('officeReviews')
    .set({ status: 'cancelled' })
    .where('collaborationId', '=', collaborationId)
    .where('status', 'in', ['open', 'waiting_for_information'])
    .execute()
}

/** Unfinished reviews of the given participants, with the case's reference and title, for a queue. */
export async function listQueue(db: Db, participants: readonly string[]) {
  if (participants.length === 0) return []
  return db
    .selectFrom('officeReviews')
    .innerJoin('collaborations', 'collaborations.id', 'officeReviews.collaborationId')
    .selectAll('officeReviews')
    .select(['collaborations.reference', 'collaborations.title', 'collaborations.trl'])
    .where('officeReviews.participant', 'in', [...participants])
    .where('officeReviews.status', 'in', ['open', 'waiting_for_information'])
    .execute()
}

/** Countries of the partners of the given cases. */
export async function countriesOf(
  db: Db,
  collaborationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>()
  if (collaborationIds.length === 0) return result
  const rows = await db
    .selectFrom('collaborationPartners')
    .select(['collaborationId', 'country'])
    .where('collaborationId', 'in', [...collaborationIds])
    .execute()
  for (const row of rows) {
    if (!row.country) continue
    const list = result.get(row.collaborationId) ?? []
    if (!list.includes(row.country)) list.push(row.country)
    result.set(row.collaborationId, list)
  }
  return result
}

/** Open reviews whose deadline lies before `until`, for reminders and escalation. */
export async function listOpenDueBefore(db: Db, until: string): Promise<ReviewRow[]> {
  return db
    .selectFrom('officeReviews')
    .selectAll()
    .where('status', '=', 'open')
    .where('dueAt', '<=', until)
    .execute()
}

// ---- requests for information

/** Stores a request for information. */
export async function insertRequest(trx: Db, row: InformationRequestTable): Promise<void> {
  await trx.insertInto('informationRequests').values(row).execute()
}

/** Requests of the given reviews. */
export async function listRequests(
  db: Db,
  reviewIds: readonly string[],
): Promise<Selectable<InformationRequestTable>[]> {
  if (reviewIds.length === 0) return []
  return db
    .selectFrom('informationRequests')
    .selectAll()
    .where('reviewId', 'in', [...reviewIds])
    .orderBy('askedAt')
    .execute()
}

/** One request, or undefined. */
export async function findRequest(
  db: Db,
  id: string,
): Promise<Selectable<InformationRequestTable> | undefined> {
  return db.selectFrom('informationRequests').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Records the answer to a request. */
export async function answerRequest(
  trx: Db,
  id: string,
  answer: string,
  by: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable('informationRequests')
    .set({ answer, answeredBy: by, answeredAt: at })
    .where('id', '=', id)
    .execute()
}

/** Number of unanswered requests of a review. */
export async function countOpenRequests(db: Db, reviewId: string): Promise<number> {
  const row = await db
    .selectFrom('informationRequests')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('reviewId', '=', reviewId)
    .where('answeredAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

// ---- discussion

/** Stores a message. */
export async function insertMessage(trx: Db, row: MessageTable): Promise<void> {
  await trx.insertInto('messages').values(row).execute()
}

/** A case's messages, oldest first; without internal notes unless asked for. */
export async function listMessages(
  db: Db,
  collaborationId: string,
  withInternal: boolean,
): Promise<Selectable<MessageTable>[]> {
  let query = db.selectFrom('messages').selectAll().where('collaborationId', '=', collaborationId)
  if (!withInternal) query = query.where('isInternal', '=', 0)
  return query.orderBy('createdAt').orderBy('id').execute()
}

// ---- obligations and funder notices

/** Stores obligations. */
export async function insertObligations(trx: Db, rows: ObligationTable[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('obligations').values(rows).execute()
}

/** A case's obligations. */
export async function listObligations(
  db: Db,
  collaborationId: string,
): Promise<Selectable<ObligationTable>[]> {
  return db
    .selectFrom('obligations')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .orderBy('createdAt')
    .execute()
}

/** One obligation, or undefined. */
export async function findObligation(db: Db, id: string): Promise<Selectable<ObligationTable> | undefined> {
  return db.selectFrom('obligations').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Marks an obligation fulfilled. */
export async function fulfilObligation(
  trx: Db,
  id: string,
  by: string,
  at: string,
  note: string,
): Promise<void> {
  await trx
    .updateTable('obligations')
    .set({ status: 'fulfilled', fulfilledBy: by, fulfilledAt: at, note })
    .where('id', '=', id)
    .execute()
}

/** Stores a funder notice. */
export async function insertFunderNotice(trx: Db, row: FunderNoticeTable): Promise<void> {
  await trx.insertInto('funderNotices').values(row).execute()
}

/** A case's funder notices. */
export async function listFunderNotices(
  db: Db,
  collaborationId: string,
): Promise<Selectable<FunderNoticeTable>[]> {
  return db
    .selectFrom('funderNotices')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .orderBy('sentAt')
    .execute()
}

// ---- people

/** Active users holding a role for one of the offices (office ids), or the role itself. */
export async function usersWithRole(
  db: Db,
  role: string,
  officeIds: readonly string[] = [],
): Promise<string[]> {
  let query = db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select('users.id')
    .where('userRoles.role', '=', role)
    .where('users.isActive', '=', 1)
  if (officeIds.length > 0) query = query.where('userRoles.officeId', 'in', [...officeIds])
  return [...new Set((await query.execute()).map((row) => row.id))]
}

/** Active users by username, with their roles (for @mentions). */
export async function usersByUsername(db: Db, usernames: readonly string[]) {
  if (usernames.length === 0) return []
  const users = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', [...usernames])
    .where('isActive', '=', 1)
    .execute()
  if (users.length === 0) return []
  const grants = await db
    .selectFrom('userRoles')
    .select(['userId', 'role'])
    .where(
      'userId',
      'in',
      users.map((user) => user.id),
    )
    .execute()
  return users.map((user) => ({
    ...user,
    roles: grants.filter((grant) => grant.userId === user.id).map((grant) => grant.role),
  }))
}

/** Office ids by office key, and the office leads. */
export async function officeDirectory(db: Db) {
  const rows = await db
    .selectFrom('offices')
    .select(['id', 'key', 'leadUserId', 'nameDe', 'nameEn'])
    .execute()
  return new Map(rows.map((row) => [row.key, row]))
}

/** The obligations of several cases (for the register export), oldest first. */
export async function listObligationsOfCases(
  db: Db,
  collaborationIds: readonly string[],
): Promise<Selectable<ObligationTable>[]> {
  if (collaborationIds.length === 0) return []
  return db
    .selectFrom('obligations')
    .selectAll()
    .where('collaborationId', 'in', [...collaborationIds])
    .orderBy('createdAt')
    .execute()
}
