import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../access/index.js'
import { canonicalJson, digestContent, genesisHash, hashEntry, newContentSalt } from './audit.hash.js'
import * as repo from './audit.repo.js'
import type { AuditEvent, AuditQuery, AuditVerification } from './audit.schema.js'

/** What a module reports about one change. */
export interface AuditInput {
  action: string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
  /** The entry's id, when the caller needs to refer to it before it is written (erasure). */
  id?: string
}

/**
 * Appends an entry to the hash-chained trail, inside the caller's transaction so that the
 * change and its record commit or roll back together.
 */
export async function recordAudit(trx: Db, ctx: Ctx, input: AuditInput): Promise<void> {
  await repo.lockChain(trx, ctx.dialect)
  const prevHash = (await repo.findLastHash(trx)) ?? genesisHash
  const content = {
    actorName: ctx.actor?.username ?? 'system',
    before: input.before === undefined ? null : canonicalJson(input.before),
    after: input.after === undefined ? null : canonicalJson(input.after),
  }
  const contentSalt = newContentSalt()
  const fields = {
    id: input.id ?? newId(),
    at: ctx.now().toISOString(),
    actorId: ctx.actor?.via === 'system' ? null : (ctx.actor?.id ?? null),
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    requestId: ctx.requestId,
    prevHash,
    contentDigest: digestContent(contentSalt, content),
  }
  await repo.insertEvent(trx, {
    ...fields,
    ...content,
    contentSalt,
    redactedBy: null,
    hash: hashEntry(fields),
  })
}

/** Lists audit entries, newest first. */
export async function listAuditEvents(ctx: Ctx, query: AuditQuery): Promise<AuditEvent[]> {
  authorize(ctx.actor, 'audit.list')
  return repo.listEvents(ctx.db, query)
}

/** The action of the entry that records an erasure; redacted entries must point at one. */
export const erasureAction = 'personal_data.erased'

/**
 * Recomputes the chain from the first entry and reports the first broken link, if any. The chain
 * covers each entry's content through a salted digest. Entries whose personal content an erasure
 * pseudonymised are checked against the digest the erasure entry recorded for them instead.
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let expectedPrev = genesisHash
  let checked = 0
  // Redacted entries, by the erasure that changed them last: seq -> digest of their content now.
  const redacted = new Map<string, Array<[number, string]>>()
  const erasures = new Map<string, Record<string, unknown>>()
  for await (const row of repo.streamEvents(db)) {
    const { seq, hash } = row
    if (row.prevHash !== expectedPrev) {
      return { ok: false, checked, firstBrokenSeq: seq, reason: 'prevHash does not match the previous entry' }
    }
    if (hashEntry(row) !== hash) {
      return { ok: false, checked, firstBrokenSeq: seq, reason: 'entry content does not match its hash' }
    }
    if (row.contentSalt === null) {
      return { ok: false, checked, firstBrokenSeq: seq, reason: 'entry content is unverifiable (no salt)' }
    }
    const digest = digestContent(row.contentSalt, row)
    if (row.redactedBy === null) {
      if (digest !== row.contentDigest) {
        return { ok: false, checked, firstBrokenSeq: seq, reason: 'entry content does not match its hash' }
      }
    } else {
      const list = redacted.get(row.redactedBy) ?? []
      list.push([seq, digest])
      redacted.set(row.redactedBy, list)
    }
    if (row.action === erasureAction) erasures.set(row.id, redactedDigests(row.after))
    expectedPrev = hash
    checked++
  }
  for (const [erasureId, entries] of redacted) {
    const recorded = erasures.get(erasureId)
    for (const [seq, digest] of entries) {
      if (recorded?.[String(seq)] !== digest) {
        return {
          ok: false,
          checked,
          firstBrokenSeq: seq,
          reason: 'pseudonymised entry does not match the digest its erasure recorded',
        }
      }
    }
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null }
}

function redactedDigests(after: string | null): Record<string, unknown> {
  try {
    const value = after === null ? null : (JSON.parse(after) as { redactedAuditEntries?: unknown })
    const map = value?.redactedAuditEntries
    return map !== null && typeof map === 'object' ? (map as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** A full verification as it was recorded, with its time. */
export type ChainCheck = AuditVerification & { checkedAt: string }

/** Verifies the whole chain and records the result, for reports to cite (daily job, the CLI). */
export async function checkAndRecordChain(db: Db, now: Date): Promise<ChainCheck> {
  const result = await verifyAuditChain(db)
  const checkedAt = now.toISOString()
  await repo.insertChainCheck(db, { id: newId(), checkedAt, ...result })
  return { ...result, checkedAt }
}

/** The newest recorded full verification, or null when there was none yet. */
export async function latestChainCheck(db: Db): Promise<ChainCheck | null> {
  const row = await repo.latestChainCheck(db)
  if (!row) return null
  const { ok, checked, firstBrokenSeq, reason, checkedAt } = row
  return { ok, checked, firstBrokenSeq, reason, checkedAt }
}

/**
 * Verifies the entries about one entity where they stand in the chain: each entry's hash from its
 * fields, its link to the entry just before it, and its content against its digest (or, when an
 * erasure pseudonymised it, against the digest the erasure recorded). The cost grows with the
 * entity's entries, not with the whole chain, so a report can check its case on every download.
 */
export async function verifyEntityEntries(
  db: Db,
  entityType: string,
  entityId: string,
): Promise<AuditVerification> {
  let checked = 0
  const broken = (seq: number, reason: string) => ({ ok: false, checked, firstBrokenSeq: seq, reason })
  for (const row of await repo.entityEvents(db, entityType, entityId)) {
    const previous = (await repo.findHashBefore(db, row.seq)) ?? genesisHash
    if (row.prevHash !== previous) return broken(row.seq, 'prevHash does not match the previous entry')
    if (hashEntry(row) !== row.hash) return broken(row.seq, 'entry content does not match its hash')
    if (row.contentSalt === null) return broken(row.seq, 'entry content is unverifiable (no salt)')
    const digest = digestContent(row.contentSalt, row)
    if (row.redactedBy === null) {
      if (digest !== row.contentDigest) return broken(row.seq, 'entry content does not match its hash')
    } else {
      const recorded = redactedDigests((await repo.findEventAfter(db, row.redactedBy)) ?? null)
      if (recorded[String(row.seq)] !== digest)
        return broken(row.seq, 'pseudonymised entry does not match the digest its erasure recorded')
    }
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
