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
  return { ...row, before: parseJson(row.before), after: parseJson(row.after) }
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
