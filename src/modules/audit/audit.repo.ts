import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { AuditEventTable } from '../../platform/db/tables.js'
import type { AuditEvent, AuditQuery } from './audit.schema.js'

type AuditRow = Omit<AuditEventTable, 'seq'> & { seq: number }

/** Serialises writers of the chain on PostgreSQL; SQLite transactions are already serial. */
export async function lockChain(trx: Db, dialect: 'sqlite' | 'postgres'): Promise<void> {
  // An arbitrary constant key reserved for the audit chain.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7020101)`.execute(trx)
}

/** The hash of the newest entry, or null when the trail is empty. */
export async function findLastHash(trx: Db): Promise<string | null> {
  const row = await trx
    .selectFrom('auditEvents')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.hash ?? null
}

/** Appends one entry. */
export async function insertEvent(trx: Db, row: Omit<AuditEventTable, 'seq'>): Promise<void> {
  await trx.insertInto('auditEvents').values(row).execute()
}

/** Entries matching the query, newest first. */
export async function listEvents(db: Db, query: AuditQuery): Promise<AuditEvent[]> {
  let select = db.selectFrom('auditEvents').selectAll()
  if (query.entityType) select = select.where('entityType', '=', query.entityType)
  if (query.entityId) select = select.where('entityId', '=', query.entityId)
  if (query.actorId) select = select.where('actorId', '=', query.actorId)
  if (query.beforeSeq) select = select.where('seq', '<', query.beforeSeq)
  const rows = await select.orderBy('seq', 'desc').limit(query.limit).execute()
  return rows.map(toAuditEvent)
}

/** Walks the whole trail in sequence order, in pages, without loading it all at once. */
export async function* streamEvents(db: Db, pageSize = 1000): AsyncGenerator<AuditRow> {
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('auditEvents')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute()
    for (const row of rows) yield row
    const last = rows.at(-1)
    if (!last || rows.length < pageSize) return
    after = last.seq
  }
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text)
}

function toAuditEvent(row: AuditRow): AuditEvent {
  const { contentSalt: _salt, ...rest } = row
  return { ...rest, before: parseJson(row.before), after: parseJson(row.after) }
}

/** SQL for "the text column contains the needle", without LIKE wildcards. */
export function containsText(dialect: 'sqlite' | 'postgres', column: string, needle: string) {
  return dialect === 'postgres'
    ? sql<boolean>`strpos(${sql.ref(column)}, ${needle}) > 0`
    : sql<boolean>`instr(${sql.ref(column)}, ${needle}) > 0`
}

/** Entries a person caused or whose content mentions one of the needles (name, e-mail, username). */
export async function findEntriesOfPerson(
  trx: Db,
  dialect: 'sqlite' | 'postgres',
  userId: string,
  needles: readonly string[],
): Promise<AuditRow[]> {
  return trx
    .selectFrom('auditEvents')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('actorId', '=', userId),
        eb('entityId', '=', userId),
        ...needles.flatMap((needle) => [
          eb('actorName', '=', needle),
          containsText(dialect, 'before', needle),
          containsText(dialect, 'after', needle),
        ]),
      ]),
    )
    .orderBy('seq')
    .execute()
}

/**
 * Replaces an entry's personal content and its salt (the old salt is gone, so the digest the chain
 * covers can no longer test guesses of the erased values); the chain hash is untouched.
 */
export async function redactEntry(
  trx: Db,
  seq: number,
  content: { actorName: string; before: string | null; after: string | null },
  salt: string,
  erasureId: string,
): Promise<void> {
  await trx
    .updateTable('auditEvents')
    .set({ ...content, contentSalt: salt, redactedBy: erasureId })
    .where('seq', '=', seq)
    .execute()
}

/** How many entries of each action one entity has, with the first and last time. */
export async function summarizeEntity(
  db: Db,
  entityType: string,
  entityId: string,
): Promise<Array<{ action: string; count: number; first: string; last: string }>> {
  const rows = await db
    .selectFrom('auditEvents')
    .select((eb) => [
      'action',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn.min('at').as('first'),
      eb.fn.max('at').as('last'),
    ])
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .groupBy('action')
    .execute()
  return rows.map((row) => ({
    action: row.action,
    count: Number(row.count),
    first: String(row.first),
    last: String(row.last),
  }))
}

/** Every entry about one entity, oldest first. */
export async function entityEvents(db: Db, entityType: string, entityId: string): Promise<AuditRow[]> {
  return db
    .selectFrom('auditEvents')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('entityId', '=', entityId)
    .orderBy('seq', 'asc')
    .execute()
}

/** The hash of the entry just before the given sequence number (numbers may have gaps), or null. */
export async function findHashBefore(db: Db, seq: number): Promise<string | null> {
  const row = await db
    .selectFrom('auditEvents')
    .select('hash')
    .where('seq', '<', seq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.hash ?? null
}

/** The `after` of an entry (an erasure's record of the digests it changed), by id. */
export async function findEventAfter(db: Db, id: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('auditEvents').select('after').where('id', '=', id).executeTakeFirst()
  return row === undefined ? undefined : row.after
}

/** Stores the result of a full verification. */
export async function insertChainCheck(
  db: Db,
  row: {
    id: string
    checkedAt: string
    ok: boolean
    checked: number
    firstBrokenSeq: number | null
    reason: string | null
  },
): Promise<void> {
  await db
    .insertInto('auditChainChecks')
    .values({ ...row, ok: row.ok ? 1 : 0 })
    .execute()
}

/** The newest full verification, if any. */
export async function latestChainCheck(db: Db) {
  const row = await db
    .selectFrom('auditChainChecks')
    .selectAll()
    .orderBy('checkedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? null : { ...row, ok: row.ok === 1 }
}
