import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, createTestDatabase, type TestDatabase, testDialect } from '../../../test/test-app.js'
import { seedDemoCollaborations } from '../../demo/collaborations.seed.js'
import { seedDemoOrganisation } from '../../demo/organisation.seed.js'
import { ensureAssessmentReferenceData } from '../assessment/index.js'
import { verifyAuditChain } from '../audit/index.js'
import { textColumns } from './privacy.repo.js'
import type { ErasureResult, PersonalDataExport } from './privacy.schema.js'

/** Every text value of every table (audit trail included), as "table.column: value". */
async function allText(test: TestDatabase): Promise<string[]> {
  const result: string[] = []
  const columns = await textColumns(test.database.db, test.database.dialect)
  const audit: Array<[string, string]> = [
    ['audit_events', 'actor_name'],
    ['audit_events', 'before'],
    ['audit_events', 'after'],
    ['users', 'username'],
    ['users', 'display_name'],
    ['users', 'email'],
    ['sessions', 'user_agent'],
    ['rate_limits', 'key'],
  ]
  for (const [table, column] of [...columns, ...audit]) {
    const rows = await sql<{
      value: string | null
    }>`select ${sql.ref(column)} as value from ${sql.table(table)}`.execute(test.database.db)
    for (const row of rows.rows) if (row.value) result.push(`${table}.${column}: ${row.value}`)
  }
  return result
}

describe(`personal data (${testDialect})`, () => {
  let test: TestDatabase
  let api: ReturnType<typeof createTestApp>
  let researcherId: string
  const name = 'Dr. Lena Hoffmann'
  const email = 'researcher@fz-havelland.example'

  beforeAll(async () => {
    test = await createTestDatabase()
    await seedDemoOrganisation(test.ctx)
    await ensureAssessmentReferenceData(test.ctx)
    await seedDemoCollaborations(test.ctx)
    api = createTestApp(test)
    researcherId = (
      await test.database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'researcher')
        .executeTakeFirstOrThrow()
    ).id
  }, 120_000)
  afterAll(async () => test.cleanup())

  it('exports everything about a person, for an admin and for the person', async () => {
    const researcher = await api.login('researcher')
    const cases = (await (await researcher.request('/api/v1/collaborations')).json()) as Array<{
      id: string
      status: string
    }>
    const submitted = cases.find((item) => item.status !== 'draft')
    expect(submitted).toBeDefined()
    // Activity the export must show: opening a case, a message, a token; and a mention by someone else.
    expect((await researcher.request(`/api/v1/collaborations/${submitted?.id}`)).status).toBe(200)
    const posted = await researcher.request(`/api/v1/collaborations/${submitted?.id}/messages`, {
      method: 'POST',
      json: { body: 'Gern beantworte ich Rückfragen – Lena Hoffmann', isInternal: false },
    })
    expect(posted.status).toBe(201)
    const token = await researcher.request('/api/v1/me/tokens', {
      method: 'POST',
      json: { name: 'Skript', expiresInDays: 30 },
    })
    expect(token.status).toBe(201)
    const tokenSecret = ((await token.json()) as { token: string }).token
    const security = await api.login('research-security')
    const mention = await security.request(`/api/v1/collaborations/${submitted?.id}/messages`, {
      method: 'POST',
      json: { body: `@researcher bitte ergänzen; Rückfrage an ${name} (${email})`, isInternal: false },
    })
    expect(mention.status).toBe(201)

    const mine = await researcher.request('/api/v1/me/personal-data')
    expect(mine.status).toBe(200)
    expect(mine.headers.get('content-disposition')).toContain('attachment')
    const own = (await mine.json()) as PersonalDataExport
    expect(own.subject).toMatchObject({ username: 'researcher', displayName: name, email })
    const sections = own.sections as Record<string, Record<string, unknown[]>>
    expect(Object.keys(sections)).toEqual(
      expect.arrayContaining([
        'account',
        'access',
        'notifications',
        'collaborations',
        'reviews',
        'screening',
        'audit',
      ]),
    )
    expect(sections.access?.apiTokens).toHaveLength(1)
    expect(JSON.stringify(sections.access)).not.toContain(tokenSecret)
    expect(sections.collaborations?.namedOnCases?.length).toBeGreaterThan(0)
    expect(sections.collaborations?.caseAccess?.length).toBeGreaterThan(0)
    expect(JSON.stringify(sections.reviews?.messages)).toContain('Gern beantworte ich')
    expect((sections.audit as unknown as unknown[]).length).toBeGreaterThan(0)

    const admin = await api.login('admin')
    const found = (await (await admin.request('/api/v1/personal-data/subjects?q=hoffmann')).json()) as Array<{
      id: string
    }>
    expect(found.map((person) => person.id)).toEqual([researcherId])
    const byAdmin = await admin.request(`/api/v1/personal-data/subjects/${researcherId}/export`)
    expect(byAdmin.status).toBe(200)
    // Others may not export someone else's data.
    expect((await security.request(`/api/v1/personal-data/subjects/${researcherId}/export`)).status).toBe(403)
    expect((await researcher.request(`/api/v1/personal-data/subjects/${researcherId}/export`)).status).toBe(
      403,
    )
  }, 60_000)

  it('refuses an erasure without the right confirmation and changes nothing', async () => {
    const admin = await api.login('admin')
    const response = await admin.request(`/api/v1/personal-data/subjects/${researcherId}/erase`, {
      method: 'POST',
      json: { confirmUsername: 'someone-else', reason: 'Antrag nach Art. 17 DSGVO' },
    })
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('confirmUsername')
    const user = await test.database.db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', researcherId)
      .executeTakeFirstOrThrow()
    expect(user.displayName).toBe(name)
  })

  it('erases a person everywhere, keeps the cases readable and the audit chain verifiable', async () => {
    const researcher = await api.login('researcher')
    const tokens = (await (await researcher.request('/api/v1/me/tokens')).json()) as unknown[]
    expect(tokens).toHaveLength(1)
    const cases = await test.database.db
      .selectFrom('collaborationMembers')
      .select('collaborationId')
      .where('userId', '=', researcherId)
      .execute()
    expect(cases.length).toBeGreaterThan(3)
    const before = (await allText(test)).filter(
      (text) => text.includes('Lena Hoffmann') || text.includes(email),
    )
    expect(before.length).toBeGreaterThan(10)

    const admin = await api.login('admin')
    const response = await admin.request(`/api/v1/personal-data/subjects/${researcherId}/erase`, {
      method: 'POST',
      json: { confirmUsername: 'researcher', reason: 'Antrag von Dr. Lena Hoffmann nach Art. 17 DSGVO' },
    })
    expect(response.status).toBe(200)
    const result = (await response.json()) as ErasureResult
    expect(result.pseudonym).toMatch(/^erased-[0-9a-f]{8}$/)
    expect(result.counts.audit?.redactedAuditEntries).toBeGreaterThan(5)

    // No trace of the name or the address in any text column of any table, the audit trail included.
    const traces = (await allText(test)).filter(
      (text) => text.includes('Lena Hoffmann') || text.includes(email) || text.includes('@researcher '),
    )
    expect(traces).toEqual([])
    // Columns that record who did something by username no longer hold it.
    const byUsername = await test.database.db
      .selectFrom('auditEvents')
      .select('seq')
      .where('actorName', '=', 'researcher')
      .execute()
    expect(byUsername).toEqual([])
    const access = await test.database.db
      .selectFrom('caseAccessLog')
      .select('userName')
      .where('userId', '=', researcherId)
      .execute()
    expect(access.every((row) => row.userName === result.pseudonym)).toBe(true)

    // The audit chain verifies, and the erasure is in it without the erased values.
    expect(await verifyAuditChain(test.database.db)).toMatchObject({ ok: true })
    const verify = await admin.request('/api/v1/audit/verify')
    expect(((await verify.json()) as { ok: boolean }).ok).toBe(true)
    const erasure = await test.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'personal_data.erased')
      .executeTakeFirstOrThrow()
    expect(erasure.after).toContain(result.pseudonym)
    expect(erasure.after).not.toContain('Hoffmann')

    // Sessions ended, token revoked, account disabled.
    expect((await researcher.request('/api/v1/auth/session')).status).toBe(401)
    const login = await api.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'researcher', password: 'demo' },
    })
    expect(login.status).toBe(401)
    const revoked = await test.database.db
      .selectFrom('apiTokens')
      .select('revokedAt')
      .where('userId', '=', researcherId)
      .execute()
    expect(revoked.every((row) => row.revokedAt !== null)).toBe(true)

    // The cases stay intact and readable, with the pseudonym where the name was.
    const visible = await test.database.db
      .selectFrom('collaborations')
      .select('id as collaborationId')
      .where(
        'id',
        'in',
        cases.map((row) => row.collaborationId),
      )
      .where('status', '!=', 'draft')
      .execute()
    expect(visible.length).toBeGreaterThan(2)
    for (const { collaborationId } of visible.slice(0, 3)) {
      const read = await admin.request(`/api/v1/collaborations/${collaborationId}`)
      expect(read.status).toBe(200)
      const body = (await read.json()) as {
        sheet: { title: string; principalInvestigators: Array<{ name: string }> }
      }
      expect(body.sheet.title.length).toBeGreaterThan(0)
      const names = JSON.stringify(body.sheet.principalInvestigators)
      expect(names).not.toContain('Hoffmann')
    }
    const pis = await test.database.db.selectFrom('collaborations').select('sheet').execute()
    expect(pis.some((row) => row.sheet.includes(`Person ${result.pseudonym.slice(7)}`))).toBe(true)

    // A second erasure of the same person is refused.
    const again = await admin.request(`/api/v1/personal-data/subjects/${researcherId}/erase`, {
      method: 'POST',
      json: { confirmUsername: result.pseudonym, reason: 'noch einmal' },
    })
    expect(again.status).toBe(409)
  }, 120_000)

  it('detects tampering with a pseudonymised audit entry', async () => {
    const redacted = await test.database.db
      .selectFrom('auditEvents')
      .select(['seq', 'after'])
      .where('redactedBy', 'is not', null)
      .where('after', 'is not', null)
      .orderBy('seq')
      .executeTakeFirstOrThrow()
    await test.database.db
      .updateTable('auditEvents')
      .set({ after: '{"tampered":true}' })
      .where('seq', '=', redacted.seq)
      .execute()
    const result = await verifyAuditChain(test.database.db)
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: redacted.seq })
    await test.database.db
      .updateTable('auditEvents')
      .set({ after: redacted.after })
      .where('seq', '=', redacted.seq)
      .execute()
    expect((await verifyAuditChain(test.database.db)).ok).toBe(true)
  })
})
