import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSheet, demoIds } from '../../../test/factories.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { shippedAnnexFile } from './assessment.data.js'
import type { Assessment, AssessmentResult, SensitiveAreas } from './assessment.schema.js'
import { importAnnexUnchecked } from './assessment.service.js'

describe('the assessment API', () => {
  let test: TestDatabase
  let researcher: TestClient
  let admin: TestClient
  let otherResearcher: TestClient
  let collaborationId: string

  beforeAll(async () => {
    test = await createDemoDatabase()
    const harness = createTestApp(test)
    researcher = await harness.login('researcher')
    admin = await harness.login('admin')
    otherResearcher = await harness.login('j.fischer')
    const ids = await demoIds(test.database.db)
    const created = await researcher.request('/api/v1/collaborations', {
      method: 'POST',
      json: {
        sheet: buildSheet(ids, {
          description:
            'We develop a fixed-wing unmanned aerial vehicle with an endurance of 6 hours for beyond visual line of sight flights over glaciers.',
          trl: 6,
        }),
      },
    })
    collaborationId = ((await created.json()) as { id: string }).id
  })
  afterAll(async () => test.cleanup())

  it('assesses a saved collaboration and stores the result with the reference versions it used', async () => {
    const response = await researcher.request(`/api/v1/collaborations/${collaborationId}/assessment`, {
      method: 'POST',
    })

    expect(response.status).toBe(201)
    const assessment = (await response.json()) as Assessment
    expect(assessment.result.candidates[0]?.code).toBe('9A012')
    expect(assessment.result.versions).toMatchObject({
      annex: 1,
      sensitiveAreas: 1,
      noGoRules: 1,
      weights: 1,
    })
    // The sheet's research area 343-02 (geodesy) brings the geosciences checklist, marked when stale.
    expect(assessment.result.checklists.map((checklist) => checklist.key)).toContain('geosciences_sensing')
    const latest = await researcher.request(`/api/v1/collaborations/${collaborationId}/assessment`)
    expect(((await latest.json()) as Assessment).id).toBe(assessment.id)
  })

  it('answers 404 to a researcher who is not a member of the case', async () => {
    const response = await otherResearcher.request(`/api/v1/collaborations/${collaborationId}/assessment`, {
      method: 'POST',
    })
    expect(response.status).toBe(404)
  })

  it('keeps the pinned versions of an old assessment when the admin publishes new sensitive areas', async () => {
    const before = (await (await admin.request('/api/v1/reference/sensitive-areas')).json()) as SensitiveAreas
    const edited = {
      areas: before.areas.map((area) =>
        area.key === 'robotics_autonomous' ? { ...area, termsEn: [...area.termsEn, 'glacier'] } : area,
      ),
    }
    const forbidden = await researcher.request('/api/v1/reference/sensitive-areas', {
      method: 'PUT',
      json: edited,
    })
    expect(forbidden.status).toBe(403)

    const saved = await admin.request('/api/v1/reference/sensitive-areas', { method: 'PUT', json: edited })
    expect(saved.status).toBe(200)
    expect(((await saved.json()) as SensitiveAreas).version).toBe(before.version + 1)

    const old = (await (
      await researcher.request(`/api/v1/collaborations/${collaborationId}/assessment`)
    ).json()) as Assessment
    expect(old.result.versions.sensitiveAreas).toBe(before.version)
    const again = await researcher.request(`/api/v1/collaborations/${collaborationId}/assessment`, {
      method: 'POST',
    })
    const fresh = (await again.json()) as Assessment
    expect(fresh.result.versions.sensitiveAreas).toBe(before.version + 1)
    const audit = await test.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityType', '=', 'reference.sensitive_areas')
      .execute()
    expect(audit.length).toBe(2)
  })

  it('refuses a no-go rule whose condition does not parse, naming the field', async () => {
    const response = await admin.request('/api/v1/reference/no-go-rules', {
      method: 'PUT',
      json: {
        rules: [
          {
            key: 'bad',
            name: 'Bad',
            explanation: 'x',
            condition: 'trl >= 7 and nationality = CN',
            consequence: 'warning',
          },
        ],
      },
    })

    expect(response.status).toBe(422)
    expect(JSON.stringify(await response.json())).toContain('rules.0.condition')
  })

  it('fires a published no-go rule in the next assessment', async () => {
    const saved = await admin.request('/api/v1/reference/no-go-rules', {
      method: 'PUT',
      json: {
        rules: [
          {
            key: 'uav_application',
            name: 'UAV near application',
            explanation: 'UAVs at TRL 6 or more need the decision-maker.',
            condition: 'entry = 9A012 and trl >= 6',
            consequence: 'needs_decision_maker',
          },
        ],
      },
    })
    expect(saved.status).toBe(200)

    const response = await researcher.request('/api/v1/assessment/ad-hoc', {
      method: 'POST',
      json: {
        text: 'A drone with an endurance of 3 hours for beyond visual line of sight inspection.',
        trl: 7,
      },
    })
    const result = (await response.json()) as AssessmentResult
    expect(result.riskLevel).toBe('no_go')
    expect(result.noGos[0]?.key).toBe('uav_application')
    expect(result.versions.noGoRules).toBe(2)
  })

  it('imports the same Annex only once and keeps every entry readable by version', async () => {
    const json = readFileSync(shippedAnnexFile, 'utf8')
    const again = await importAnnexUnchecked(test.ctx, json)
    expect(again).toMatchObject({ version: 1, isNew: false })

    const changed = JSON.parse(json)
    changed.entries = changed.entries.filter((entry: { entry_code: string }) => entry.entry_code !== '9A012')
    const second = await importAnnexUnchecked(test.ctx, JSON.stringify(changed))
    expect(second).toMatchObject({ version: 2, isNew: true, entries: 383 })

    expect((await researcher.request('/api/v1/reference/annex/9A012')).status).toBe(404)
    const pinned = await researcher.request('/api/v1/reference/annex/9A012?version=1')
    expect(pinned.status).toBe(200)
    expect(await pinned.json()).toMatchObject({ code: '9A012', version: 1, category: '9' })
  })

  it('refuses an empty ad-hoc text', async () => {
    const response = await researcher.request('/api/v1/assessment/ad-hoc', {
      method: 'POST',
      json: { text: '  ' },
    })
    expect(response.status).toBe(422)
  })
})
