import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, type TestDatabase } from '../../../test/test-app.js'
import { canonicalJson } from './audit.hash.js'
import {
  checkAndRecordChain,
  latestChainCheck,
  recordAudit,
  verifyAuditChain,
  verifyEntityEntries,
} from './audit.service.js'

describe('the audit trail', () => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createDemoDatabase()
  })
  afterAll(async () => test.cleanup())

  it('chains every entry to the one before it and verifies', async () => {
    const result = await verifyAuditChain(test.database.db)
    expect(result.ok).toBe(true)
    expect(result.checked).toBeGreaterThan(20)
  })

  it('keeps the chain intact under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        test.database.db.transaction().execute((trx) =>
          recordAudit(trx, test.ctx, {
            action: 'test.parallel',
            entityType: 'test',
            entityId: String(index),
          }),
        ),
      ),
    )
    expect((await verifyAuditChain(test.database.db)).ok).toBe(true)
  })

  it('leaves no entry behind when the surrounding change rolls back', async () => {
    const count = async () =>
      (await test.database.db.selectFrom('auditEvents').select('seq').execute()).length
    const before = await count()
    await expect(
      test.database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, test.ctx, { action: 'test.rollback', entityType: 'test', entityId: 'x' })
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await count()).toBe(before)
  })

  it('reports the first entry whose content was changed afterwards', async () => {
    const target = await test.database.db
      .selectFrom('auditEvents')
      .select(['seq', 'after'])
      .where('action', '=', 'user.created')
      .orderBy('seq')
      .executeTakeFirstOrThrow()
    await sql`update audit_events set after = ${canonicalJson({ tampered: true })} where seq = ${target.seq}`.execute(
      test.database.db,
    )
    const result = await verifyAuditChain(test.database.db)
    expect(result).toMatchObject({
      ok: false,
      firstBrokenSeq: target.seq,
      reason: 'entry content does not match its hash',
    })
  })
})

describe('checking one entity and recording full checks', () => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createDemoDatabase()
    // Entries of two entities, interleaved with each other.
    for (let index = 0; index < 6; index++) {
      await test.database.db.transaction().execute((trx) =>
        recordAudit(trx, test.ctx, {
          action: 'test.changed',
          entityType: 'test',
          entityId: index % 2 === 0 ? 'mine' : 'other',
          after: { step: index },
        }),
      )
    }
  })
  afterAll(async () => test.cleanup())

  const entries = (entityId: string) =>
    test.database.db
      .selectFrom('auditEvents')
      .select('seq')
      .where('entityType', '=', 'test')
      .where('entityId', '=', entityId)
      .orderBy('seq')
      .execute()

  it('verifies an entity’s entries where they stand in the chain, and records full checks', async () => {
    expect(await latestChainCheck(test.database.db)).toBeNull()
    expect(await verifyEntityEntries(test.database.db, 'test', 'mine')).toEqual({
      ok: true,
      checked: 3,
      firstBrokenSeq: null,
      reason: null,
    })
    const recorded = await checkAndRecordChain(test.database.db, new Date('2026-11-28T03:00:00.000Z'))
    expect(recorded.ok).toBe(true)
    expect(await latestChainCheck(test.database.db)).toEqual(recorded)
  })

  it('finds a changed entry of the entity, and a missing entry before one of them', async () => {
    const [, second] = await entries('mine')
    const [firstOther] = await entries('other')
    // Another entity's entry changed: this entity's entries still verify, the full check does not.
    await sql`update audit_events set after = ${canonicalJson({ tampered: true })} where seq = ${firstOther?.seq}`.execute(
      test.database.db,
    )
    expect((await verifyEntityEntries(test.database.db, 'test', 'mine')).ok).toBe(true)
    const full = await checkAndRecordChain(test.database.db, new Date('2026-11-29T03:00:00.000Z'))
    expect(full).toMatchObject({ ok: false, firstBrokenSeq: firstOther?.seq })
    expect(await latestChainCheck(test.database.db)).toMatchObject({
      ok: false,
      checkedAt: '2026-11-29T03:00:00.000Z',
    })
    // The entry just before this entity's second one is deleted: the link breaks there.
    await sql`delete from audit_events where seq = ${firstOther?.seq}`.execute(test.database.db)
    expect(await verifyEntityEntries(test.database.db, 'test', 'mine')).toMatchObject({
      ok: false,
      firstBrokenSeq: second?.seq,
      reason: 'prevHash does not match the previous entry',
    })
  })
})
