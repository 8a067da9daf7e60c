import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../access/index.js'
import { canonicalJson, genesisHash, hashEntry } from './audit.hash.js'
import * as repo from './audit.repo.js'
import type { AuditEvent, AuditQuery, AuditVerification } from './audit.schema.js'

/** What a module reports about one change. */
export interface AuditInput {
  action: string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
}

/**
 * Appends an entry to the hash-chained trail, inside the caller's transaction so that the
 * change and its record commit or roll back together.
 */
export async function recordAudit(trx: Db, ctx: Ctx, input: AuditInput): Promise<void> {
  await repo.lockChain(trx, ctx.dialect)
  const prevHash = (await repo.findLastHash(trx)) ?? genesisHash
  const fields = {
    id: newId(),
    at: ctx.now().toISOString(),
    actorId: ctx.actor?.via === 'system' ? null : (ctx.actor?.id ?? null),
    actorName: ctx.actor?.username ?? 'system',
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: input.before === undefined ? null : canonicalJson(input.before),
    after: input.after === undefined ? null : canonicalJson(input.after),
    requestId: ctx.requestId,
    prevHash,
  }
  await repo.insertEvent(trx, { ...fields, hash: hashEntry(fields) })
}

/** Lists audit entries, newest first. */
export async function listAuditEvents(ctx: Ctx, query: AuditQuery): Promise<AuditEvent[]> {
  authorize(ctx.actor, 'audit.list')
  return repo.listEvents(ctx.db, query)
}

/** Recomputes the chain from the first entry and reports the first broken link, if any. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let expectedPrev = genesisHash
  let checked = 0
  for await (const row of repo.streamEvents(db)) {
    const { seq, hash, ...fields } = row
    if (fields.prevHash !== expectedPrev) {
      return { ok: false, checked, firstBrokenSeq: seq, reason: 'prevHash does not match the previous entry' }
    }
    if (hashEntry(fields) !== hash) {
      return { ok: false, checked, firstBrokenSeq: seq, reason: 'entry content does not match its hash' }
    }
    expectedPrev = hash
    checked++
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null }
}

/** The verification as a service call, for the API. */
export async function verifyAuditTrail(ctx: Ctx): Promise<AuditVerification> {
  authorize(ctx.actor, 'audit.verify')
  return verifyAuditChain(ctx.db)
}

/** What the trail holds about one entity: entries per action, the first and the last. */
export interface AuditSummary {
  total: number
  byAction: Array<{ action: string; count: number }>
  firstAt: string | null
  lastAt: string | null
}

/**
 * Summarizes the trail of one entity (for reports). Unchecked: the caller has authorized access
 * to the entity itself.
 */
export async function summarizeAuditTrail(
  db: Db,
  entityType: string,
  entityId: string,
): Promise<AuditSummary> {
  const rows = await repo.summarizeEntity(db, entityType, entityId)
  const firsts = rows.map((row) => row.first).sort()
  const lasts = rows.map((row) => row.last).sort()
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    byAction: rows
      .map((row) => ({ action: row.action, count: row.count }))
      .sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
    firstAt: firsts[0] ?? null,
    lastAt: lasts.at(-1) ?? null,
  }
}
