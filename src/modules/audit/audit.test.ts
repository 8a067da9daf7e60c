import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoDatabase, type TestDatabase } from '../../../test/test-app.js'
import { canonicalJson } from './audit.hash.js'
import { recordAudit, verifyAuditChain } from './audit.service.js'

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
