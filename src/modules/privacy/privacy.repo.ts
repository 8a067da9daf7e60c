import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Erasure } from '../../platform/personal-data.js'

/** Tables the generic scrub leaves alone: handled precisely by their module, or bookkeeping. */
const skippedTables = new Set([
  'audit_events',
  'users',
  'sessions',
  'rate_limits',
  'kysely_migration',
  'kysely_migration_lock',
])

/** Every text column of every table of our schema (snake_case), found by introspection. */
export async function textColumns(trx: Db, dialect: 'sqlite' | 'postgres'): Promise<Array<[string, string]>> {
  const schema =
    dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(trx)).rows[0]?.schema
      : undefined
  const tables = await trx.introspection.getTables()
  const result: Array<[string, string]> = []
  for (const table of tables) {
    if (table.isView || skippedTables.has(table.name)) continue
    if (schema !== undefined && table.schema !== schema) continue
    for (const column of table.columns) {
      if (/^(text|varchar|character varying)$/i.test(column.dataType)) result.push([table.name, column.name])
    }
  }
  return result
}

/**
 * Replaces the person's identifying strings (and @mentions) in every text column of every table:
 * free-text mentions in descriptions, comments, notices, JSON documents. One statement per column.
 */
export async function scrubAllText(
  trx: Db,
  dialect: 'sqlite' | 'postgres',
  erasure: Erasure,
): Promise<number> {
  const { subject, pseudonym } = erasure
  const pairs: Array<[string, string]> = erasure.needles.map((needle) => [
    needle,
    needle === subject.email || needle === JSON.stringify(subject.email).slice(1, -1)
      ? pseudonym.email
      : pseudonym.displayName,
  ])
  pairs.push([`@${subject.username}`, `@${pseudonym.username}`])
  const contains = (column: string, needle: string) =>
    dialect === 'postgres'
      ? sql`strpos(${sql.ref(column)}, ${needle}) > 0`
      : sql`instr(${sql.ref(column)}, ${needle}) > 0`
  let changed = 0
  for (const [table, column] of await textColumns(trx, dialect)) {
    let value = sql`${sql.ref(column)}`
    for (const [needle, replacement] of pairs) value = sql`replace(${value}, ${needle}, ${replacement})`
    const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value} where ${sql.join(
      pairs.map(([needle]) => contains(column, needle)),
      sql` or `,
    )}`.execute(trx)
    changed += Number(result.numAffectedRows ?? 0)
  }
  return changed
}

/** People matching a search (username, name or e-mail), for the personal-data page. */
export async function searchUsers(db: Db, q: string) {
  let query = db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'email', 'isActive', 'erasedAt'])
    .orderBy('displayName')
    .limit(50)
  if (q !== '') {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(username) like ${pattern} escape '\\'`,
        sql<boolean>`lower(display_name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(email) like ${pattern} escape '\\'`,
      ]),
    )
  }
  return query.execute()
}

export async function findUserRow(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'email', 'isActive', 'erasedAt'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Ended and withdrawn cases not yet archived whose last change is older than the cutoff. */
export async function findCasesToArchive(db: Db, cutoff: string, limit: number) {
  return db
    .selectFrom('collaborations')
    .select(['id', 'reference', 'status', 'sheet', 'updatedAt'])
    .where('status', 'in', ['ended', 'withdrawn'])
    .where('archivedAt', 'is', null)
    .where('updatedAt', '<', cutoff)
    .orderBy('updatedAt')
    .limit(limit)
    .execute()
}

export async function liveAttachments(trx: Db, collaborationId: string) {
  return trx
    .selectFrom('attachments')
    .select(['id', 'storageKey'])
    .where('collaborationId', '=', collaborationId)
    .where('removedAt', 'is', null)
    .execute()
}

export async function removeAttachments(trx: Db, collaborationId: string, at: string): Promise<void> {
  await trx
    .updateTable('attachments')
    .set({ removedAt: at })
    .where('collaborationId', '=', collaborationId)
    .where('removedAt', 'is', null)
    .execute()
}

/** Whether a live attachment (of any case) still points at the stored file. */
export async function isStorageKeyInUse(db: Db, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('attachments')
    .select('id')
    .where('storageKey', '=', key)
    .where('removedAt', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

export async function markArchived(trx: Db, id: string, at: string, note: string): Promise<void> {
  await trx
    .updateTable('collaborations')
    .set({ archivedAt: at, archiveNote: note })
    .where('id', '=', id)
    .execute()
}

interface SheetPeople {
  principalInvestigators?: Array<{ userId?: string | null; name: string }>
  members?: Array<{ userId?: string | null; name: string }>
  partners?: Array<{ contactName?: string; contactRole?: string }>
}

function withoutPeople(text: string, label: string): string {
  const sheet = JSON.parse(text) as SheetPeople
  const anonymous = (people: SheetPeople['members']) => people?.map(() => ({ userId: null, name: label }))
  if (sheet.principalInvestigators) sheet.principalInvestigators = anonymous(sheet.principalInvestigators)
  if (sheet.members) sheet.members = anonymous(sheet.members)
  if (sheet.partners)
    sheet.partners = sheet.partners.map((partner) => ({ ...partner, contactName: '', contactRole: '' }))
  return JSON.stringify(sheet)
}

/**
 * Drops the personal data of an archived case: people's names in the sheet and its versions,
 * partner contact persons, the discussion, the access log and the case's notifications. The
 * decision, the office reviews (advice, conditions) and the obligations stay.
 */
export async function dropCasePersonalData(
  trx: Db,
  id: string,
  label: string,
): Promise<Record<string, number>> {
  const current = await trx
    .selectFrom('collaborations')
    .select('sheet')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  await trx
    .updateTable('collaborations')
    .set({ sheet: withoutPeople(current.sheet, label) })
    .where('id', '=', id)
    .execute()
  const versions = await trx
    .selectFrom('collaborationVersions')
    .select(['version', 'sheet'])
    .where('collaborationId', '=', id)
    .execute()
  for (const version of versions) {
    await trx
      .updateTable('collaborationVersions')
      .set({ sheet: withoutPeople(version.sheet, label) })
      .where('collaborationId', '=', id)
      .where('version', '=', version.version)
      .execute()
  }
  const messages = await trx.deleteFrom('messages').where('collaborationId', '=', id).executeTakeFirst()
  const access = await trx.deleteFrom('caseAccessLog').where('collaborationId', '=', id).executeTakeFirst()
  const notifications = await trx
    .deleteFrom('notifications')
    .where('entityType', '=', 'collaboration')
    .where('entityId', '=', id)
    .executeTakeFirst()
  await trx
    .updateTable('informationRequests')
    .set({ askedBy: label })
    .where('collaborationId', '=', id)
    .execute()
  await trx
    .updateTable('informationRequests')
    .set({ answeredBy: label })
    .where('collaborationId', '=', id)
    .where('answeredBy', 'is not', null)
    .execute()
  await trx.updateTable('attachments').set({ uploadedBy: label }).where('collaborationId', '=', id).execute()
  return {
    versions: versions.length,
    messages: Number(messages.numDeletedRows),
    accessLogEntries: Number(access.numDeletedRows),
    notifications: Number(notifications.numDeletedRows),
  }
}
