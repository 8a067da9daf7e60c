import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSheet, completeOpenReviews, demoIds } from '../../../test/factories.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { ensureAssessmentReferenceData } from '../assessment/index.js'

describe('collaborations through the API', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let researcher: TestClient
  let ids: Awaited<ReturnType<typeof demoIds>>

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test)
    researcher = await harness.login('researcher')
    ids = await demoIds(test.database.db)
  })
  afterAll(async () => test.cleanup())

  const create = async (client: TestClient, sheet: object = buildSheet(ids)) => {
    const response = await client.request('/api/v1/collaborations', { method: 'POST', json: { sheet } })
    expect(response.status).toBe(201)
    return response.json()
  }

  it('starts a draft with a reference number that only its authors can see', async () => {
    const draft = await create(researcher, { title: 'First idea' })
    expect(draft.reference).toMatch(/^FZH-\d{4}-\d{4}$/)
    expect(draft.status).toBe('draft')
    expect(draft.sheet.principalInvestigators).toEqual([
      { userId: ids.researcherId, name: ids.researcherName },
    ])
    expect(draft.nextStep).toMatchObject({ step: 'complete_sheet', askedOfResearcher: 'complete_and_submit' })
    expect(draft.submissionProblems.length).toBeGreaterThan(5)
    for (const username of ['expert', 'admin', 'export-control']) {
      const other = await harness.login(username)
      expect((await other.request(`/api/v1/collaborations/${draft.id}`)).status).toBe(404)
    }
  })

  it('autosaves a draft and refuses a stale save with 409 instead of overwriting', async () => {
    const draft = await create(researcher, { title: 'Autosave' })
    const first = await researcher.request(`/api/v1/collaborations/${draft.id}/sheet`, {
      method: 'PUT',
      json: { sheet: { ...draft.sheet, title: 'Autosave, edited' }, baseUpdatedAt: draft.updatedAt },
    })
    expect(first.status).toBe(200)
    const stale = await researcher.request(`/api/v1/collaborations/${draft.id}/sheet`, {
      method: 'PUT',
      json: { sheet: { ...draft.sheet, title: 'Lost update' }, baseUpdatedAt: draft.updatedAt },
    })
    expect(stale.status).toBe(409)
    const stored = await (await researcher.request(`/api/v1/collaborations/${draft.id}`)).json()
    expect(stored.sheet.title).toBe('Autosave, edited')
  })

  it('refuses submission with a 422 that names each missing field, including an unexplained “no”', async () => {
    const sheet = buildSheet(ids, { summary: '' })
    sheet.answers = { ...sheet.answers, civil_end_use: { answer: 'no', explanation: '' } }
    const draft = await create(researcher, sheet)
    const response = await researcher.request(`/api/v1/collaborations/${draft.id}/submit`, { method: 'POST' })
    expect(response.status).toBe(422)
    const fields = (await response.json()).errors.map((error: { field: string }) => error.field)
    expect(fields).toEqual(['summary', 'answers.civil_end_use.explanation'])
    expect((await (await researcher.request(`/api/v1/collaborations/${draft.id}`)).json()).status).toBe(
      'draft',
    )
  })

  it('submits a complete case as version 1, visible to the offices and in “my collaborations”', async () => {
    const draft = await create(researcher)
    const response = await researcher.request(`/api/v1/collaborations/${draft.id}/submit`, { method: 'POST' })
    expect(response.status).toBe(200)
    const submitted = await response.json()
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, questionnaireVersion: 1 })
    expect(submitted.nextStep.holder).toEqual({ kind: 'office', key: 'research_security' })
    // Research security does the intake of every case; other offices see it once it is routed to them.
    const intake = await harness.login('research-security')
    expect((await intake.request(`/api/v1/collaborations/${draft.id}`)).status).toBe(200)
    const all = await (await intake.request('/api/v1/collaborations?scope=all')).json()
    expect(all.map((item: { id: string }) => item.id)).toContain(draft.id)
    const notRouted = await harness.login('export-control')
    expect((await notRouted.request(`/api/v1/collaborations/${draft.id}`)).status).toBe(404)
    const notRoutedAll = await (await notRouted.request('/api/v1/collaborations?scope=all')).json()
    expect(notRoutedAll.map((item: { id: string }) => item.id)).not.toContain(draft.id)
    const mine = await (await researcher.request('/api/v1/collaborations')).json()
    const line = mine.find((item: { id: string }) => item.id === draft.id)
    expect(line).toMatchObject({
      status: 'submitted',
      countries: ['CN'],
      partnerNames: ['Institute of Geology, China Earthquake Administration'],
    })
    const other = await harness.login('expert')
    const othersOwn = await (await other.request('/api/v1/collaborations')).json()
    expect(othersOwn.map((item: { id: string }) => item.id)).not.toContain(draft.id)
  })

  it('goes through review, decision, activation, amendment and follow-up, recording every step', async () => {
    const draft = await create(researcher)
    await researcher.request(`/api/v1/collaborations/${draft.id}/submit`, { method: 'POST' })
    const security = await harness.login('research-security')
    expect(
      (await security.request(`/api/v1/collaborations/${draft.id}/start-review`, { method: 'POST' })).status,
    ).toBe(200)
    expect(
      (await researcher.request(`/api/v1/collaborations/${draft.id}/decision`, { method: 'POST', json: {} }))
        .status,
    ).toBe(403)
    const decider = await harness.login('decision-maker')
    const early = await decider.request(`/api/v1/collaborations/${draft.id}/decision`, {
      method: 'POST',
      json: { outcome: 'approved', reasons: 'Too early.' },
    })
    expect(early.status).toBe(409)
    expect(await completeOpenReviews(test, draft.id)).toEqual(
      expect.arrayContaining(['hr', 'international_office']),
    )
    const decided = await decider.request(`/api/v1/collaborations/${draft.id}/decision`, {
      method: 'POST',
      json: {
        outcome: 'approved_with_conditions',
        reasons: 'Basic research, open publication.',
        conditions: ['Data management plan before start'],
      },
    })
    expect(decided.status, await decided.clone().text()).toBe(200)
    expect((await decided.json()).decision).toMatchObject({
      outcome: 'approved_with_conditions',
      decidedBy: 'Prof. Dr. Andreas Lorenz',
    })
    expect(
      (
        await researcher.request(`/api/v1/collaborations/${draft.id}/withdraw`, {
          method: 'POST',
          json: { reason: 'late' },
        })
      ).status,
    ).toBe(409)
    expect(
      (await researcher.request(`/api/v1/collaborations/${draft.id}/activate`, { method: 'POST' })).status,
    ).toBe(200)

    const amending = await (
      await researcher.request(`/api/v1/collaborations/${draft.id}/amend`, { method: 'POST' })
    ).json()
    expect(amending.status).toBe('amendment_draft')
    const sheet = {
      ...amending.sheet,
      trl: 4,
      partners: [{ ...amending.sheet.partners[0], department: 'Geodesy lab' }],
    }
    await researcher.request(`/api/v1/collaborations/${draft.id}/sheet`, {
      method: 'PUT',
      json: { sheet, baseUpdatedAt: amending.updatedAt },
    })
    const diff = await (await decider.request(`/api/v1/collaborations/${draft.id}/diff`)).json()
    expect(diff.map((change: { field: string }) => change.field)).toEqual([
      `partners[${sheet.partners[0].id}].department`,
      'trl',
    ])
    const resubmitted = await (
      await researcher.request(`/api/v1/collaborations/${draft.id}/submit`, { method: 'POST' })
    ).json()
    expect(resubmitted).toMatchObject({ status: 'submitted', version: 2, decidedVersion: 1 })
    const versions = await (await researcher.request(`/api/v1/collaborations/${draft.id}/versions`)).json()
    expect(versions.map((version: { kind: string }) => version.kind)).toEqual(['submission', 'amendment'])

    const followUp = await researcher.request(`/api/v1/collaborations/${draft.id}/follow-up`, {
      method: 'POST',
    })
    expect(followUp.status).toBe(201)
    const copy = await followUp.json()
    expect(copy).toMatchObject({ status: 'draft', followUpOf: draft.id })
    expect(copy.sheet.title).toBe(sheet.title)
    expect(copy.sheet.answers).toEqual({})

    const history = await (await researcher.request(`/api/v1/collaborations/${draft.id}/history`)).json()
    expect(
      history
        .map((entry: { action: string }) => entry.action)
        .filter((action: string) => action.startsWith('collaboration.'))
        .reverse(),
    ).toEqual([
      'collaboration.created',
      'collaboration.submitted',
      'collaboration.in_review',
      'collaboration.approved_with_conditions',
      'collaboration.active',
      'collaboration.amendment_draft',
      'collaboration.draft_saved',
      'collaboration.amendment_submitted',
    ])
  })

  it('restores the decided sheet when an amendment is withdrawn', async () => {
    const draft = await create(researcher)
    await researcher.request(`/api/v1/collaborations/${draft.id}/submit`, { method: 'POST' })
    await (await harness.login('admin')).request(`/api/v1/collaborations/${draft.id}/start-review`, {
      method: 'POST',
    })
    await completeOpenReviews(test, draft.id)
    await (await harness.login('decision-maker')).request(`/api/v1/collaborations/${draft.id}/decision`, {
      method: 'POST',
      json: { outcome: 'approved', reasons: 'Fine.' },
    })
    const amending = await (
      await researcher.request(`/api/v1/collaborations/${draft.id}/amend`, { method: 'POST' })
    ).json()
    await researcher.request(`/api/v1/collaborations/${draft.id}/sheet`, {
      method: 'PUT',
      json: { sheet: { ...amending.sheet, title: 'Changed my mind' }, baseUpdatedAt: amending.updatedAt },
    })
    const back = await (
      await researcher.request(`/api/v1/collaborations/${draft.id}/withdraw-amendment`, { method: 'POST' })
    ).json()
    expect(back).toMatchObject({ status: 'approved' })
    expect(back.sheet.title).toBe(amending.sheet.title)
  })

  it('withdraws a submitted case with a reason', async () => {
    const draft = await create(researcher)
    await researcher.request(`/api/v1/collaborations/${draft.id}/submit`, { method: 'POST' })
    const noReason = await researcher.request(`/api/v1/collaborations/${draft.id}/withdraw`, {
      method: 'POST',
      json: { reason: ' ' },
    })
    expect(noReason.status).toBe(422)
    const withdrawn = await researcher.request(`/api/v1/collaborations/${draft.id}/withdraw`, {
      method: 'POST',
      json: { reason: 'Partner changed plans' },
    })
    expect((await withdrawn.json()).status).toBe('withdrawn')
  })

  it('rejects unknown research areas, units and users, naming the field', async () => {
    const response = await researcher.request('/api/v1/collaborations', {
      method: 'POST',
      json: { sheet: { researchAreas: ['999-99'], unitId: '01900000-0000-7000-8000-000000000000' } },
    })
    expect(response.status).toBe(422)
    const fields = (await response.json()).errors.map((error: { field: string }) => error.field).sort()
    expect(fields).toEqual(['researchAreas.0', 'unitId'])
  })

  it('has no nationality or origin field for any person', async () => {
    const response = await researcher.request('/api/v1/collaborations', {
      method: 'POST',
      json: {
        sheet: {
          partners: [{ id: '0190a1b2-0000-7000-8000-0000000000ff', contactName: 'X', nationality: 'CN' }],
        },
      },
    })
    expect(response.status).toBe(422)
    expect((await response.json()).errors[0].field).toBe('sheet.partners.0.nationality')
  })

  it('publishes a new questionnaire version that new drafts answer while submitted cases keep theirs', async () => {
    const admin = await harness.login('admin')
    const current = await (await admin.request('/api/v1/questionnaire')).json()
    const extra = {
      key: 'cyber_security',
      section: 'data_security',
      textDe: 'Ist die IT-Sicherheit geklärt?',
      textEn: 'Is IT security settled?',
    }
    const published = await admin.request('/api/v1/questionnaire', {
      method: 'POST',
      json: { questions: [...current.questions, extra] },
    })
    expect(published.status).toBe(201)
    expect((await published.json()).version).toBe(current.version + 1)
    const draft = await create(researcher)
    const refused = await researcher.request(`/api/v1/collaborations/${draft.id}/submit`, { method: 'POST' })
    expect((await refused.json()).errors.map((error: { field: string }) => error.field)).toEqual([
      'answers.cyber_security.answer',
    ])
  })
})

describe('checklists of the research area', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  let researcher: TestClient
  let ids: Awaited<ReturnType<typeof demoIds>>

  beforeAll(async () => {
    test = await createDemoDatabase()
    await ensureAssessmentReferenceData(test.ctx)
    harness = createTestApp(test)
    researcher = await harness.login('researcher')
    ids = await demoIds(test.database.db)
  })
  afterAll(async () => test.cleanup())

  it('attaches the checklist of a geodesy case and requires its answers, a “no” with a reason', async () => {
    const created = await (
      await researcher.request('/api/v1/collaborations', { method: 'POST', json: { sheet: buildSheet(ids) } })
    ).json()
    const checklist = created.checklists.find((entry: { key: string }) => entry.key === 'geosciences_sensing')
    expect(checklist).toBeDefined()
    const keys = checklist.questions.map((question: { key: string }) => question.key)
    expect(created.submissionProblems.map((problem: { field: string }) => problem.field)).toEqual(
      keys.map((key: string) => `answers.${key}.answer`),
    )
    const answers = { ...created.sheet.answers }
    for (const key of keys) answers[key] = { answer: 'yes', explanation: '' }
    answers[keys[0]] = { answer: 'no', explanation: '' }
    const saved = await (
      await researcher.request(`/api/v1/collaborations/${created.id}/sheet`, {
        method: 'PUT',
        json: { sheet: { ...created.sheet, answers }, baseUpdatedAt: created.updatedAt },
      })
    ).json()
    expect(saved.submissionProblems.map((problem: { field: string }) => problem.field)).toEqual([
      `answers.${keys[0]}.explanation`,
    ])
    answers[keys[0]] = {
      answer: 'no',
      explanation: 'A borrowed commercial gravimeter; specifications are public.',
    }
    await researcher.request(`/api/v1/collaborations/${created.id}/sheet`, {
      method: 'PUT',
      json: { sheet: { ...created.sheet, answers }, baseUpdatedAt: saved.updatedAt },
    })
    expect(
      (await researcher.request(`/api/v1/collaborations/${created.id}/submit`, { method: 'POST' })).status,
    ).toBe(200)
  })
})

describe('the access log of a case', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test)
  })
  afterAll(async () => test.cleanup())

  it('records who opened a case and shows it to administrators and auditors only', async () => {
    const researcher = await harness.login('researcher')
    const ids = await demoIds(test.database.db)
    const created = await (
      await researcher.request('/api/v1/collaborations', { method: 'POST', json: { sheet: buildSheet(ids) } })
    ).json()
    await researcher.request(`/api/v1/collaborations/${created.id}`)
    await researcher.request(`/api/v1/collaborations/${created.id}/submit`, { method: 'POST' })
    const security = await harness.login('research-security')
    await security.request(`/api/v1/collaborations/${created.id}`)
    expect((await researcher.request(`/api/v1/collaborations/${created.id}/access-log`)).status).toBe(403)
    const log = await (
      await (await harness.login('auditor')).request(`/api/v1/collaborations/${created.id}/access-log`)
    ).json()
    expect(log.map((entry: { userName: string }) => entry.userName)).toEqual([
      'research-security',
      'researcher',
    ])
    expect(log[0]).toMatchObject({ via: 'session', at: expect.any(String) })
  })
})
