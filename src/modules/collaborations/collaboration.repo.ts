import type { Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type {
  AttachmentTable,
  CaseAccessLogTable,
  CollaborationTable,
  CollaborationVersionTable,
  QuestionnaireTable,
} from '../../platform/db/tables.js'
import type { CollaborationStatus, DataSheet } from './collaboration.schema.js'

/** A collaboration row as stored. */
export type CollaborationRow = Selectable<CollaborationTable>

/** Takes the next value of a named counter (reference numbers). */
export async function nextCounter(trx: Db, name: string): Promise<number> {
  const updated = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst()
  if (updated) return updated.value
  await trx
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .execute()
  const row = await trx
    .selectFrom('counters')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.value
}

// ---- collaborations

/** Inserts a collaboration. */
export async function insertCollaboration(trx: Db, row: CollaborationTable): Promise<void> {
  await trx.insertInto('collaborations').values(row).execute()
}

/** One collaboration row, or undefined. */
export async function findCollaboration(db: Db, id: string): Promise<CollaborationRow | undefined> {
  return db.selectFrom('collaborations').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Changes a collaboration's columns. */
export async function updateCollaboration(
  trx: Db,
  id: string,
  changes: Partial<CollaborationTable>,
): Promise<void> {
  await trx.updateTable('collaborations').set(changes).where('id', '=', id).execute()
}

/** A page of the collaborations in the given statuses, by id (keyset: those after `afterId`). */
export async function listInStatusPage(db: Db, statuses: readonly string[], afterId: string, limit: number) {
  if (statuses.length === 0) return []
  return db
    .selectFrom('collaborations')
    .selectAll()
    .where('status', 'in', [...statuses])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** The member user ids of several collaborations at once, by collaboration. */
export async function listMemberIdsOf(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>()
  if (ids.length === 0) return members
  const rows = await db
    .selectFrom('collaborationMembers')
    .select(['collaborationId', 'userId'])
    .where('collaborationId', 'in', [...ids])
    .execute()
  for (const row of rows)
    members.set(row.collaborationId, [...(members.get(row.collaborationId) ?? []), row.userId])
  return members
}

/** The user ids allowed to edit a collaboration (author, PIs and members who are users). */
export async function listMemberIds(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('collaborationMembers')
    .select('userId')
    .where('collaborationId', '=', id)
    .execute()
  return rows.map((row) => row.userId)
}

/** Replaces the members derived from the sheet; the author always stays. */
export async function replaceMembers(trx: Db, id: string, authorId: string, sheet: DataSheet): Promise<void> {
  await trx.deleteFrom('collaborationMembers').where('collaborationId', '=', id).execute()
  const members = new Map<string, string>([[authorId, 'author']])
  for (const person of sheet.principalInvestigators)
    if (person.userId && !members.has(person.userId)) members.set(person.userId, 'pi')
  for (const person of sheet.members)
    if (person.userId && !members.has(person.userId)) members.set(person.userId, 'member')
  await trx
    .insertInto('collaborationMembers')
    .values([...members].map(([userId, role]) => ({ collaborationId: id, userId, role })))
    .execute()
}

/** Replaces the partner index rows derived from the sheet (used for lists and figures). */
export async function replacePartners(trx: Db, id: string, sheet: DataSheet): Promise<void> {
  await trx.deleteFrom('collaborationPartners').where('collaborationId', '=', id).execute()
  if (sheet.partners.length === 0) return
  await trx
    .insertInto('collaborationPartners')
    .values(
      sheet.partners.map((partner, position) => ({
        collaborationId: id,
        position,
        partnerRef: partner.id,
        nameOriginal: partner.nameOriginal,
        nameEnglish: partner.nameEnglish,
        country: partner.country,
        kind: partner.kind,
      })),
    )
    .execute()
}

/** Filters for listing collaboration rows. */
export interface CollaborationFilter {
  /** Only cases where this user is a member … */
  memberId: string
  /** … or, when true, also every case past the draft stage … */
  includeSubmitted: boolean
  /** … restricted, when given, to cases routed to these participants (office keys, "expert_team"). */
  routedTo?: readonly string[]
  status?: CollaborationStatus
  /** Only cases of this organisational unit. */
  unitId?: string
  search?: string
  limit: number
  offset: number
}

/** Collaboration rows visible under the filter, most recently changed first, with partners. */
export async function listCollaborations(db: Db, filter: CollaborationFilter) {
  let query = db.selectFrom('collaborations').selectAll('collaborations')
  query = query.where((eb) => {
    const isMember = eb.exists(
      eb
        .selectFrom('collaborationMembers')
        .select('collaborationMembers.userId')
        .whereRef('collaborationMembers.collaborationId', '=', 'collaborations.id')
        .where('collaborationMembers.userId', '=', filter.memberId),
    )
    if (!filter.includeSubmitted) return isMember
    const submitted = eb('collaborations.status', 'not in', ['draft'])
    if (filter.routedTo === undefined) return eb.or([isMember, submitted])
    const routed = eb.exists(
      eb
        .selectFrom('officeReviews')
        .select('officeReviews.id')
        .whereRef('officeReviews.collaborationId', '=', 'collaborations.id')
        .where('officeReviews.participant', 'in', filter.routedTo.length > 0 ? [...filter.routedTo] : [''])
        .where('officeReviews.status', '!=', 'cancelled'),
    )
    return eb.or([isMember, eb.and([submitted, routed])])
  })
  if (filter.status) query = query.where('collaborations.status', '=', filter.status)
  if (filter.unitId) query = query.where('collaborations.unitId', '=', filter.unitId)
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replaceAll(/[%_\\]/g, (char) => `\\${char}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['collaborations.title']), 'like', pattern),
        eb(eb.fn('lower', ['collaborations.acronym']), 'like', pattern),
        eb(eb.fn('lower', ['collaborations.reference']), 'like', pattern),
        eb.exists(
          eb
            .selectFrom('collaborationPartners')
            .select('collaborationPartners.position')
            .whereRef('collaborationPartners.collaborationId', '=', 'collaborations.id')
            .where((inner) =>
              inner.or([
                inner(inner.fn('lower', ['collaborationPartners.nameEnglish']), 'like', pattern),
                inner(inner.fn('lower', ['collaborationPartners.nameOriginal']), 'like', pattern),
              ]),
            ),
        ),
      ]),
    )
  }
  const rows = await query
    .orderBy('collaborations.updatedAt', 'desc')
    .orderBy('collaborations.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute()
  const partners =
    rows.length === 0
      ? []
      : await db
          .selectFrom('collaborationPartners')
          .selectAll()
          .where(
            'collaborationId',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('position')
          .execute()
  return rows.map((row) => ({
    row,
    partners: partners.filter((partner) => partner.collaborationId === row.id),
  }))
}

/** Number of collaborations (used by the demo seed). */
export async function countCollaborations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('collaborations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

// ---- versions

/** Stores a version of the sheet. */
export async function insertVersion(trx: Db, row: CollaborationVersionTable): Promise<void> {
  await trx.insertInto('collaborationVersions').values(row).execute()
}

/** Every stored version of a collaboration, oldest first. */
export async function listVersions(db: Db, id: string): Promise<Selectable<CollaborationVersionTable>[]> {
  return db
    .selectFrom('collaborationVersions')
    .selectAll()
    .where('collaborationId', '=', id)
    .orderBy('version')
    .execute()
}

/** One stored version, or undefined. */
export async function findVersion(
  db: Db,
  id: string,
  version: number,
): Promise<Selectable<CollaborationVersionTable> | undefined> {
  return db
    .selectFrom('collaborationVersions')
    .selectAll()
    .where('collaborationId', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
}

// ---- questionnaire

/** The newest questionnaire version, or undefined when none was published yet. */
export async function findCurrentQuestionnaire(db: Db): Promise<Selectable<QuestionnaireTable> | undefined> {
  return db.selectFrom('questionnaires').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst()
}

/** One questionnaire version, or undefined. */
export async function findQuestionnaire(
  db: Db,
  version: number,
): Promise<Selectable<QuestionnaireTable> | undefined> {
  return db.selectFrom('questionnaires').selectAll().where('version', '=', version).executeTakeFirst()
}

/** Stores a new questionnaire version. */
export async function insertQuestionnaire(trx: Db, row: QuestionnaireTable): Promise<void> {
  await trx.insertInto('questionnaires').values(row).execute()
}

// ---- attachments

/** Stores attachment metadata. */
export async function insertAttachment(trx: Db, row: AttachmentTable): Promise<void> {
  await trx.insertInto('attachments').values(row).execute()
}

/** The attachments of a collaboration that were not removed, oldest first. */
export async function listAttachments(
  db: Db,
  collaborationId: string,
): Promise<Selectable<AttachmentTable>[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .where('removedAt', 'is', null)
    .orderBy('createdAt')
    .execute()
}

/** One attachment that was not removed, or undefined. */
export async function findAttachment(db: Db, id: string): Promise<Selectable<AttachmentTable> | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where('removedAt', 'is', null)
    .executeTakeFirst()
}

/** Marks an attachment as removed (the file stays, so nothing is lost). */
export async function markAttachmentRemoved(trx: Db, id: string, at: string): Promise<void> {
  await trx.updateTable('attachments').set({ removedAt: at }).where('id', '=', id).execute()
}

/**
 * The offices that may read a case besides its members: research security (which does the intake
 * of every case) and every office the case was routed to; and whether the expert team was asked.
 */
export async function readersOf(db: Db, id: string): Promise<{ officeIds: string[]; expertTeam: boolean }> {
  return (await readersOfMany(db, [id])).get(id) as { officeIds: string[]; expertTeam: boolean }
}

/** readersOf for several collaborations at once, by collaboration. */
export async function readersOfMany(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { officeIds: string[]; expertTeam: boolean }>> {
  const readers = new Map<string, { officeIds: string[]; expertTeam: boolean }>()
  if (ids.length === 0) return readers
  const [routed, offices] = await Promise.all([
    db
      .selectFrom('officeReviews')
      .select(['collaborationId', 'participant'])
      .where('collaborationId', 'in', [...ids])
      .where('status', '!=', 'cancelled')
      .execute(),
    db.selectFrom('offices').select(['id', 'key']).execute(),
  ])
  const keysOf = new Map<string, Set<string>>()
  for (const row of routed) {
    const keys = keysOf.get(row.collaborationId) ?? new Set<string>()
    keys.add(row.participant)
    keysOf.set(row.collaborationId, keys)
  }
  for (const id of ids) {
    const keys = new Set(['research_security', ...(keysOf.get(id) ?? [])])
    readers.set(id, {
      officeIds: offices.filter((office) => keys.has(office.key)).map((office) => office.id),
      expertTeam: keys.has('expert_team'),
    })
  }
  return readers
}

/** Id and status of several collaborations. */
export async function listStatuses(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('collaborations')
    .select(['id', 'status'])
    .where('id', 'in', [...ids])
    .execute()
}

/** The audit entries of a case, newest first, with the acting person's display name. */
export async function listHistory(db: Db, id: string) {
  const rows = await db
    .selectFrom('auditEvents')
    .leftJoin('users', 'users.id', 'auditEvents.actorId')
    .select([
      'auditEvents.at',
      'auditEvents.actorName',
      'users.displayName',
      'auditEvents.action',
      'auditEvents.after',
    ])
    .where('auditEvents.entityType', '=', 'collaboration')
    .where('auditEvents.entityId', '=', id)
    .orderBy('auditEvents.seq', 'desc')
    .execute()
  return rows.map((row) => ({
    at: row.at,
    // The system acts without a user row; people are named as the institution knows them.
    actorName: row.displayName ?? (row.actorName === 'system' ? 'Liaison' : row.actorName),
    action: row.action,
    after: row.after,
  }))
}

/** Records that a person opened a case. */
export async function insertAccess(db: Db, row: CaseAccessLogTable): Promise<void> {
  await db.insertInto('caseAccessLog').values(row).execute()
}

/** Who opened a case, newest first. */
export async function listAccess(
  db: Db,
  collaborationId: string,
  limit: number,
): Promise<CaseAccessLogTable[]> {
  return db
    .selectFrom('caseAccessLog')
    .selectAll()
    .where('collaborationId', '=', collaborationId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
