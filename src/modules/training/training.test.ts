import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSheet, demoIds } from '../../../test/factories.js'
import {
  createDemoDatabase,
  createTestApp,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { parseCsv } from '../../shared/csv.js'
import { actorOf } from '../auth/index.js'
import { findUser, findUserRowByUsername } from '../organisation/index.js'
import { addMonths, parseModuleFile, readModuleFolder, scoreQuiz } from './training.content.js'
import type { ObligationRule, TrainingModuleContent } from './training.schema.js'
import {
  completionByUnitAndModule,
  importTrainingModules,
  reportCsv,
  sendRenewalReminders,
  trainingStatusForUsers,
} from './training.service.js'

const fixtures = join(import.meta.dirname, '../../../test/fixtures/training')
const fixture = (key: string): TrainingModuleContent =>
  JSON.parse(readFileSync(join(fixtures, `${key}.json`), 'utf8')) as TrainingModuleContent

/** The answers that pass fixture-basics completely. */
const allRight = { q1: [1], q2: [0, 1], q3: [0] }

describe('quiz scoring and module files', () => {
  const basics = parseModuleFile({
    fileName: 'fixture-basics.json',
    text: JSON.stringify(fixture('fixture-basics')),
  })

  it('counts a question only when exactly the set of correct options is chosen', () => {
    expect(scoreQuiz(basics, allRight)).toMatchObject({ correctCount: 3, questionCount: 3, passed: true })
    // Multi-answer q2: one of two correct options is wrong, so is an extra wrong option.
    const partial = scoreQuiz(basics, { q1: [1], q2: [0], q3: [0] })
    expect(partial.questions.find((question) => question.id === 'q2')?.isCorrect).toBe(false)
    expect(partial.correctCount).toBe(2)
    const extra = scoreQuiz(basics, { q1: [1], q2: [0, 1, 2], q3: [0] })
    expect(extra.questions.find((question) => question.id === 'q2')?.isCorrect).toBe(false)
    // Order and duplicates of the chosen options do not matter; unknown ids are ignored.
    expect(scoreQuiz(basics, { q1: [1], q2: [1, 0, 1], q3: [0], q9: [0] }).correctCount).toBe(3)
  })

  it('applies the pass mark: 2 of 3 reach 0.6, 1 of 3 does not', () => {
    expect(scoreQuiz(basics, { q1: [1], q2: [0], q3: [0] }).passed).toBe(true)
    expect(scoreQuiz(basics, { q1: [0], q2: [0], q3: [0] })).toMatchObject({ correctCount: 1, passed: false })
    expect(scoreQuiz(basics, {})).toMatchObject({ correctCount: 0, score: 0, passed: false })
  })

  it('names the file and the field of a broken module', () => {
    const broken = { ...fixture('fixture-basics'), passMark: 2 }
    expect(() => parseModuleFile({ fileName: 'fixture-basics.json', text: JSON.stringify(broken) })).toThrow(
      /fixture-basics\.json: passMark/,
    )
    const badAnswer = fixture('fixture-basics')
    badAnswer.quiz[0] = { ...badAnswer.quiz[0], correct: [5] } as TrainingModuleContent['quiz'][number]
    expect(() =>
      parseModuleFile({ fileName: 'fixture-basics.json', text: JSON.stringify(badAnswer) }),
    ).toThrow(/quiz\.0\.correct\.0: Option 5 does not exist/)
    expect(() => parseModuleFile({ fileName: 'x.json', text: '{ nope' })).toThrow(/x\.json: not valid JSON/)
    expect(() =>
      parseModuleFile({ fileName: 'other-name.json', text: JSON.stringify(fixture('fixture-basics')) }),
    ).toThrow(/must match the file name/)
  })

  it('reads the fixture folder', () => {
    expect(readModuleFolder(fixtures).map((file) => parseModuleFile(file).key)).toEqual([
      'fixture-basics',
      'fixture-export',
    ])
  })

  it('adds calendar months, the 31st becoming the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z')
    expect(addMonths(new Date('2026-03-06T09:00:00Z'), 24).toISOString()).toBe('2028-03-06T09:00:00.000Z')
  })
})

describe('trainings', () => {
  let test: TestDatabase
  const t0 = new Date('2026-03-06T09:00:00Z')
  let harness: ReturnType<typeof createTestApp>
  let admin: TestClient
  let researcher: TestClient
  let ids: Awaited<ReturnType<typeof demoIds>>
  const at = (date: Date) => ({ ...test.ctx, now: () => date })
  const actorFor = async (username: string) => {
    const row = await findUserRowByUsername(test.database.db, username)
    const user = row && (await findUser(test.database.db, row.id))
    if (!user) throw new Error(`no user ${username}`)
    return actorOf(user, 'session')
  }
  const userId = async (username: string) => (await actorFor(username)).id
  const rules: ObligationRule[] = [
    { moduleKey: 'fixture-basics', audience: { kind: 'partner_country', countries: ['CN'] } },
    {
      moduleKey: 'fixture-export',
      audience: { kind: 'role', role: 'office_reviewer', officeKey: 'export_control' },
    },
  ]
  const createCase = async (client: TestClient, overrides = {}) => {
    const response = await client.request('/api/v1/collaborations', {
      method: 'POST',
      json: { sheet: buildSheet(ids, overrides) },
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  const take = (client: TestClient, key: string, answers: Record<string, number[]>, version = 1) =>
    client.request(`/api/v1/training/modules/${key}/attempts`, { method: 'POST', json: { version, answers } })

  beforeAll(async () => {
    test = await createDemoDatabase()
    harness = createTestApp(test, { now: () => t0 })
    ids = await demoIds(test.database.db)
    await importTrainingModules({ ...test.ctx, actor: await actorFor('admin') }, readModuleFolder(fixtures))
    admin = await harness.login('admin')
    researcher = await harness.login('researcher')
    const saved = await admin.request('/api/v1/training/obligations', { method: 'PUT', json: { rules } })
    expect(saved.status).toBe(200)
  })
  afterAll(async () => test.cleanup())

  it('imports content once: the same files again add no version', async () => {
    const again = await importTrainingModules(
      { ...test.ctx, actor: await actorFor('admin') },
      readModuleFolder(fixtures),
    )
    expect(again.map((outcome) => outcome.outcome)).toEqual(['unchanged', 'unchanged'])
  })

  it('sends lessons as safe HTML and never the correct answers before submission', async () => {
    const response = await researcher.request('/api/v1/training/modules/fixture-basics')
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain('"correct"')
    expect(text).not.toContain('explanation')
    expect(text).not.toContain('Dual use means both ends')
    const view = JSON.parse(text)
    const html: string = view.lessons[0].html.en
    expect(html).toContain('<strong>dual use</strong>')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('href="https://www.bafa.de"')
    expect(view.quiz.map((question: { multiple: boolean }) => question.multiple)).toEqual([
      false,
      true,
      false,
    ])
  })

  it('scores on the server: a failed attempt, a retry that passes and a completion valid for 24 months', async () => {
    const failed = await take(researcher, 'fixture-basics', { q1: [0], q2: [0], q3: [1] })
    expect(failed.status).toBe(201)
    const failure = await failed.json()
    expect(failure).toMatchObject({ passed: false, correctCount: 0, validUntil: null })
    expect(failure.questions[1]).toMatchObject({ id: 'q2', correct: [0, 1], isCorrect: false })
    expect(failure.questions[1].explanation.en).toBe('Software and technical assistance.')

    const passed = await (await take(researcher, 'fixture-basics', allRight)).json()
    expect(passed).toMatchObject({ passed: true, correctCount: 3, moduleVersion: 1 })
    expect(passed.validUntil).toBe('2028-03-06T09:00:00.000Z')

    const mine = await (await researcher.request('/api/v1/training/me')).json()
    const last = mine.modules.find((module: { key: string }) => module.key === 'fixture-basics').lastAttempt
    expect(last).toMatchObject({ passed: true, score: 1 })
  })

  it('refuses answers to a version that does not exist, naming the field', async () => {
    const response = await take(researcher, 'fixture-basics', allRight, 9)
    expect(response.status).toBe(422)
    expect((await response.json()).errors[0].field).toBe('version')
    expect((await take(researcher, 'no-such-module', allRight)).status).toBe(404)
    expect((await take(researcher, 'fixture-basics', { q1: ['x'] } as never)).status).toBe(422)
  })

  it('computes obligations by role and by situation, with completed, expiring, expired and missing', async () => {
    const researcherId = await userId('researcher')
    const exportId = await userId('export-control')
    const fischerId = await userId('j.fischer')
    // The researcher is named on a case with a partner in China; Dr. Fischer on none.
    await createCase(researcher)
    const asAdmin = { ...test.ctx, actor: await actorFor('admin') }
    const status = async (date: Date) => {
      const result = await trainingStatusForUsers({ ...asAdmin, now: () => date }, [
        researcherId,
        exportId,
        fischerId,
      ])
      return Object.fromEntries(
        result.map((person) => [
          person.displayName,
          person.items.map((item) => `${item.moduleKey}:${item.state}:${item.reasons.join('+')}`),
        ]),
      )
    }
    expect(await status(t0)).toEqual({
      'Dr. Lena Hoffmann': ['fixture-basics:completed:partner_country:CN'],
      'Dr. Jan Fischer': [],
      [(await actorFor('export-control')).displayName]: [
        'fixture-export:missing:role:office_reviewer:export_control',
      ],
    })
    expect((await status(new Date('2028-02-20T09:00:00Z')))['Dr. Lena Hoffmann']).toEqual([
      'fixture-basics:expiring:partner_country:CN',
    ])
    expect((await status(new Date('2028-03-06T09:00:00Z')))['Dr. Lena Hoffmann']).toEqual([
      'fixture-basics:expired:partner_country:CN',
    ])
  })

  it('shows others’ status only to admins and auditors', async () => {
    const researcherActor = await actorFor('researcher')
    const otherId = await userId('j.fischer')
    await expect(trainingStatusForUsers({ ...test.ctx, actor: researcherActor }, [otherId])).rejects.toThrow(
      /training\.report/,
    )
    const own = await trainingStatusForUsers({ ...test.ctx, actor: researcherActor }, [researcherActor.id])
    expect(own).toHaveLength(1)
    const auditor = await trainingStatusForUsers({ ...test.ctx, actor: await actorFor('auditor') }, [otherId])
    expect(auditor).toHaveLength(1)
  })

  it('reminds 30 days before expiry and at expiry, each once per period', async () => {
    const researcherId = await userId('researcher')
    const reminders = () =>
      test.database.db
        .selectFrom('notifications')
        .select(['subject'])
        .where('userId', '=', researcherId)
        .where('kind', '=', 'training_due')
        .execute()
    expect(await sendRenewalReminders(at(new Date('2027-06-01T00:00:00Z')))).toBe(0)
    expect(await sendRenewalReminders(at(new Date('2028-02-10T09:00:00Z')))).toBeGreaterThanOrEqual(1)
    expect(await reminders()).toHaveLength(1)
    expect(await sendRenewalReminders(at(new Date('2028-02-11T09:00:00Z')))).toBe(0)
    expect(await sendRenewalReminders(at(new Date('2028-03-07T09:00:00Z')))).toBeGreaterThanOrEqual(1)
    expect(await sendRenewalReminders(at(new Date('2028-03-08T09:00:00Z')))).toBe(0)
    const subjects = (await reminders()).map((row) => row.subject).sort()
    expect(subjects).toEqual([
      'Schulung abgelaufen: Dual-Use kompakt (Test)',
      'Schulung bald erneuern: Dual-Use kompakt (Test)',
    ])
  })

  it('warns by default and blocks submission on the server when the admin says so, naming the training', async () => {
    // Dr. Fischer has no training; his case has a partner in China.
    const fischer = await harness.login('j.fischer')
    const fischerIds = { ...ids, researcherId: await userId('j.fischer'), researcherName: 'Dr. Jan Fischer' }
    const created = await fischer.request('/api/v1/collaborations', {
      method: 'POST',
      json: { sheet: buildSheet(fischerIds) },
    })
    const caseId = ((await created.json()) as { id: string }).id
    const caseStatus = await (await fischer.request(`/api/v1/collaborations/${caseId}/trainings`)).json()
    expect(caseStatus).toMatchObject({ enforcement: 'warn', complete: false })
    expect(caseStatus.people[0].items[0]).toMatchObject({ moduleKey: 'fixture-basics', state: 'missing' })

    expect(
      (await admin.request('/api/v1/training/settings', { method: 'PUT', json: { enforcement: 'block' } }))
        .status,
    ).toBe(200)
    const view = await (await fischer.request(`/api/v1/collaborations/${caseId}`)).json()
    expect(view.submissionProblems).toContainEqual(
      expect.objectContaining({ field: 'trainings', code: 'training_missing' }),
    )
    const refused = await fischer.request(`/api/v1/collaborations/${caseId}/submit`, { method: 'POST' })
    expect(refused.status).toBe(422)
    const problem = await refused.json()
    expect(problem.errors).toEqual([
      {
        field: 'trainings',
        code: 'training_missing',
        message:
          'Dr. Jan Fischer has not completed the training “Dual use in brief (test)” required before submitting',
      },
    ])
    expect(
      (
        await test.database.db
          .selectFrom('collaborations')
          .select('status')
          .where('id', '=', caseId)
          .executeTakeFirst()
      )?.status,
    ).toBe('draft')

    expect((await take(fischer, 'fixture-basics', allRight)).status).toBe(201)
    expect(
      (await fischer.request(`/api/v1/collaborations/${caseId}/submit`, { method: 'POST' })).status,
    ).toBe(200)

    // With "warn", a missing training never stops a submission.
    await admin.request('/api/v1/training/settings', { method: 'PUT', json: { enforcement: 'warn' } })
    const nowak = await harness.login('a.nowak')
    const nowakIds = { ...ids, researcherId: await userId('a.nowak'), researcherName: 'Dr. Anna Nowak' }
    const other = await nowak.request('/api/v1/collaborations', {
      method: 'POST',
      json: { sheet: buildSheet(nowakIds) },
    })
    const otherId = ((await other.json()) as { id: string }).id
    expect((await nowak.request(`/api/v1/collaborations/${otherId}/submit`, { method: 'POST' })).status).toBe(
      200,
    )

    // The office queue's summary for research security: Fischer's case complete, Nowak's not.
    const security = await harness.login('research-security')
    const summaries = await (await security.request(`/api/v1/training/cases?ids=${caseId},${otherId}`)).json()
    expect(summaries).toEqual([
      { collaborationId: caseId, complete: true, missing: 0, people: 1 },
      { collaborationId: otherId, complete: false, missing: 1, people: 1 },
    ])
    // Another researcher cannot read Fischer's case, nor its training status.
    expect((await researcher.request(`/api/v1/collaborations/${caseId}/trainings`)).status).toBe(404)
  })

  it('reports completion by unit and module with hand-checked figures, filters, and CSV for Excel', async () => {
    // Required so far: Hoffmann (GEO.1, completed basics), Fischer (MAT, completed basics),
    // Nowak (DIG, missing basics), the export-control reviewer (ADM, missing export).
    const asAuditor = { ...test.ctx, actor: await actorFor('auditor') }
    const rows = await completionByUnitAndModule(asAuditor, {})
    const figures = rows.map((row) => [
      row.unitCode,
      row.moduleKey,
      row.required,
      row.completed,
      row.expired,
      row.missing,
      row.share,
    ])
    expect(figures).toEqual([
      ['ADM', 'fixture-export', 1, 0, 0, 1, 0],
      ['DIG', 'fixture-basics', 1, 0, 0, 1, 0],
      ['GEO.1', 'fixture-basics', 1, 1, 0, 0, 1],
      ['MAT', 'fixture-basics', 1, 1, 0, 0, 1],
    ])
    expect(
      (await completionByUnitAndModule(asAuditor, { moduleKey: 'fixture-export' })).map(
        (row) => row.unitCode,
      ),
    ).toEqual(['ADM'])
    const geo = rows.find((row) => row.unitCode === 'GEO.1')?.unitId ?? ''
    expect((await completionByUnitAndModule(asAuditor, { unitId: geo })).map((row) => row.moduleKey)).toEqual(
      ['fixture-basics'],
    )
    // Two years on, both completions have expired.
    const later = await completionByUnitAndModule(
      { ...asAuditor, now: () => new Date('2028-04-01T00:00:00Z') },
      {},
    )
    expect(later.find((row) => row.unitCode === 'MAT')).toMatchObject({ completed: 0, expired: 1, share: 0 })

    const csv = reportCsv(
      [
        {
          ...rows[0],
          unitName: { de: 'Verwaltung, "Zentral"', en: 'Admin' },
          moduleTitle: { de: '=SUM(A1)', en: 'x' },
        } as (typeof rows)[number],
      ],
      'de',
    )
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv).toContain('"Verwaltung, ""Zentral"""')
    expect(csv).toContain("'=SUM(A1)")
    const parsed = parseCsv(csv)
    expect(parsed[0]?.[0]).toBe('Einheit (Code)')
    expect(parsed[1]).toEqual([
      'ADM',
      'Verwaltung, "Zentral"',
      'fixture-export',
      "'=SUM(A1)",
      '1',
      '0',
      '0',
      '0',
      '1',
      '0',
    ])

    const download = await admin.request('/api/v1/training/report.csv?lang=en&moduleKey=fixture-basics')
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toContain('text/csv')
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await download.arrayBuffer())
    expect(body.charCodeAt(0)).toBe(0xfeff)
    expect(
      parseCsv(body)
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['DIG', 'GEO.1', 'MAT'])
  })

  it('lets only admins edit a module: a new version, while completions keep the version taken', async () => {
    const edited = {
      ...fixture('fixture-basics'),
      title: { de: 'Dual-Use kompakt', en: 'Dual use in brief' },
    }
    expect(
      (await researcher.request('/api/v1/training/modules/fixture-basics', { method: 'PUT', json: edited }))
        .status,
    ).toBe(403)
    const bad = await admin.request('/api/v1/training/modules/fixture-basics', {
      method: 'PUT',
      json: { ...edited, quiz: [] },
    })
    expect(bad.status).toBe(422)
    expect((await bad.json()).errors[0].field).toBe('quiz')
    const saved = await admin.request('/api/v1/training/modules/fixture-basics', {
      method: 'PUT',
      json: edited,
    })
    expect(saved.status).toBe(200)
    expect(await saved.json()).toMatchObject({ version: 2, title: { en: 'Dual use in brief' } })
    const status = await trainingStatusForUsers({ ...test.ctx, actor: await actorFor('researcher') }, [
      await userId('researcher'),
    ])
    expect(status[0]?.items[0]).toMatchObject({ state: 'completed', completedVersion: 1 })
    const source = await (await admin.request('/api/v1/training/modules/fixture-basics/source')).json()
    expect(source.versions.map((version: { version: number }) => version.version)).toEqual([2, 1])
    expect((await researcher.request('/api/v1/training/modules/fixture-basics/source')).status).toBe(403)
  })

  it('lets only admins change obligations and settings, and only admins and auditors read the report', async () => {
    expect(
      (await researcher.request('/api/v1/training/obligations', { method: 'PUT', json: { rules } })).status,
    ).toBe(403)
    expect(
      (
        await researcher.request('/api/v1/training/settings', {
          method: 'PUT',
          json: { enforcement: 'block' },
        })
      ).status,
    ).toBe(403)
    expect((await researcher.request('/api/v1/training/report')).status).toBe(403)
    const unknown = await admin.request('/api/v1/training/obligations', {
      method: 'PUT',
      json: { rules: [{ moduleKey: 'nothing-here', audience: { kind: 'collaboration' } }] },
    })
    expect(unknown.status).toBe(422)
    expect((await unknown.json()).errors[0].field).toBe('rules.0.moduleKey')
    const auditor = await harness.login('auditor')
    expect((await auditor.request('/api/v1/training/report')).status).toBe(200)
    const trail = await test.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'like', 'training.%')
      .execute()
    expect(new Set(trail.map((row) => row.action))).toEqual(
      new Set([
        'training.module_imported',
        'training.module_edited',
        'training.obligations_changed',
        'training.settings_changed',
        'training.passed',
        'training.failed',
      ]),
    )
  })
})
