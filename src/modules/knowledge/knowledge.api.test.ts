import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSheet, demoIds } from '../../../test/factories.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { runJobsUntilIdle } from '../../platform/jobs/index.js'
import { remindOverdueReviews } from './knowledge.service.js'

const checklist = {
  slug: 'partner-visit',
  language: 'en',
  kind: 'checklist',
  title: 'Checklist for hosting a partner visit',
  summary: 'Before guests arrive.',
  body: '- [ ] Visitor badge\n- [ ] Lab access agreed',
  ownerOffice: 'international_office',
  audience: 'everyone',
  tags: ['visits'],
  reviewIntervalMonths: 6,
}

describe('the knowledge API', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let now = new Date('2026-06-01T09:00:00Z')
  let office: TestClient
  let security: TestClient
  let researcher: TestClient
  let documentId: string

  /** Signs everyone in again: sessions expire when the test clock jumps months ahead. */
  const signIn = async () => {
    office = await harness.login('international-office')
    security = await harness.login('research-security')
    researcher = await harness.login('researcher')
  }

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test, { now: () => now })
    await signIn()
    const created = await office.request('/api/v1/knowledge/documents', { method: 'POST', json: checklist })
    expect(created.status).toBe(201)
    documentId = (await created.json()).documentId
  })
  afterAll(async () => test.cleanup())

  it('answers a stale save with 409 problem+json carrying the diff to merge by hand', async () => {
    const first = await security.request(`/api/v1/knowledge/documents/${documentId}`, {
      method: 'PUT',
      json: { ...checklist, baseVersion: 1, body: `${checklist.body}\n- [ ] Wi-Fi guest account` },
    })
    expect(first.status).toBe(200)
    const stale = await office.request(`/api/v1/knowledge/documents/${documentId}`, {
      method: 'PUT',
      json: { ...checklist, baseVersion: 1, title: 'Hosting a partner visit' },
    })
    expect(stale.status).toBe(409)
    expect(stale.headers.get('content-type')).toContain('application/problem+json')
    const problem = await stale.json()
    expect(problem.conflict).toMatchObject({ baseVersion: 1, currentVersion: 2 })
    expect(problem.conflict.diff.body).toContainEqual({ kind: 'added', text: '- [ ] Wi-Fi guest account\n' })
    expect(problem.conflict.current.body).toContain('Wi-Fi guest account')
  })

  it('refuses edits by researchers and bad input naming the field', async () => {
    const denied = await researcher.request(`/api/v1/knowledge/documents/${documentId}`, {
      method: 'PUT',
      json: { ...checklist, baseVersion: 2 },
    })
    expect(denied.status).toBe(403)
    expect(
      (await researcher.request('/api/v1/knowledge/documents', { method: 'POST', json: checklist })).status,
    ).toBe(403)
    const bad = await office.request('/api/v1/knowledge/documents', {
      method: 'POST',
      json: { ...checklist, slug: 'Not A Slug', kind: 'regulation' },
    })
    expect(bad.status).toBe(422)
    const fields = (await bad.json()).errors.map((error: { field: string }) => error.field)
    expect(fields).toEqual(expect.arrayContaining(['slug', 'topics']))
  })

  it('lets researchers ask, administrators answer, and the asker mark it answered; every step audited', async () => {
    const question = await researcher.request(`/api/v1/knowledge/documents/${documentId}/comments`, {
      method: 'POST',
      json: { body: 'Does this apply to online visits too?' },
    })
    expect(question.status).toBe(201)
    const asked = await question.json()
    const reply = await office.request(`/api/v1/knowledge/documents/${documentId}/comments`, {
      method: 'POST',
      json: { body: 'No, only to visits on site.', parentId: asked.id },
    })
    expect(reply.status).toBe(201)
    const answered = await researcher.request(`/api/v1/knowledge/comments/${asked.id}/answered`, {
      method: 'POST',
    })
    expect((await answered.json()).answeredByName).toBe('Dr. Lena Hoffmann')
    const list = await (await researcher.request(`/api/v1/knowledge/documents/${documentId}/comments`)).json()
    expect(list.map((comment: { parentId: string | null }) => comment.parentId)).toEqual([null, asked.id])
    const audit = await test.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityId', '=', documentId)
      .execute()
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'knowledge.comment_added',
        'knowledge.comment_answered',
        'knowledge.document_saved',
      ]),
    )
  })

  it('flags an overdue document, reminds its owners once per due period, and mark-reviewed moves the date', async () => {
    now = new Date('2026-12-05T09:00:00Z') // six months after creation
    await signIn()
    const before = await (await researcher.request(`/api/v1/knowledge/documents/${documentId}`)).json()
    expect(before).toMatchObject({ isDueForReview: true, nextReviewOn: '2026-12-01' })
    expect(before.lastReviewedAt.slice(0, 10)).toBe('2026-06-01')
    expect(await remindOverdueReviews({ ...test.ctx, now: () => now })).toBe(1)
    expect(await remindOverdueReviews({ ...test.ctx, now: () => now })).toBe(0)
    const notifications = await (await office.request('/api/v1/notifications')).json()
    const reminders = notifications.items.filter(
      (item: { kind: string }) => item.kind === 'document_review_due',
    )
    expect(reminders).toHaveLength(1)
    expect(reminders[0].link).toBe(`/knowledge/documents/${documentId}`)
    expect(
      (await researcher.request(`/api/v1/knowledge/documents/${documentId}/reviewed`, { method: 'POST' }))
        .status,
    ).toBe(403)
    const reviewed = await (
      await office.request(`/api/v1/knowledge/documents/${documentId}/reviewed`, { method: 'POST' })
    ).json()
    expect(reviewed).toMatchObject({ isDueForReview: false, nextReviewOn: '2027-06-05' })
    now = new Date('2027-06-06T09:00:00Z')
    expect(await remindOverdueReviews({ ...test.ctx, now: () => now })).toBe(1)
  })

  it('runs the reminder as a scheduled job', async () => {
    now = new Date('2028-01-10T09:00:00Z')
    await runJobsUntilIdle({ context: () => ({ ...test.ctx, now: () => now }), workerId: 'knowledge-test' })
    const row = await test.database.db
      .selectFrom('knowledgeDocuments')
      .select(['reviewRemindedFor', 'nextReviewOn'])
      .where('id', '=', documentId)
      .executeTakeFirstOrThrow()
    expect(row.reviewRemindedFor).toBe(row.nextReviewOn)
  })

  it('notifies the researchers and offices of touched cases when a regulation changes, and shows why', async () => {
    now = new Date('2026-06-02T09:00:00Z')
    await signIn()
    const ids = await demoIds(test.database.db)
    const sheet = buildSheet(ids, {
      activities: { jointResearch: true, dataSharing: true },
      dataSamples: { kinds: ['personal_data'], storage: 'x', processing: 'y', access: 'z' },
    })
    const created = await (
      await researcher.request('/api/v1/collaborations', { method: 'POST', json: { sheet } })
    ).json()
    expect(
      (await researcher.request(`/api/v1/collaborations/${created.id}/submit`, { method: 'POST' })).status,
    ).toBe(200)
    const untouched = await (
      await researcher.request('/api/v1/collaborations', {
        method: 'POST',
        json: { sheet: buildSheet(ids, { activities: { jointResearch: true }, dataSamples: { kinds: [] } }) },
      })
    ).json()
    await researcher.request(`/api/v1/collaborations/${untouched.id}/submit`, { method: 'POST' })

    const regulation = {
      slug: 'pipl',
      language: 'en',
      kind: 'regulation',
      title: 'Personal Information Protection Law',
      summary: 'China’s law on personal information.',
      body: 'In force since 1 November 2021.',
      ownerOffice: 'data_protection',
      jurisdiction: 'CN',
      effectiveDate: '2021-11-01',
      topics: ['personal-data'],
    }
    const dataProtection = await harness.login('data-protection')
    const saved = await dataProtection.request('/api/v1/knowledge/documents', {
      method: 'POST',
      json: regulation,
    })
    expect(saved.status).toBe(201)
    const regulationId = (await saved.json()).documentId
    // The watch runs as a job after the save committed.
    await runJobsUntilIdle({ context: () => test.ctx, workerId: 'regulation-watch' })
    const mine = await (await researcher.request('/api/v1/notifications')).json()
    const notices = mine.items.filter((item: { kind: string }) => item.kind === 'regulation_changed')
    expect(notices).toHaveLength(1)
    expect(notices[0].subject).toContain(created.reference)
    const officeNotices = await (await dataProtection.request('/api/v1/notifications')).json()
    expect(officeNotices.items.some((item: { kind: string }) => item.kind === 'regulation_changed')).toBe(
      true,
    )

    // A new version that changes the topics links to the diff of the change.
    await dataProtection.request(`/api/v1/knowledge/documents/${regulationId}`, {
      method: 'PUT',
      json: { ...regulation, baseVersion: 1, topics: ['personal-data', 'data-export'] },
    })
    await runJobsUntilIdle({ context: () => test.ctx, workerId: 'regulation-watch' })
    const after = await (await researcher.request('/api/v1/notifications')).json()
    const latest = after.items.find((item: { kind: string }) => item.kind === 'regulation_changed')
    expect(latest.link).toBe(`/knowledge/documents/${regulationId}/history?from=1&to=2`)

    const cases = await (await researcher.request(`/api/v1/knowledge/documents/${regulationId}/cases`)).json()
    expect(cases.map((entry: { collaborationId: string }) => entry.collaborationId)).toEqual([created.id])
    expect(cases[0].evidence).toEqual(
      expect.arrayContaining([
        { topic: 'personal-data', field: 'dataSamples.kinds', value: 'personal_data' },
        { topic: 'data-export', field: 'activities.dataSharing', value: 'yes' },
      ]),
    )
    // Another researcher sees the regulation, but not the cases of others.
    const other = await harness.login('j.fischer')
    expect(await (await other.request(`/api/v1/knowledge/documents/${regulationId}/cases`)).json()).toEqual(
      [],
    )
    const watch = await (await researcher.request('/api/v1/knowledge/regulation-watch')).json()
    expect(watch[0].regulation.slug).toBe('pipl')
    expect(watch[0].totalCases).toBe(1)
    expect(watch[0].cases.map((entry: { collaborationId: string }) => entry.collaborationId)).toEqual([
      created.id,
    ])
    // The other researcher's overview counts only what they may see.
    const theirs = await (await other.request('/api/v1/knowledge/regulation-watch')).json()
    expect(
      theirs.find((entry: { regulation: { slug: string } }) => entry.regulation.slug === 'pipl'),
    ).toMatchObject({ totalCases: 0, cases: [] })
  })

  it('exports a signed bundle without people or comments, and imports it showing the changes first', async () => {
    const key = await (await researcher.request('/api/v1/knowledge/bundles/key')).json()
    expect(key.fingerprint).toMatch(/^([0-9a-f]{4}:){15}[0-9a-f]{4}$/)
    expect(
      (
        await researcher.request('/api/v1/knowledge/bundles/export', {
          method: 'POST',
          json: { documentIds: [documentId] },
        })
      ).status,
    ).toBe(403)
    const exported = await security.request('/api/v1/knowledge/bundles/export', {
      method: 'POST',
      json: { documentIds: [documentId] },
    })
    expect(exported.status).toBe(200)
    const bundle = await exported.json()
    const text = JSON.stringify(bundle)
    for (const personal of [
      'Hoffmann',
      'Does this apply',
      'research-security',
      'international-office',
      'createdBy',
      'lastReviewedBy',
    ])
      expect(text).not.toContain(personal)
    expect(bundle.manifest.signer.fingerprint).toBe(key.fingerprint)
    expect(bundle.items[0].kind).toBe('knowledge-document')

    // Tampering with an item or the manifest is detected.
    const tampered = structuredClone(bundle)
    tampered.items[0].content.body += '\nmalicious'
    const rejected = await security.request('/api/v1/knowledge/bundles/imports', {
      method: 'POST',
      json: tampered,
    })
    expect(rejected.status).toBe(422)
    expect((await rejected.json()).errors[0].field).toBe('items.0')
    const resigned = structuredClone(bundle)
    resigned.manifest.institution = 'Someone else'
    expect(
      (await security.request('/api/v1/knowledge/bundles/imports', { method: 'POST', json: resigned }))
        .status,
    ).toBe(422)

    // Round trip into another institution.
    const other = await createDemoDatabase()
    try {
      const otherHarness = createTestApp(other)
      const otherSecurity = await otherHarness.login('research-security')
      const otherAdmin = await otherHarness.login('admin')
      const staged = await otherSecurity.request('/api/v1/knowledge/bundles/imports', {
        method: 'POST',
        json: bundle,
      })
      expect(staged.status).toBe(201)
      const preview = await staged.json()
      expect(preview).toMatchObject({ isKeyTrusted: false, fingerprint: key.fingerprint, status: 'staged' })
      expect(preview.items).toMatchObject([{ change: 'new', title: checklist.title }])
      const unconfirmed = await otherSecurity.request(
        `/api/v1/knowledge/bundles/imports/${preview.importId}/apply`,
        {
          method: 'POST',
          json: { confirmUnknownKey: true },
        },
      )
      expect(unconfirmed.status).toBe(403)
      const applied = await otherAdmin.request(
        `/api/v1/knowledge/bundles/imports/${preview.importId}/apply`,
        {
          method: 'POST',
          json: { confirmUnknownKey: true },
        },
      )
      expect(applied.status).toBe(200)
      const imported = await (await otherAdmin.request('/api/v1/knowledge/documents/partner-visit')).json()
      expect(imported).toMatchObject({
        title: checklist.title,
        version: 1,
        ownerOffice: 'international_office',
      })
      expect(imported.body).toContain('Wi-Fi guest account')
      const importedComments = await (
        await otherAdmin.request(`/api/v1/knowledge/documents/${imported.documentId}/comments`)
      ).json()
      expect(importedComments).toEqual([])

      // A changed document arrives as a new version, shown with its diff before it is applied.
      await security.request(`/api/v1/knowledge/documents/${documentId}`, {
        method: 'PUT',
        json: { ...checklist, baseVersion: 2, body: `${checklist.body}\n- [ ] Parking` },
      })
      const second = await (
        await security.request('/api/v1/knowledge/bundles/export', {
          method: 'POST',
          json: { documentIds: [documentId] },
        })
      ).json()
      const preview2 = await (
        await otherSecurity.request('/api/v1/knowledge/bundles/imports', { method: 'POST', json: second })
      ).json()
      expect(preview2.isKeyTrusted).toBe(true)
      expect(preview2.items[0].change).toBe('changed')
      expect(preview2.items[0].diff.body).toContainEqual({ kind: 'added', text: '- [ ] Parking\n' })
      expect(preview2.items[0].diff.body).toContainEqual({
        kind: 'removed',
        text: '- [ ] Wi-Fi guest account\n',
      })
      const done = await otherSecurity.request(
        `/api/v1/knowledge/bundles/imports/${preview2.importId}/apply`,
        {
          method: 'POST',
          json: {},
        },
      )
      expect(done.status).toBe(200)
      const history = await (
        await otherAdmin.request(`/api/v1/knowledge/documents/${imported.documentId}/versions`)
      ).json()
      expect(history.map((entry: { version: number }) => entry.version)).toEqual([2, 1])
      expect(
        (
          await otherSecurity.request(`/api/v1/knowledge/bundles/imports/${preview2.importId}/apply`, {
            method: 'POST',
            json: {},
          })
        ).status,
      ).toBe(409)
    } finally {
      await other.cleanup()
    }
  })
})
