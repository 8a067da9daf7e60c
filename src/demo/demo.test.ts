import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../test/test-app.js'
import { verifyAuditChain } from '../modules/audit/index.js'
import { demoCollaborations } from './collaborations.seed.js'
import { seedDemoIfEmpty } from './index.js'

describe('the demo institution', () => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase()
    expect(await seedDemoIfEmpty(test.ctx)).toBe(true)
  })
  afterAll(async () => test.cleanup())

  it('has collaborations at every stage of the process', async () => {
    const rows = await test.database.db.selectFrom('collaborations').select(['status', 'title']).execute()
    expect(rows).toHaveLength(demoCollaborations().length)
    const statuses = new Set(rows.map((row) => row.status))
    for (const status of [
      'draft',
      'submitted',
      'in_review',
      'approved',
      'approved_with_conditions',
      'declined',
      'active',
      'ended',
      'withdrawn',
      'amendment_draft',
    ]) {
      expect(statuses, status).toContain(status)
    }
  })

  it('gives the demo researcher cases of their own in several stages', async () => {
    const rows = await test.database.db
      .selectFrom('collaborations')
      .innerJoin('collaborationMembers', 'collaborationMembers.collaborationId', 'collaborations.id')
      .innerJoin('users', 'users.id', 'collaborationMembers.userId')
      .where('users.username', '=', 'researcher')
      .select('collaborations.status')
      .execute()
    expect(new Set(rows.map((row) => row.status)).size).toBeGreaterThanOrEqual(4)
  })

  it('writes partner names in Chinese characters where the partner uses them', async () => {
    const partners = await test.database.db
      .selectFrom('collaborationPartners')
      .select('nameOriginal')
      .execute()
    expect(partners.some((partner) => /\p{Script=Han}/u.test(partner.nameOriginal))).toBe(true)
  })

  it('leaves a verifiable audit trail and loads only once', async () => {
    expect((await verifyAuditChain(test.database.db)).ok).toBe(true)
    expect(await seedDemoIfEmpty(test.ctx)).toBe(false)
  })
})
