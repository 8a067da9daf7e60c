import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildSheet, completeOpenReviews, demoIds } from '../../../test/factories.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import type { DataSheetInput } from '../collaborations/index.js'
import { checkDeadlines } from './review.service.js'

describe('the joint review process', () => {
  let test: TestDatabase
  let now = new Date('2026-03-06T09:00:00Z') // a Friday
  let harness: ReturnType<typeof createTestApp>
  let researcher: TestClient
  let ids: Awaited<ReturnType<typeof demoIds>>
  const login = (username: string) => harness.login(username)

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test, { now: () => now })
    researcher = await login('researcher')
    ids = await demoIds(test.database.db)
  })
  afterAll(async () => test.cleanup())
  beforeEach(() => {
    now = new Date('2026-03-06T09:00:00Z')
  })

  /** Creates, submits and takes a case into review; returns its id. */
  const caseInReview = async (overrides: Partial<DataSheetInput> = {}) => {
    const created = await (
      await researcher.request('/api/v1/collaborations', {
        method: 'POST',
        json: { sheet: buildSheet(ids, overrides) },
      })
    ).json()
    expect(
      (await researcher.request(`/api/v1/collaborations/${created.id}/submit`, { method: 'POST' })).status,
    ).toBe(200)
    const intake = await login('research-security')
    expect(
      (await intake.request(`/api/v1/collaborations/${created.id}/start-review`, { method: 'POST' })).status,
    ).toBe(200)
    return created.id as string
  }
  const reviewOf = async (client: TestClient, id: string) =>
    (await client.request(`/api/v1/collaborations/${id}/review`)).json()

  it('routes the case to the offices whose rules apply, says why, and gives each its deadline in working days', async () => {
    const id = await caseInReview({
      activities: {
        jointResearch: true,
        mobility: true,
        mobilityDirection: 'both',
        mobilityMonths: 3,
        ipLicensing: true,
        contractOrMou: true,
      },
      dataSamples: { kinds: ['personal_data'], storage: 'Institute', access: 'Project members' },
    })
    const review = await reviewOf(researcher, id)
    const offices = review.reviews.map((entry: { participant: string }) => entry.participant).sort()
    expect(offices).toEqual(['data_protection', 'hr', 'international_office', 'legal', 'technology_transfer'])
    const hr = review.reviews.find((entry: { participant: string }) => entry.participant === 'hr')
    expect(hr.reasons[0].explanationEn).toContain('Staff exchange')
    // Friday + 5 working days = the next Friday; legal has 10.
    expect(hr.dueAt).toBe('2026-03-13T09:00:00.000Z')
    const legal = review.reviews.find((entry: { participant: string }) => entry.participant === 'legal')
    expect(legal.dueAt).toBe('2026-03-20T09:00:00.000Z')
    expect(review.readyForDecision).toBe(false)
  })

  it('shows a reviewer only the cases routed to their office, in their queue with the deadline', async () => {
    const id = await caseInReview()
    const hr = await login('hr')
    expect((await hr.request(`/api/v1/collaborations/${id}`)).status).toBe(200)
    const queue = await (await hr.request('/api/v1/reviews/queue?sort=due')).json()
    expect(queue.map((item: { collaborationId: string }) => item.collaborationId)).toContain(id)
    const legal = await login('legal')
    expect((await legal.request(`/api/v1/collaborations/${id}`)).status).toBe(404)
    const legalQueue = await (await legal.request('/api/v1/reviews/queue')).json()
    expect(legalQueue.map((item: { collaborationId: string }) => item.collaborationId)).not.toContain(id)
    expect((await researcher.request('/api/v1/reviews/queue')).status).toBe(403)
  })

  it('lets only the routed office complete its review', async () => {
    const id = await caseInReview()
    const { reviews } = await reviewOf(researcher, id)
    const hrReview = reviews.find((entry: { participant: string }) => entry.participant === 'hr')
    const advice = { findings: 'Visa support arranged.', recommendation: 'no_objection' }
    expect(
      (
        await (
          await login('legal')
        ).request(`/api/v1/reviews/${hrReview.id}/complete`, { method: 'POST', json: advice })
      ).status,
    ).toBe(403)
    expect(
      (await researcher.request(`/api/v1/reviews/${hrReview.id}/complete`, { method: 'POST', json: advice }))
        .status,
    ).toBe(403)
    const done = await (await login('hr')).request(`/api/v1/reviews/${hrReview.id}/complete`, {
      method: 'POST',
      json: advice,
    })
    expect(done.status).toBe(200)
    expect(
      (await done.json()).reviews.find((entry: { id: string }) => entry.id === hrReview.id),
    ).toMatchObject({
      status: 'completed',
      recommendation: 'no_objection',
      completedBy: 'Thomas Schulz',
    })
  })

  it('pauses an office’s clock while the researcher answers a request for information', async () => {
    const id = await caseInReview()
    const hr = await login('hr')
    const hrReview = (await reviewOf(hr, id)).reviews.find(
      (entry: { participant: string }) => entry.participant === 'hr',
    )
    expect(hrReview.dueAt).toBe('2026-03-13T09:00:00.000Z')
    const asked = await hr.request(`/api/v1/reviews/${hrReview.id}/requests`, {
      method: 'POST',
      json: { question: 'Which visa category?' },
    })
    expect(asked.status).toBe(200)
    const waiting = (await asked.json()).reviews.find((entry: { id: string }) => entry.id === hrReview.id)
    expect(waiting.status).toBe('waiting_for_information')
    const blocked = await hr.request(`/api/v1/reviews/${hrReview.id}/complete`, {
      method: 'POST',
      json: { findings: 'x', recommendation: 'no_objection' },
    })
    expect(blocked.status).toBe(409)

    const notifications = await (await researcher.request('/api/v1/notifications')).json()
    expect(notifications.items.some((item: { kind: string }) => item.kind === 'information_requested')).toBe(
      true,
    )

    now = new Date('2026-03-10T09:00:00Z') // Tuesday: four working days later
    const answering = await login('researcher')
    const answered = await answering.request(
      `/api/v1/information-requests/${waiting.requests[0].id}/answer`,
      {
        method: 'POST',
        json: { answer: 'Guest researcher visa (§ 18d).' },
      },
    )
    expect(answered.status).toBe(200)
    const resumed = (await answered.json()).reviews.find((entry: { id: string }) => entry.id === hrReview.id)
    // Five working days were left when the clock stopped; from Tuesday that is the next Tuesday.
    expect(resumed).toMatchObject({ status: 'open', dueAt: '2026-03-17T09:00:00.000Z' })
    expect(resumed.requests[0].answer).toBe('Guest researcher visa (§ 18d).')
    now = new Date('2026-03-06T09:00:00Z')
  })

  it('lets the decision wait for every office, then turns conditions into obligations', async () => {
    const id = await caseInReview()
    const decider = await login('decision-maker')
    const decision = {
      outcome: 'approved_with_conditions',
      reasons: 'Valuable, low risk.',
      conditions: ['Visa support letter on file'],
    }
    expect(
      (await decider.request(`/api/v1/collaborations/${id}/decision`, { method: 'POST', json: decision }))
        .status,
    ).toBe(409)
    const before = await (await researcher.request(`/api/v1/collaborations/${id}`)).json()
    expect(before.nextStep).toMatchObject({ step: 'office_reviews', dueAt: '2026-03-13T09:00:00.000Z' })
    expect(before.nextStep.responsibilities).toContainEqual({
      who: { kind: 'office', key: 'hr' },
      does: 'advises',
    })
    await completeOpenReviews(test, id)
    expect((await reviewOf(decider, id)).readyForDecision).toBe(true)
    const ready = await (await researcher.request(`/api/v1/collaborations/${id}`)).json()
    expect(ready.nextStep).toMatchObject({
      step: 'decision',
      holder: { kind: 'role', key: 'decision_maker' },
    })
    expect(
      (await decider.request(`/api/v1/collaborations/${id}/decision`, { method: 'POST', json: decision }))
        .status,
    ).toBe(200)
    const { obligations } = await reviewOf(researcher, id)
    expect(obligations).toMatchObject([{ text: 'Visa support letter on file', status: 'open' }])
    const fulfilled = await (await login('research-security')).request(
      `/api/v1/obligations/${obligations[0].id}/fulfil`,
      {
        method: 'POST',
        json: { note: 'Letter received 12 March.' },
      },
    )
    expect(await fulfilled.json()).toMatchObject({ status: 'fulfilled', fulfilledBy: 'Dr. Felix Richter' })
    const notifications = await (await researcher.request('/api/v1/notifications')).json()
    expect(notifications.items.some((item: { kind: string }) => item.kind === 'decision')).toBe(true)
  })

  it('re-opens only the offices concerned by an amendment', async () => {
    const id = await caseInReview()
    await completeOpenReviews(test, id)
    const decider = await login('decision-maker')
    await decider.request(`/api/v1/collaborations/${id}/decision`, {
      method: 'POST',
      json: { outcome: 'approved', reasons: 'Fine.' },
    })
    const amending = await (
      await researcher.request(`/api/v1/collaborations/${id}/amend`, { method: 'POST' })
    ).json()
    const sheet = { ...amending.sheet, activities: { ...amending.sheet.activities, mobilityMonths: 6 } }
    await researcher.request(`/api/v1/collaborations/${id}/sheet`, {
      method: 'PUT',
      json: { sheet, baseUpdatedAt: amending.updatedAt },
    })
    await researcher.request(`/api/v1/collaborations/${id}/submit`, { method: 'POST' })
    await (await login('research-security')).request(`/api/v1/collaborations/${id}/start-review`, {
      method: 'POST',
    })
    const review = await reviewOf(decider, id)
    expect(review.round).toBe(2)
    const second = review.reviews.filter((entry: { round: number }) => entry.round === 2)
    expect(second.map((entry: { participant: string }) => entry.participant)).toEqual(['hr'])
  })

  it('keeps internal notes from researchers and notifies people mentioned', async () => {
    const id = await caseInReview()
    const hr = await login('hr')
    expect(
      (
        await hr.request(`/api/v1/collaborations/${id}/messages`, {
          method: 'POST',
          json: { body: 'Internal: check the host agreement.', isInternal: true },
        })
      ).status,
    ).toBe(201)
    expect(
      (
        await hr.request(`/api/v1/collaborations/${id}/messages`, {
          method: 'POST',
          json: { body: '@researcher could you name the host lab?' },
        })
      ).status,
    ).toBe(201)
    const seenByResearcher = await (await researcher.request(`/api/v1/collaborations/${id}/messages`)).json()
    expect(seenByResearcher.map((message: { body: string }) => message.body)).toEqual([
      '@researcher could you name the host lab?',
    ])
    const seenByReviewer = await (await hr.request(`/api/v1/collaborations/${id}/messages`)).json()
    expect(seenByReviewer).toHaveLength(2)
    expect(seenByReviewer[0].isInternal).toBe(true)
    const history = JSON.stringify(
      await (await researcher.request(`/api/v1/collaborations/${id}/history`)).json(),
    )
    expect(history).not.toContain('host agreement')
    expect(JSON.stringify(await (await hr.request(`/api/v1/collaborations/${id}/history`)).json())).toContain(
      'host agreement',
    )
    const forbidden = await researcher.request(`/api/v1/collaborations/${id}/messages`, {
      method: 'POST',
      json: { body: 'x', isInternal: true },
    })
    expect(forbidden.status).toBe(403)
    const notifications = await (await researcher.request('/api/v1/notifications')).json()
    expect(
      notifications.items.some(
        (item: { kind: string; body: string }) => item.kind === 'mention' && item.body.includes('host lab'),
      ),
    ).toBe(true)
  })

  it('consults the expert team, whose advice is recorded like an office’s', async () => {
    const id = await caseInReview()
    const expert = await login('expert')
    expect((await expert.request(`/api/v1/collaborations/${id}`)).status).toBe(404)
    const referred = await (await login('decision-maker')).request(
      `/api/v1/collaborations/${id}/expert-team`,
      {
        method: 'POST',
        json: { question: 'Is the partner lab’s UAV work relevant here?' },
      },
    )
    expect(referred.status).toBe(200)
    expect((await expert.request(`/api/v1/collaborations/${id}`)).status).toBe(200)
    const teamReview = (await reviewOf(expert, id)).reviews.find(
      (entry: { participant: string }) => entry.participant === 'expert_team',
    )
    const advice = await expert.request(`/api/v1/reviews/${teamReview.id}/complete`, {
      method: 'POST',
      json: { findings: 'Unrelated lab.', recommendation: 'conditions', conditions: ['No UAV data'] },
    })
    expect(advice.status).toBe(200)
  })

  it('reminds two working days before the deadline and escalates overdue reviews once', async () => {
    const id = await caseInReview()
    now = new Date('2026-03-11T10:00:00Z') // Wednesday; due Friday 13th
    const first = await checkDeadlines({ ...test.ctx, now: () => now })
    expect(first.reminded).toBeGreaterThan(0)
    expect(first.escalated).toBe(0)
    now = new Date('2026-03-16T10:00:00Z') // Monday after: overdue
    const second = await checkDeadlines({ ...test.ctx, now: () => now })
    expect(second.escalated).toBeGreaterThan(0)
    expect(await checkDeadlines({ ...test.ctx, now: () => now })).toEqual({ reminded: 0, escalated: 0 })
    const rows = await test.database.db
      .selectFrom('officeReviews')
      .selectAll()
      .where('collaborationId', '=', id)
      .execute()
    expect(
      rows.every(
        (row) =>
          row.remindedAt === '2026-03-11T10:00:00.000Z' && row.escalatedAt === '2026-03-16T10:00:00.000Z',
      ),
    ).toBe(true)
    const admin = await login('admin')
    const inbox = await (await admin.request('/api/v1/notifications')).json()
    expect(inbox.items.some((item: { kind: string }) => item.kind === 'overdue')).toBe(true)
    const queue = await (await login('hr')).request('/api/v1/reviews/queue')
    expect(
      (await queue.json()).find((item: { collaborationId: string }) => item.collaborationId === id).isOverdue,
    ).toBe(true)
    now = new Date('2026-03-06T09:00:00Z')
  })

  it('explains the procedure publicly in German, English and Chinese, without sign-in', async () => {
    const response = await harness.request('/api/v1/public/process')
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.institution).toBe('Forschungszentrum Havelland')
    expect(body.steps.map((step: { key: string }) => step.key)).toEqual([
      'intake',
      'office_reviews',
      'expert_team',
      'inform_funder',
      'decision',
    ])
    expect(body.steps[4].label).toEqual({ de: 'Entscheidung', en: 'Decision', zh: '决定' })
  })

  it('versions the process: an admin publishes a change, others may only read it', async () => {
    const admin = await login('admin')
    const current = await (await admin.request('/api/v1/process')).json()
    const config = {
      ...current.config,
      offices: { ...current.config.offices, hr: { reviewDays: 3, does: 'advises' } },
    }
    expect((await researcher.request('/api/v1/process', { method: 'PUT', json: config })).status).toBe(403)
    const published = await (await admin.request('/api/v1/process', { method: 'PUT', json: config })).json()
    expect(published.version).toBe(current.version + 1)
    const invalid = await admin.request('/api/v1/process', {
      method: 'PUT',
      json: { ...config, routingRules: [{ id: 'x', office: 'nowhere', whenAny: ['magic'] }] },
    })
    expect(invalid.status).toBe(422)
  })

  it('prepares the funder notification from the case and records when it was sent', async () => {
    const id = await caseInReview()
    const funding = await login('funding-office')
    // The funding office is not routed here, so it does not see the case; research security does.
    expect((await funding.request(`/api/v1/collaborations/${id}/funder-notice-draft`)).status).toBe(404)
    const security = await login('research-security')
    const draft = await (await security.request(`/api/v1/collaborations/${id}/funder-notice-draft`)).json()
    expect(draft.en).toContain('Institute of Geology, China Earthquake Administration')
    expect(draft.recipients).toContain('DFG')
    const recorded = await security.request(`/api/v1/collaborations/${id}/funder-notices`, {
      method: 'POST',
      json: { recipients: 'DFG, programme officer', text: draft.de },
    })
    expect(recorded.status).toBe(201)
    expect((await reviewOf(security, id)).funderNotices).toHaveLength(1)
  })
})
