import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readPdfText } from '../../../test/pdf-text.js'
import { createDemoDatabase, createTestApp, type TestDatabase } from '../../../test/test-app.js'
import { newId } from '../../shared/ids.js'
import { percentile, percentileFromRanks, percentileRanks } from './reports.figures.js'
import type { Dashboard, Figure } from './reports.schema.js'
import { registerDashboardSection, unregisterDashboardSection } from './reports.service.js'

/*
 * A small portfolio whose figures are checked by hand (now = 2026-06-15 12:00 UTC):
 *   A active    GEO.1 TRL 2  CN Tsinghua + US MIT  low   submitted 01-10, decided 01-20 (10 d)  term 2026-02-01…2027-12-31
 *   B active    MAT   TRL 5  CN Tsinghua           high  submitted 02-01, decided 03-03 (30 d)  export control objects; 2 requests
 *   C in review GEO.1 TRL 8  CN Zhejiang           elevated submitted 06-01; research security open (overdue), export control waiting; 1 request
 *   D declined  MAT   –      GB Cambridge          no-go submitted 2025-11-01, decided 2025-12-01 (30 d), no reviews
 *   E draft     GEO.1        CN Tsinghua           (never counted)
 *   F approved  GEO.1 TRL 4  CN Tsinghua           low   submitted 04-01, decided 04-05 (4 d)   term from 2026-09-01
 * Office durations: research security A 2 d, B 4 d, F 2 d; export control A 6 d, B 20 d.
 */
const now = new Date('2026-06-15T12:00:00.000Z')
let test: TestDatabase
let app: ReturnType<typeof createTestApp>
let unitGeo: string
let unitMat: string

const figure = (dashboard: Dashboard, key: string): Figure => {
  const found = [...dashboard.portfolio, ...dashboard.process].find((candidate) => candidate.key === key)
  if (!found) throw new Error(`no figure ${key}`)
  return found
}
const values = (dashboard: Dashboard, key: string) =>
  Object.fromEntries(figure(dashboard, key).rows.map((row) => [row.key, row.values]))

beforeAll(async () => {
  test = await createDemoDatabase()
  app = createTestApp(test, { now: () => now })
  const db = test.database.db
  const researcher = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'researcher')
    .executeTakeFirstOrThrow()
  unitGeo = (await db.selectFrom('units').select('id').where('code', '=', 'GEO.1').executeTakeFirstOrThrow())
    .id
  unitMat = (await db.selectFrom('units').select('id').where('code', '=', 'MAT').executeTakeFirstOrThrow()).id
  // The demo institution brings collaborations of its own; the figures here count only these.
  await db.deleteFrom('informationRequests').execute()
  await db.deleteFrom('officeReviews').execute()

  const partner = (name: string, country: string, nameOriginal = name) => ({
    id: newId(),
    nameOriginal,
    nameEnglish: name,
    country,
    kind: 'university',
  })
  const tsinghua = () => partner('Tsinghua University', 'CN', '清华大学')
  interface Spec {
    key: string
    status: string
    unit: string
    trl: number | null
    partners: ReturnType<typeof partner>[]
    areas: string[]
    funder: string | null
    risk: string | null
    submitted: string | null
    decided: string | null
    outcome?: string
    term?: [string | null, string | null]
  }
  const specs: Spec[] = [
    {
      key: 'A',
      status: 'active',
      unit: unitGeo,
      trl: 2,
      partners: [tsinghua(), partner('Massachusetts Institute of Technology, "MIT"', 'US')],
      areas: ['343-02'],
      funder: 'Deutsche Forschungsgemeinschaft',
      risk: 'low',
      submitted: '2026-01-10T00:00:00.000Z',
      decided: '2026-01-20T00:00:00.000Z',
      outcome: 'approved',
      term: ['2026-02-01', '2027-12-31'],
    },
    {
      key: 'B',
      status: 'active',
      unit: unitMat,
      trl: 5,
      partners: [tsinghua()],
      areas: ['313-01'],
      funder: 'European Commission',
      risk: 'high',
      submitted: '2026-02-01T00:00:00.000Z',
      decided: '2026-03-03T00:00:00.000Z',
      outcome: 'approved_with_conditions',
    },
    {
      key: 'C',
      status: 'in_review',
      unit: unitGeo,
      trl: 8,
      partners: [partner('Zhejiang University', 'CN', '浙江大学')],
      areas: ['343-01'],
      funder: 'Deutsche Forschungsgemeinschaft',
      risk: 'elevated',
      submitted: '2026-06-01T00:00:00.000Z',
      decided: null,
    },
    {
      key: 'D',
      status: 'declined',
      unit: unitMat,
      trl: null,
      partners: [partner('University of Cambridge', 'GB')],
      areas: ['313-01'],
      funder: null,
      risk: 'no_go',
      submitted: '2025-11-01T00:00:00.000Z',
      decided: '2025-12-01T00:00:00.000Z',
      outcome: 'declined',
    },
    {
      key: 'E',
      status: 'draft',
      unit: unitGeo,
      trl: 3,
      partners: [tsinghua()],
      areas: ['343-02'],
      funder: null,
      risk: null,
      submitted: null,
      decided: null,
    },
    {
      key: 'F',
      status: 'approved',
      unit: unitGeo,
      trl: 4,
      partners: [tsinghua()],
      areas: ['343-02'],
      funder: null,
      risk: 'low',
      submitted: '2026-04-01T00:00:00.000Z',
      decided: '2026-04-05T00:00:00.000Z',
      outcome: 'approved',
      term: ['2026-09-01', null],
    },
  ]
  const ids: Record<string, string> = {}
  await db.deleteFrom('reportCaseFacts').execute()
  for (const spec of specs) {
    const id = newId()
    ids[spec.key] = id
    const sheet = {
      title: `Case ${spec.key}`,
      researchAreas: spec.areas,
      trl: spec.trl,
      unitId: spec.unit,
      partners: spec.partners,
      funding: { funders: spec.funder ? [{ name: spec.funder, programme: '' }] : [] },
      interests: { startDate: spec.term?.[0] ?? null, endDate: spec.term?.[1] ?? null },
    }
    await db
      .insertInto('collaborations')
      .values({
        id,
        reference: `TEST-${spec.key}`,
        status: spec.status,
        title: sheet.title,
        acronym: spec.key,
        unitId: spec.unit,
        trl: spec.trl,
        sheet: JSON.stringify(sheet),
        questionnaireVersion: 1,
        version: spec.submitted ? 1 : 0,
        decidedVersion: spec.decided ? 1 : null,
        statusBeforeAmendment: null,
        followUpOf: null,
        createdBy: researcher.id,
        createdAt: '2025-10-01T00:00:00.000Z',
        updatedAt: spec.decided ?? spec.submitted ?? '2025-10-01T00:00:00.000Z',
        submittedAt: spec.submitted,
        decidedAt: spec.decided,
        decision: spec.outcome
          ? JSON.stringify({ outcome: spec.outcome, reasons: 'r', conditions: [], decidedBy: researcher.id })
          : null,
      })
      .execute()
    await db
      .insertInto('collaborationPartners')
      .values(
        spec.partners.map((p, position) => ({
          collaborationId: id,
          position,
          partnerRef: p.id,
          nameOriginal: p.nameOriginal,
          nameEnglish: p.nameEnglish,
          country: p.country,
          kind: p.kind,
        })),
      )
      .execute()
    if (spec.risk && spec.submitted)
      await db
        .insertInto('assessments')
        .values({
          id: newId(),
          collaborationId: id,
          collaborationVersion: 1,
          sheetUpdatedAt: spec.submitted,
          riskLevel: spec.risk,
          result: '{}',
          createdAt: spec.submitted,
          createdBy: 'system',
        })
        .execute()
  }
  const review = (
    key: string,
    participant: string,
    created: string,
    completed: string | null,
    recommendation: string | null,
    status = 'completed',
    due = '2026-12-31T00:00:00.000Z',
  ) => ({
    id: newId(),
    collaborationId: ids[key] as string,
    round: 1,
    processVersion: 1,
    participant,
    does: 'advises',
    reasons: '[]',
    status,
    dueAt: due,
    pausedSince: status === 'waiting_for_information' ? '2026-06-02T00:00:00.000Z' : null,
    remainingWorkingDays: null,
    findings: '',
    recommendation,
    conditions: '[]',
    completedAt: completed,
    completedBy: null,
    remindedAt: null,
    escalatedAt: null,
    createdAt: created,
  })
  const reviews = [
    review('A', 'research_security', '2026-01-10T00:00:00.000Z', '2026-01-12T00:00:00.000Z', 'no_objection'),
    review('A', 'export_control', '2026-01-10T00:00:00.000Z', '2026-01-16T00:00:00.000Z', 'conditions'),
    review('B', 'research_security', '2026-02-01T00:00:00.000Z', '2026-02-05T00:00:00.000Z', 'no_objection'),
    review('B', 'export_control', '2026-02-01T00:00:00.000Z', '2026-02-21T00:00:00.000Z', 'objection'),
    review(
      'C',
      'research_security',
      '2026-06-01T00:00:00.000Z',
      null,
      null,
      'open',
      '2026-06-05T00:00:00.000Z',
    ),
    review(
      'C',
      'export_control',
      '2026-06-01T00:00:00.000Z',
      null,
      null,
      'waiting_for_information',
      '2026-06-03T00:00:00.000Z',
    ),
    review('F', 'research_security', '2026-04-01T00:00:00.000Z', '2026-04-03T00:00:00.000Z', 'no_objection'),
  ]
  await db.insertInto('officeReviews').values(reviews).execute()
  const request = (key: string, reviewIndex: number) => ({
    id: newId(),
    reviewId: reviews[reviewIndex]?.id as string,
    collaborationId: ids[key] as string,
    question: 'Which data?',
    askedBy: researcher.id,
    askedAt: '2026-02-03T00:00:00.000Z',
    answer: null,
    answeredBy: null,
    answeredAt: null,
  })
  await db
    .insertInto('informationRequests')
    .values([request('B', 3), request('B', 3), request('C', 5)])
    .execute()
  // Only the hand-made cases count: the demo's own collaborations are set aside as drafts.
  await db
    .updateTable('collaborations')
    .set({ status: 'draft' })
    .where('reference', 'not like', 'TEST-%')
    .execute()
})

afterAll(async () => {
  await test?.cleanup()
})

/** The body as text with its byte order mark (Response.text() drops it). */
async function withBom(response: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
}

async function dashboard(query = '', user = 'decision-maker'): Promise<Dashboard> {
  const client = await app.login(user)
  const response = await client.request(`/api/v1/reports/dashboard${query}`)
  expect(response.status).toBe(200)
  return (await response.json()) as Dashboard
}

describe('percentiles', () => {
  it('interpolates linearly between the closest ranks', () => {
    expect(percentile([4, 10, 30, 30], 50)).toBe(20)
    expect(percentile([4, 10, 30, 30], 90)).toBe(30)
    expect(percentile([2, 4, 2], 90)).toBeCloseTo(3.6, 10)
    expect(percentile([], 50)).toBeNull()
    expect(percentile([7], 90)).toBe(7)
  })
  it('gives the same value from the ranks a database picks as from all values', () => {
    for (let n = 1; n < 60; n++) {
      const values = Array.from({ length: n }, (_, i) => ((i * 7919) % 101) / 3)
      const sorted = [...values].sort((a, b) => a - b)
      for (const p of [50, 90]) {
        const { lower, upper } = percentileRanks(n, p)
        const byRank = new Map([
          [lower, sorted[lower - 1] as number],
          [upper, sorted[upper - 1] as number],
        ])
        expect(percentileFromRanks(n, byRank, p)).toBe(percentile(values, p))
      }
    }
  })
})

describe('dashboard figures', () => {
  it('counts the portfolio by country, partner, risk, TRL band, unit, area and funder', async () => {
    const result = await dashboard()
    expect(result.filter).toEqual({})
    expect(result.kpis).toMatchObject({ active: 2, planned: 2, inReview: 1 })
    expect(values(result, 'casesByCountry')).toEqual({
      CN: { active: 2, planned: 2 },
      US: { active: 1, planned: 0 },
    })
    expect(figure(result, 'casesByCountry').rows[0]?.labelDe).toBe('China')
    expect(values(result, 'partnersByCountry')).toEqual({ CN: { partners: 2 }, US: { partners: 1 } })
    const partners = figure(result, 'casesByPartner').rows
    expect(partners[0]).toMatchObject({ labelEn: 'Tsinghua University', values: { active: 2, planned: 1 } })
    expect(partners).toHaveLength(3)
    expect(values(result, 'casesByRisk')).toEqual({
      low: { active: 1, planned: 1 },
      high: { active: 1, planned: 0 },
      elevated: { active: 0, planned: 1 },
    })
    expect(figure(result, 'casesByRisk').rows.map((row) => row.key)).toEqual(['low', 'elevated', 'high'])
    expect(values(result, 'casesByTrl')).toEqual({
      '1-3': { active: 1, planned: 0 },
      '4-6': { active: 1, planned: 1 },
      '7-9': { active: 0, planned: 1 },
    })
    expect(values(result, 'casesByUnit')).toEqual({
      [unitGeo]: { active: 1, planned: 2 },
      [unitMat]: { active: 1, planned: 0 },
    })
    expect(values(result, 'casesByArea')).toEqual({
      '34': { active: 1, planned: 2 },
      '31': { active: 1, planned: 0 },
    })
    expect(values(result, 'casesByFunder')).toEqual({
      'Deutsche Forschungsgemeinschaft': { active: 1, planned: 1 },
      'European Commission': { active: 1, planned: 0 },
      none: { active: 0, planned: 1 },
    })
  })

  it('measures the process: time to decision, offices, objections, requests', async () => {
    const result = await dashboard()
    expect(result.kpis).toEqual({
      active: 2,
      planned: 2,
      inReview: 1,
      decided: 4,
      medianDaysToDecision: 20,
      p90DaysToDecision: 30,
      shareWithoutObjection: 0.75,
      openReviews: 2,
      overdueReviews: 1,
      informationRequestsPerCase: 0.75,
    })
    expect(values(result, 'decisionTimeByRisk')).toEqual({
      low: { count: 2, median: 7, p90: 9.4 },
      high: { count: 1, median: 30, p90: 30 },
      no_go: { count: 1, median: 30, p90: 30 },
    })
    expect(figure(result, 'decisionTimeByMonth').rows.map((row) => [row.key, row.values.median])).toEqual([
      ['2025-12', 30],
      ['2026-01', 10],
      ['2026-03', 30],
      ['2026-04', 4],
    ])
    expect(values(result, 'officeDurations')).toEqual({
      research_security: { count: 3, median: 2, p90: 3.6 },
      export_control: { count: 2, median: 13, p90: 18.6 },
    })
    expect(values(result, 'officeWorkload')).toEqual({
      research_security: { open: 1, waiting: 0, overdue: 1 },
      export_control: { open: 0, waiting: 1, overdue: 0 },
    })
    expect(values(result, 'objections')).toEqual({
      without: { cases: 3, share: 0.75 },
      with: { cases: 1, share: 0.25 },
    })
    expect(values(result, 'informationRequests')).toEqual({
      '0': { cases: 2 },
      '1': { cases: 1 },
      '2': { cases: 1 },
    })
  })

  it('applies the period, unit, area and risk filters to every figure', async () => {
    const year = await dashboard('?from=2026-01-01&to=2026-12-31')
    expect(year.filter).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(year.kpis).toMatchObject({ decided: 3, medianDaysToDecision: 10, p90DaysToDecision: 26 })
    const january = await dashboard('?from=2026-01-01&to=2026-01-31')
    // No project term touches January (A starts in February; B, C, F later), one decision (A).
    expect(january.kpis).toMatchObject({ active: 0, planned: 0, decided: 1, medianDaysToDecision: 10 })
    expect(values(january, 'officeDurations')).toEqual({
      research_security: { count: 1, median: 2, p90: 2 },
      export_control: { count: 1, median: 6, p90: 6 },
    })

    const mat = await dashboard(`?unit=${unitMat}`)
    expect(mat.kpis).toMatchObject({
      active: 1,
      planned: 0,
      decided: 2,
      medianDaysToDecision: 30,
      openReviews: 0,
    })
    expect(values(mat, 'casesByCountry')).toEqual({ CN: { active: 1, planned: 0 } })

    const high = await dashboard('?risk=high')
    expect(high.kpis).toMatchObject({ active: 1, decided: 1, shareWithoutObjection: 0 })
    expect(values(high, 'officeDurations')).toEqual({
      research_security: { count: 1, median: 4, p90: 4 },
      export_control: { count: 1, median: 20, p90: 20 },
    })

    const geodesy = await dashboard('?area=343')
    expect(geodesy.kpis).toMatchObject({
      active: 1,
      planned: 2,
      decided: 2,
      openReviews: 2,
      overdueReviews: 1,
    })
    const subject = await dashboard('?area=343-01')
    expect(subject.kpis).toMatchObject({ active: 0, planned: 1, decided: 0, medianDaysToDecision: null })
  })

  it('follows changes of the sheet and of the assessment', async () => {
    const db = test.database.db
    const row = await db
      .selectFrom('collaborations')
      .select(['id', 'sheet'])
      .where('reference', '=', 'TEST-F')
      .executeTakeFirstOrThrow()
    const sheet = JSON.parse(row.sheet)
    sheet.funding.funders = [{ name: 'VolkswagenStiftung', programme: '' }]
    await db
      .updateTable('collaborations')
      .set({ sheet: JSON.stringify(sheet), updatedAt: '2026-06-10T00:00:00.000Z' })
      .where('id', '=', row.id)
      .execute()
    await db
      .insertInto('assessments')
      .values({
        id: newId(),
        collaborationId: row.id,
        collaborationVersion: 1,
        sheetUpdatedAt: '2026-06-10T00:00:00.000Z',
        riskLevel: 'elevated',
        result: '{}',
        createdAt: '2026-06-10T00:00:01.000Z',
        createdBy: 'system',
      })
      .execute()
    const result = await dashboard()
    expect(values(result, 'casesByFunder').VolkswagenStiftung).toEqual({ active: 0, planned: 1 })
    expect(values(result, 'casesByRisk').elevated).toEqual({ active: 0, planned: 2 })
  })

  it('refuses bad filters with problem+json naming the field', async () => {
    const client = await app.login('decision-maker')
    const cases: [string, string][] = [
      ['?from=2026-02-30', 'from'],
      ['?from=2026-05-01&to=2026-04-01', 'to'],
      ['?unit=not-a-unit', 'unit'],
      [`?unit=${newId()}`, 'unit'],
      ['?area=99', 'area'],
      ['?area=drop%20table', 'area'],
      ['?risk=extreme', 'risk'],
    ]
    for (const [query, field] of cases) {
      const response = await client.request(`/api/v1/reports/dashboard${query}`)
      expect(response.status, query).toBe(422)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      const body = (await response.json()) as { errors: { field: string }[] }
      expect(body.errors.map((error) => error.field.replace(/^query\./, ''))).toContain(field)
    }
  })

  it('shows the figures to admins, decision-makers and auditors only', async () => {
    for (const user of ['admin', 'auditor', 'decision-maker'])
      expect((await dashboard('', user)).kpis.active).toBe(2)
    for (const user of ['researcher', 'export-control', 'expert']) {
      const client = await app.login(user)
      expect((await client.request('/api/v1/reports/dashboard')).status).toBe(403)
      expect((await client.request('/api/v1/reports/annual-overview.pdf?year=2026')).status).toBe(403)
    }
    expect((await app.request('/api/v1/reports/dashboard')).status).toBe(401)
  })

  it('shows the knowledge section (documents by kind, due reviews) and training completion to whom may see it', async () => {
    const forAdmin = await dashboard('', 'admin')
    expect(forAdmin.sections.map((section) => section.key)).toEqual(
      expect.arrayContaining(['knowledge', 'training']),
    )
    const training = forAdmin.sections.find((section) => section.key === 'training')
    expect(training?.figures.map((figure) => figure.key)).toEqual(['completion'])
    // Decision-makers see the portfolio, not who has completed which training.
    const forDecisionMaker = await dashboard('', 'decision-maker')
    expect(forDecisionMaker.sections.find((section) => section.key === 'training')?.figures).toEqual([])
  })

  it('adds the sections other modules register, with the same filter', async () => {
    const seen: unknown[] = []
    registerDashboardSection({
      key: 'example',
      titleDe: 'Beispiel',
      titleEn: 'Example',
      compute: async (_ctx, filter) => {
        seen.push(filter)
        return [
          {
            key: 'documentsDue',
            titleDe: 'Dokumente zur Überprüfung fällig',
            titleEn: 'Documents due for review',
            columns: [{ key: 'documents', labelDe: 'Dokumente', labelEn: 'Documents', unit: 'count' }],
            rows: [
              {
                key: 'export_control',
                labelDe: 'Exportkontrolle',
                labelEn: 'Export control',
                values: { documents: 3 },
              },
            ],
          },
        ]
      },
    })
    try {
      const result = await dashboard('?risk=low')
      expect(seen).toEqual([{ risk: 'low' }])
      const example = result.sections.find((section) => section.key === 'example')
      expect(example?.figures[0]?.rows[0]?.values.documents).toBe(3)
      const client = await app.login('decision-maker')
      const csv = await client.request('/api/v1/reports/dashboard.csv?figure=example.documentsDue&lang=en')
      expect(await withBom(csv)).toBe('\uFEFFKey,Label,Documents\r\nexport_control,Export control,3\r\n')
    } finally {
      unregisterDashboardSection('example')
    }
    expect((await dashboard()).sections.map((section) => section.key)).not.toContain('example')
  })
})

describe('exports', () => {
  it('gives every figure as CSV with a byte order mark and proper quoting', async () => {
    const client = await app.login('auditor')
    const response = await client.request('/api/v1/reports/dashboard.csv?figure=casesByPartner&lang=de')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toContain('liaison-casesByPartner.csv')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe('Schlüssel,Bezeichnung,Aktiv,Geplant')
    expect(lines).toContain('CN:tsinghua university,Tsinghua University,2,1')
    expect(lines).toContain(
      '"US:massachusetts institute of technology, ""mit""","Massachusetts Institute of Technology, ""MIT""",1,0',
    )
    const shares = await client.request('/api/v1/reports/dashboard.csv?figure=objections&lang=en&risk=high')
    expect(await withBom(shares)).toBe(
      '\uFEFFKey,Label,Decisions,Share\r\nwithout,Without objection,0,0\r\nwith,With objection,1,1\r\n',
    )
    const unknown = await client.request('/api/v1/reports/dashboard.csv?figure=nothing')
    expect(unknown.status).toBe(422)
    expect(JSON.stringify(await unknown.json())).toContain('figure')
  })

  it('writes the annual overview for the board with the figures of the year, in German and English', async () => {
    const client = await app.login('decision-maker')
    const de = await client.request('/api/v1/reports/annual-overview.pdf?year=2026&lang=de')
    expect(de.status).toBe(200)
    expect(de.headers.get('content-type')).toBe('application/pdf')
    const german = (await readPdfText(new Uint8Array(await de.arrayBuffer()))).text.replace(/\s+/g, ' ')
    expect(german).toContain('Jahresübersicht internationale Kooperationen 2026')
    expect(german).toContain('1. Januar 2026 – 31. Dezember 2026')
    expect(german).toContain('Es wurden 3 Entscheidungen getroffen')
    expect(german).toContain('im Median 10,0 Tage')
    expect(german).toContain('höchstens 26,0 Tagen')
    expect(german).toContain('66,7 % der Entscheidungen fielen ohne Einwand')
    expect(german).toContain('Bearbeitungsdauer je Stelle')
    expect(german).toContain('China')

    const en = await client.request('/api/v1/reports/annual-overview.pdf?year=2026&lang=en&risk=high')
    const english = (await readPdfText(new Uint8Array(await en.arrayBuffer()))).text.replace(/\s+/g, ' ')
    expect(english).toContain('Annual overview of international collaborations 2026')
    expect(english).toContain('Risk level: High')
    expect(english).toContain('1 decisions were taken')
    expect(english).toContain('median of 30.0 days')
    expect(english).toContain('0% of the decisions were taken without any office’s objection')

    const both = await client.request('/api/v1/reports/annual-overview.pdf?year=2026&from=2026-01-01')
    expect(both.status).toBe(422)
  })
})

describe('amendments', () => {
  it('leave an earlier decision out of the time to decision once the case is submitted again', async () => {
    const db = test.database.db
    const a = await db
      .selectFrom('collaborations')
      .select(['id', 'submittedAt'])
      .where('reference', '=', 'TEST-A')
      .executeTakeFirstOrThrow()
    // A's amendment was submitted after its decision (2026-01-20) and is not decided yet.
    await db
      .updateTable('collaborations')
      .set({ submittedAt: '2026-05-02T00:00:00.000Z' })
      .where('id', '=', a.id)
      .execute()
    try {
      const result = await dashboard()
      const months = figure(result, 'decisionTimeByMonth').rows
      expect(months.map((row) => row.key)).not.toContain('2026-01')
      for (const row of months) expect(row.values.median ?? 0).toBeGreaterThanOrEqual(0)
      expect(result.kpis.decided).toBe(3)
    } finally {
      await db
        .updateTable('collaborations')
        .set({ submittedAt: a.submittedAt })
        .where('id', '=', a.id)
        .execute()
    }
  })
})

describe('kept figures', () => {
  const openReview = (collaborationId: string) => ({
    id: newId(),
    collaborationId,
    round: 2,
    processVersion: 1,
    participant: 'legal',
    does: 'advises',
    reasons: '[]',
    status: 'open',
    dueAt: '2026-12-31T00:00:00.000Z',
    pausedSince: null,
    remainingWorkingDays: null,
    findings: '',
    recommendation: null,
    conditions: '[]',
    completedAt: null,
    completedBy: null,
    remindedAt: null,
    escalatedAt: null,
    createdAt: '2026-06-14T00:00:00.000Z',
  })
  const caseInReview = async () =>
    (
      await test.database.db
        .selectFrom('collaborations')
        .select('id')
        .where('reference', 'like', 'TEST-%')
        .where('status', '=', 'in_review')
        .executeTakeFirstOrThrow()
    ).id

  it('are computed again as soon as the data change, by default', async () => {
    const before = await dashboard()
    const again = await dashboard()
    expect(again.kpis).toEqual(before.kpis)
    const review = openReview(await caseInReview())
    await test.database.db.insertInto('officeReviews').values(review).execute()
    try {
      const after = await dashboard()
      expect(after.kpis.openReviews).toBe(before.kpis.openReviews + 1)
    } finally {
      await test.database.db.deleteFrom('officeReviews').where('id', '=', review.id).execute()
    }
    expect((await dashboard()).kpis.openReviews).toBe(before.kpis.openReviews)
  })

  it('may lag behind the data for REPORTS_MAX_LAG_SECONDS, and say when they were computed', async () => {
    let clock = new Date(now.getTime() + 60 * 60_000)
    const lagging = createTestApp(
      { ...test, config: { ...test.config, reports: { maxLagSeconds: 30 } } },
      { now: () => clock },
    )
    const client = await lagging.login('decision-maker')
    const read = async () => (await (await client.request('/api/v1/reports/dashboard')).json()) as Dashboard
    const first = await read()
    expect(first.generatedAt).toBe(clock.toISOString())
    const review = openReview(await caseInReview())
    await test.database.db.insertInto('officeReviews').values(review).execute()
    try {
      clock = new Date(clock.getTime() + 20_000)
      const within = await read()
      expect(within.generatedAt).toBe(first.generatedAt)
      expect(within.kpis.openReviews).toBe(first.kpis.openReviews)
      clock = new Date(clock.getTime() + 11_000)
      const after = await read()
      expect(after.generatedAt).toBe(clock.toISOString())
      expect(after.kpis.openReviews).toBe(first.kpis.openReviews + 1)
    } finally {
      await test.database.db.deleteFrom('officeReviews').where('id', '=', review.id).execute()
    }
  })
})
