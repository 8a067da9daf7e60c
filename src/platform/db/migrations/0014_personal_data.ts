import { createHash, randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { newId } from '../../../shared/ids.js'
import { columns, dialectOf } from '../columns.js'

/**
 * Personal data (ADR 0007): the audit chain hashes a salted digest of the personal content of each
 * entry, so erasure can pseudonymise it without breaking the chain; existing entries are checked
 * under the old scheme and chained again under the new one. Also: archived cases (retention) and
 * account locks after repeated failed sign-ins.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const c = columns(dialectOf(db))
  await db.schema.alterTable('audit_events').addColumn('content_salt', 'text').execute()
  await db.schema
    .alterTable('audit_events')
    .addColumn('content_digest', 'text', (col) => col.notNull().defaultTo(''))
    .execute()
  await db.schema.alterTable('audit_events').addColumn('redacted_by', 'text').execute()
  await db.schema.alterTable('collaborations').addColumn('archived_at', c.timestamp).execute()
  await db.schema.alterTable('collaborations').addColumn('archive_note', 'text').execute()
  await db.schema.alterTable('users').addColumn('locked_until', c.timestamp).execute()
  await db.schema
    .alterTable('users')
    .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('users').addColumn('erased_at', c.timestamp).execute()
  await rechain(db)
}

// The hashing of both schemes, frozen here as it was when this migration was written.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )
}
const sha = (text: string) => createHash('sha256').update(text).digest('hex')

interface Row {
  seq: number
  id: string
  at: string | Date
  actor_id: string | null
  actor_name: string
  action: string
  entity_type: string
  entity_id: string
  before: string | null
  after: string | null
  request_id: string | null
  prev_hash: string
  hash: string
}

/** Checks the chain under the first scheme, then chains every entry again under the second. */
// biome-ignore lint/suspicious/noExplicitAny: see above
async function rechain(db: Kysely<any>): Promise<void> {
  let v1Prev = '0'.repeat(64)
  let v2Prev = '0'.repeat(64)
  let v1Intact = true
  let firstBrokenSeq: number | null = null
  let count = 0
  let after = 0
  for (;;) {
    const { rows } =
      await sql<Row>`select * from audit_events where seq > ${after} order by seq limit 500`.execute(db)
    for (const row of rows) {
      const at = row.at instanceof Date ? row.at.toISOString() : row.at
      const v1 = sha(
        canonical({
          id: row.id,
          at,
          actorId: row.actor_id,
          actorName: row.actor_name,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: row.before,
          after: row.after,
          requestId: row.request_id,
          prevHash: row.prev_hash,
        }),
      )
      if (v1Intact && (row.prev_hash !== v1Prev || v1 !== row.hash)) {
        v1Intact = false
        firstBrokenSeq = Number(row.seq)
      }
      v1Prev = row.hash
      const salt = randomBytes(16).toString('hex')
      const contentDigest = sha(
        canonical({ salt, actorName: row.actor_name, before: row.before, after: row.after }),
      )
      const hash = sha(
        canonical({
          v: 2,
          id: row.id,
          at,
          actorId: row.actor_id,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          requestId: row.request_id,
          prevHash: v2Prev,
          contentDigest,
        }),
      )
      await sql`update audit_events set content_salt = ${salt}, content_digest = ${contentDigest}, prev_hash = ${v2Prev}, hash = ${hash} where seq = ${row.seq}`.execute(
        db,
      )
      v2Prev = hash
      count++
    }
    const last = rows.at(-1)
    if (!last || rows.length < 500) break
    after = Number(last.seq)
  }
  if (count === 0) return
  // The re-chaining itself is recorded, with what the old chain looked like when it was replaced.
  const at = new Date().toISOString()
  const id = newId()
  const salt = randomBytes(16).toString('hex')
  const afterJson = canonical({
    scheme: 2,
    entries: count,
    previousHeadHash: v1Prev,
    previousChainIntact: v1Intact,
    firstBrokenSeq,
  })
  const contentDigest = sha(canonical({ salt, actorName: 'system', before: null, after: afterJson }))
  const hash = sha(
    canonical({
      v: 2,
      id,
      at,
      actorId: null,
      action: 'audit.rechained',
      entityType: 'audit',
      entityId: 'chain',
      requestId: null,
      prevHash: v2Prev,
      contentDigest,
    }),
  )
  await sql`insert into audit_events (id, at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id, prev_hash, hash, content_salt, content_digest)
    values (${id}, ${at}, ${null}, ${'system'}, ${'audit.rechained'}, ${'audit'}, ${'chain'}, ${null}, ${afterJson}, ${null}, ${v2Prev}, ${hash}, ${salt}, ${contentDigest})`.execute(
    db,
  )
}
