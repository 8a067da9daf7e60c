import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, createTestDatabase, type TestDatabase, testDialect } from '../../../test/test-app.js'
import { seedDemoCollaborations } from '../../demo/collaborations.seed.js'
import { seedDemoOrganisation } from '../../demo/organisation.seed.js'
import { registeredSchedules } from '../../platform/jobs/jobs.js'
import { newId } from '../../shared/ids.js'
import { ensureAssessmentReferenceData } from '../assessment/index.js'
import { verifyAuditChain } from '../audit/index.js'
import { archivedPersonLabel, archiveExpiredCases } from './index.js'

describe(`retention (${testDialect})`, () => {
  let test: TestDatabase
  let endedId: string
  let storageKey: string

  beforeAll(async () => {
    test = await createTestDatabase({
      RETENTION_ARCHIVE_AFTER_DAYS: '365',
      RETENTION_DROP: 'attachments,personal_data',
    })
    await seedDemoOrganisation(test.ctx)
    await ensureAssessmentReferenceData(test.ctx)
    await seedDemoCollaborations(test.ctx)
    const ended = await test.database.db
      .selectFrom('collaborations')
      .select(['id', 'decision'])
      .where('status', '=', 'ended')
      .executeTakeFirstOrThrow()
    endedId = ended.id
    // An attachment and a discussion on the ended case.
    const stored = await test.ctx.storage.put(
      new TextEncoder().encode('%PDF-1.4 contract of Dr. Lena Hoffmann'),
    )
    storageKey = stored.key
    await test.database.db
      .insertInto('attachments')
      .values({
        id: newId(),
        collaborationId: endedId,
        fileName: 'vertrag.pdf',
        contentType: 'application/pdf',
        size: 40,
        sha256: stored.sha256,
        storageKey: stored.key,
        description: 'Kooperationsvertrag',
        uploadedBy: 'Dr. Lena Hoffmann',
        createdAt: new Date().toISOString(),
        removedAt: null,
      })
      .execute()
    const researcher = await test.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'researcher')
      .executeTakeFirstOrThrow()
    await test.database.db
      .insertInto('messages')
      .values({
        id: newId(),
        collaborationId: endedId,
        authorId: researcher.id,
        authorName: 'Dr. Lena Hoffmann',
        body: 'Abschlussbericht folgt.',
        isInternal: 0,
        mentions: '[]',
        createdAt: new Date().toISOString(),
      })
      .execute()
  }, 120_000)
  afterAll(async () => test.cleanup())

  it('is scheduled daily', () => {
    const schedule = registeredSchedules().find((entry) => entry.name === 'privacy.retention')
    expect(schedule?.everyMs).toBe(24 * 3_600_000)
  })

  it('leaves cases alone within the retention period', async () => {
    const run = await archiveExpiredCases(test.ctx)
    expect(run.archived).toEqual([])
  })

  it('archives ended and withdrawn cases after the period: decision kept, attachments and personal data dropped', async () => {
    const before = await test.database.db
      .selectFrom('collaborations')
      .selectAll()
      .where('id', '=', endedId)
      .executeTakeFirstOrThrow()
    const reviewsBefore = await test.database.db
      .selectFrom('officeReviews')
      .selectAll()
      .where('collaborationId', '=', endedId)
      .execute()
    const later = { ...test.ctx, now: () => new Date(Date.now() + 400 * 86_400_000) }
    const run = await archiveExpiredCases(later)
    const ids = run.archived.map((entry) => entry.id)
    expect(ids).toContain(endedId)
    const statuses = await test.database.db
      .selectFrom('collaborations')
      .select('status')
      .where('id', 'in', ids)
      .execute()
    expect(statuses.every((row) => ['ended', 'withdrawn'].includes(row.status))).toBe(true)
    expect(run.attachmentsDeleted).toBe(1)
    expect(existsSync(join(test.config.files.dir, storageKey))).toBe(false)

    const after = await test.database.db
      .selectFrom('collaborations')
      .selectAll()
      .where('id', '=', endedId)
      .executeTakeFirstOrThrow()
    expect(after.archivedAt).not.toBeNull()
    expect(after.decision).toBe(before.decision)
    expect(after.status).toBe(before.status)
    const sheet = JSON.parse(after.sheet) as {
      principalInvestigators: Array<{ name: string }>
      partners: Array<{ contactName: string }>
    }
    expect(sheet.principalInvestigators.every((person) => person.name === archivedPersonLabel)).toBe(true)
    expect(sheet.partners.every((partner) => partner.contactName === '')).toBe(true)
    const reviewsAfter = await test.database.db
      .selectFrom('officeReviews')
      .selectAll()
      .where('collaborationId', '=', endedId)
      .execute()
    expect(reviewsAfter.map((row) => [row.findings, row.recommendation, row.conditions])).toEqual(
      reviewsBefore.map((row) => [row.findings, row.recommendation, row.conditions]),
    )
    expect(
      await test.database.db
        .selectFrom('messages')
        .select('id')
        .where('collaborationId', '=', endedId)
        .execute(),
    ).toEqual([])
    const attachments = await test.database.db
      .selectFrom('attachments')
      .selectAll()
      .where('collaborationId', '=', endedId)
      .execute()
    expect(attachments.every((row) => row.removedAt !== null && row.uploadedBy === archivedPersonLabel)).toBe(
      true,
    )

    const audit = await test.database.db
      .selectFrom('auditEvents')
      .select('after')
      .where('action', '=', 'collaboration.archived')
      .where('entityId', '=', endedId)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ dropped: { attachments: 1, messages: 1 } })
    expect((await verifyAuditChain(test.database.db)).ok).toBe(true)

    // Running again archives nothing twice.
    expect((await archiveExpiredCases(later)).archived).toEqual([])
  })

  it('shows the case as archived, with its decision, in the API', async () => {
    const api = createTestApp(test)
    const admin = await api.login('admin')
    const response = await admin.request(`/api/v1/collaborations/${endedId}`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { archivedAt: string | null; decision: unknown }
    expect(body.archivedAt).not.toBeNull()
    expect(body.decision).not.toBeNull()
  })
})
