import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readPdfText } from '../../../test/pdf-text.js'
import {
  createTestApp,
  createTestDatabase,
  type TestClient,
  type TestDatabase,
} from '../../../test/test-app.js'
import { seedDemoIfEmpty } from '../../demo/index.js'
import { parseCsv } from '../../shared/csv.js'
import type { Collaboration } from '../collaborations/index.js'
import type { CollaborationScreening } from '../screening/index.js'
import { registerFields } from './reportdocs.schema.js'

describe('report documents', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>
  const clients = new Map<string, TestClient>()
  let decided: { id: string; reference: string }
  let inReview: { id: string; reference: string }

  const as = async (username: string) => {
    const known = clients.get(username)
    if (known) return known
    const client = await harness.login(username)
    clients.set(username, client)
    return client
  }
  const getJson = async <T>(username: string, path: string): Promise<T> => {
    const response = await (await as(username)).request(path)
    expect(response.status, path).toBe(200)
    return (await response.json()) as T
  }

  beforeAll(async () => {
    test = await createTestDatabase()
    await seedDemoIfEmpty(test.ctx)
    harness = createTestApp(test)
    const rows = await test.database.db
      .selectFrom('collaborations')
      .select(['id', 'reference', 'status', 'decision'])
      .orderBy('reference')
      .execute()
    const withConditions = rows.find(
      (row) =>
        row.status === 'approved_with_conditions' &&
        row.decision &&
        JSON.parse(row.decision).conditions.length > 0,
    )
    const reviewing = rows.find((row) => row.status === 'in_review')
    if (!withConditions || !reviewing)
      throw new Error('the demo lacks a decided case with conditions or a case in review')
    decided = withConditions
    inReview = reviewing
  }, 400_000)
  afterAll(async () => test.cleanup())

  describe('the assessment report', () => {
    it('holds the data sheet, evidence, screening, every office’s advice, decision, conditions and audit summary', async () => {
      const client = await as('decision-maker')
      const response = await client.request(`/api/v1/collaborations/${decided.id}/report.pdf?lang=en`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/pdf')
      expect(response.headers.get('content-disposition')).toContain(
        `${decided.reference}-assessment-report.pdf`,
      )
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
      const { text, pages } = await readPdfText(bytes)
      const flat = text.replace(/\s+/g, ' ')
      expect(pages).toBeGreaterThan(1)

      const collaboration = await getJson<Collaboration>(
        'decision-maker',
        `/api/v1/collaborations/${decided.id}`,
      )
      const review = await getJson<{
        reviews: Array<{
          participant: string
          findings: string
          completedBy: string | null
          conditions: string[]
        }>
      }>('decision-maker', `/api/v1/collaborations/${decided.id}/review`)
      const screening = await getJson<CollaborationScreening>(
        'decision-maker',
        `/api/v1/collaborations/${decided.id}/screening`,
      )
      const contains = (snippet: string) =>
        expect(flat, snippet).toContain(snippet.replace(/\s+/g, ' ').slice(0, 60))

      // Data sheet summary
      contains(collaboration.sheet.title)
      for (const partner of collaboration.sheet.partners) if (partner.country) contains(partner.country)
      contains('Principal investigators')
      // Pre-assessment with its evidence
      contains('Pre-assessment (dual use)')
      contains('Overall level')
      contains('Proportionality (TRL)')
      contains('No-go checks')
      // Screening, never "no hits" for an unscreened partner
      for (const partner of screening.partners) {
        contains(partner.name)
        if (partner.status === 'not_screened') contains('NOT SCREENED')
        for (const hit of partner.hits) if (hit.disposition) contains(hit.disposition.reason)
      }
      // Every office's advice
      expect(review.reviews.length).toBeGreaterThan(0)
      for (const entry of review.reviews) {
        contains(entry.findings)
        if (entry.completedBy) contains(entry.completedBy)
        for (const condition of entry.conditions) contains(condition)
      }
      // The decision with its conditions and decider
      const decision = collaboration.decision
      if (!decision) throw new Error('decided case without decision')
      contains('Approved with conditions')
      contains(decision.decidedBy)
      for (const condition of decision.conditions) contains(condition)
      // Audit trail summary with chain verification
      contains('Audit trail (summary)')
      contains("This case's entries in the hash chain")
      contains('verified now, unaltered')
      contains('Whole hash chain')
      contains('verified in full on')
    })

    it('quotes the highlighted evidence passages of matched entries and areas', async () => {
      const assessed = await test.database.db
        .selectFrom('assessments')
        .select(['collaborationId', 'result'])
        .execute()
      const withEvidence = assessed.find((row) => {
        const result = JSON.parse(row.result)
        return result.candidates.length > 0 || result.areas.length > 0
      })
      if (!withEvidence) throw new Error('no demo case with evidence')
      const result = JSON.parse(withEvidence.result) as {
        candidates: Array<{
          code: string
          evidence: { project: Array<{ text: string; highlights: Array<{ start: number; end: number }> }> }
        }>
        areas: Array<{
          nameEn: string
          evidence: Array<{ text: string; highlights: Array<{ start: number; end: number }> }>
        }>
      }
      const response = await (await as('admin')).request(
        `/api/v1/collaborations/${withEvidence.collaborationId}/report.pdf?lang=en`,
      )
      expect(response.status).toBe(200)
      const flat = (await readPdfText(new Uint8Array(await response.arrayBuffer()))).text.replace(/\s+/g, ' ')
      const first = result.candidates[0]
      const passage = first?.evidence.project[0] ?? result.areas[0]?.evidence[0]
      if (first) expect(flat).toContain(first.code)
      else expect(flat).toContain(result.areas[0]?.nameEn ?? '')
      const highlight = passage?.highlights[0]
      if (!passage || !highlight) throw new Error('evidence without highlight')
      expect(flat).toContain(`»${passage.text.slice(highlight.start, highlight.end).replace(/\s+/g, ' ')}«`)
    })

    it('is written in German by default and records the access like opening the case', async () => {
      const before = await test.database.db
        .selectFrom('caseAccessLog')
        .select('id')
        .where('collaborationId', '=', decided.id)
        .execute()
      const response = await (await as('auditor')).request(`/api/v1/collaborations/${decided.id}/report.pdf`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toContain('Pruefbericht.pdf')
      const flat = (await readPdfText(new Uint8Array(await response.arrayBuffer()))).text.replace(/\s+/g, ' ')
      expect(flat).toContain('Prüfbericht')
      expect(flat).toContain('Stellungnahmen der Stellen')
      expect(flat).toContain('Genehmigt mit Auflagen')
      const after = await test.database.db
        .selectFrom('caseAccessLog')
        .select(['id', 'userName'])
        .where('collaborationId', '=', decided.id)
        .execute()
      expect(after.length).toBe(before.length + 1)
      expect(after.map((row) => row.userName)).toContain('auditor')
    })

    it('is refused to someone who may not see the case, like a missing case', async () => {
      const members = await test.database.db
        .selectFrom('collaborationMembers')
        .innerJoin('users', 'users.id', 'collaborationMembers.userId')
        .select('users.username')
        .where('collaborationMembers.collaborationId', '=', decided.id)
        .execute()
      const outsider = ['researcher', 'j.fischer', 'a.nowak', 's.keller'].find(
        (name) => !members.some((member) => member.username === name),
      )
      if (!outsider) throw new Error('no outsider')
      const response = await (await as(outsider)).request(`/api/v1/collaborations/${decided.id}/report.pdf`)
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      const anonymous = await harness.request(`/api/v1/collaborations/${decided.id}/report.pdf`)
      expect(anonymous.status).toBe(401)
      const missing = await (await as('admin')).request(
        '/api/v1/collaborations/00000000-0000-7000-8000-000000000000/report.pdf',
      )
      expect(missing.status).toBe(404)
    })

    it('is given to the case’s own researcher', async () => {
      const member = await test.database.db
        .selectFrom('collaborationMembers')
        .innerJoin('users', 'users.id', 'collaborationMembers.userId')
        .select('users.username')
        .where('collaborationMembers.collaborationId', '=', decided.id)
        .executeTakeFirstOrThrow()
      const response = await (await as(member.username)).request(
        `/api/v1/collaborations/${decided.id}/report.pdf`,
      )
      expect(response.status).toBe(200)
    })
  })

  describe('the funder notice', () => {
    it('gives what a funder needs and no technical description, risk findings or other personal data', async () => {
      const notice = await getJson<{ text: string; subject: string; recipients: string; language: string }>(
        'research-security',
        `/api/v1/collaborations/${inReview.id}/funder-notice-text?lang=en`,
      )
      const collaboration = await getJson<Collaboration>(
        'research-security',
        `/api/v1/collaborations/${inReview.id}`,
      )
      const { sheet } = collaboration
      expect(notice.language).toBe('en')
      expect(notice.subject).toContain(inReview.reference)
      expect(notice.recipients).toBe(sheet.funding.funders.map((funder) => funder.name).join('; '))
      expect(notice.text).toContain(sheet.title)
      expect(notice.text).toContain(sheet.summary)
      for (const partner of sheet.partners)
        expect(notice.text).toContain(partner.nameEnglish || partner.nameOriginal)
      expect(notice.text).toContain('Status of the review')
      expect(notice.text).toContain('Decision expected after the offices’ advice, due by')
      expect(notice.text).toContain(sheet.principalInvestigators[0]?.name ?? '')
      // Nothing beyond the summary: not the description, keywords or answers; no risk level; no other people.
      const technical = sheet.description
        .split('\n\n')
        .filter((part) => part.length > 20 && !sheet.summary.includes(part.slice(0, 40)))
      expect(technical.length).toBeGreaterThan(0)
      for (const paragraph of technical) expect(notice.text).not.toContain(paragraph.slice(0, 40))
      expect(notice.text).not.toMatch(/risk level|Risikostufe|Annex I|elevated|no-go/i)
      for (const partner of sheet.partners)
        if (partner.contactRole) expect(notice.text).not.toContain(partner.contactRole)
      for (const member of sheet.members) expect(notice.text).not.toContain(member.name)
      for (const answer of Object.values(sheet.answers))
        if (answer.explanation.length > 15) expect(notice.text).not.toContain(answer.explanation)
    })

    it('comes as PDF and records that it was prepared', async () => {
      const response = await (await as('research-security')).request(
        `/api/v1/collaborations/${inReview.id}/funder-notice.pdf?lang=de`,
      )
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toContain('Vorabinformation.pdf')
      const flat = (await readPdfText(new Uint8Array(await response.arrayBuffer()))).text.replace(/\s+/g, ' ')
      expect(flat).toContain('Vorabinformation zur geplanten Kooperation')
      expect(flat).toContain(inReview.reference)
      expect(flat).toContain('Stand der Prüfung')
      const prepared = await test.database.db
        .selectFrom('auditEvents')
        .select('action')
        .where('entityId', '=', inReview.id)
        .where('action', '=', 'funder_notice.prepared')
        .execute()
      expect(prepared.length).toBeGreaterThanOrEqual(1)
    })

    it('is prepared before the decision only, and only by those who record funder notices', async () => {
      const late = await (await as('research-security')).request(
        `/api/v1/collaborations/${decided.id}/funder-notice-text`,
      )
      expect(late.status).toBe(409)
      const researcher = await (await as('researcher')).request(
        `/api/v1/collaborations/${inReview.id}/funder-notice-text`,
      )
      expect(researcher.status).toBe(403)
    })
  })

  describe('the register export', () => {
    const picked = [
      'reference',
      'title',
      'status',
      'partners',
      'countries',
      'trl',
      'riskLevel',
      'decidedAt',
      'conditions',
    ]

    it('exports the picked fields as XLSX that reads back row by row', async () => {
      const response = await (await as('admin')).request(
        `/api/v1/register/export?format=xlsx&lang=en&fields=${picked.join(',')}`,
      )
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      expect(response.headers.get('content-disposition')).toMatch(
        /collaboration-register-\d{4}-\d{2}-\d{2}\.xlsx/,
      )
      const workbook = new ExcelJS.Workbook()
      // exceljs types its load() argument as its own Buffer type; the bytes are what it reads.
      await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer)
      const sheet = workbook.worksheets[0]
      if (!sheet) throw new Error('no sheet')
      const headers = picked.map((key) => registerFields.find((field) => field.key === key)?.labelEn)
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers)
      const rows = await test.database.db
        .selectFrom('collaborations')
        .select(['reference', 'title', 'trl', 'decision', 'decidedAt'])
        .where('status', '!=', 'draft')
        .execute()
      expect(sheet.rowCount).toBe(rows.length + 1)
      const byReference = new Map(rows.map((row) => [row.reference, row]))
      for (let index = 2; index <= sheet.rowCount; index++) {
        const row = sheet.getRow(index)
        const expected = byReference.get(String(row.getCell(1).value))
        if (!expected) throw new Error(`unexpected row ${row.getCell(1).value}`)
        expect(row.getCell(2).value).toBe(expected.title)
        expect(row.getCell(6).value ?? null).toBe(expected.trl)
        const conditions = expected.decision ? (JSON.parse(expected.decision).conditions as string[]) : []
        expect(row.getCell(9).value ?? null).toBe(conditions.length > 0 ? conditions.join('; ') : null)
        if (expected.decidedAt) expect(row.getCell(8).value).toBeInstanceOf(Date)
        else expect(row.getCell(8).value).toBeNull()
      }
    })

    it('exports CSV for German Excel with the list page’s filters', async () => {
      const response = await (await as('auditor')).request(
        '/api/v1/register/export?format=csv&separator=semicolon&lang=de&fields=reference,status,unit&status=in_review',
      )
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const parsed = parseCsv(new TextDecoder().decode(bytes), ';')
      expect(parsed[0]).toEqual(['Aktenzeichen', 'Status', 'Organisationseinheit'])
      const inReviewCount = await test.database.db
        .selectFrom('collaborations')
        .select('id')
        .where('status', '=', 'in_review')
        .execute()
      expect(parsed.slice(1)).toHaveLength(inReviewCount.length)
      for (const row of parsed.slice(1)) expect(row[1]).toBe('In Prüfung')
    })

    it('refuses unknown field names with problem+json naming the field, and writes nothing', async () => {
      const before = await test.database.db.selectFrom('auditEvents').select('seq').execute()
      const response = await (await as('admin')).request(
        '/api/v1/register/export?fields=reference,passport,reference',
      )
      expect(response.status).toBe(422)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      const problem = (await response.json()) as { errors: Array<{ field: string; message: string }> }
      expect(problem.errors.map((error) => error.field)).toEqual(['fields', 'fields'])
      expect(problem.errors[0]?.message).toContain('passport')
      expect(problem.errors[1]?.message).toContain('twice')
      const after = await test.database.db.selectFrom('auditEvents').select('seq').execute()
      expect(after.length).toBe(before.length)
      const badFormat = await (await as('admin')).request('/api/v1/register/export?format=pdf')
      expect(badFormat.status).toBe(422)
    })

    it('is for admins, decision-makers, auditors and research security; other offices get their routed cases', async () => {
      expect((await (await as('researcher')).request('/api/v1/register/export')).status).toBe(403)
      const count = async (username: string) => {
        const response = await (await as(username)).request(
          '/api/v1/register/export?format=csv&fields=reference',
        )
        expect(response.status, username).toBe(200)
        return parseCsv(await response.text()).length - 1
      }
      const all = await count('admin')
      expect(await count('decision-maker')).toBe(all)
      expect(await count('research-security')).toBe(all)
      const ethics = await count('ethics')
      const routed = await test.database.db
        .selectFrom('officeReviews')
        .select('collaborationId')
        .distinct()
        .where('participant', '=', 'ethics')
        .where('status', '!=', 'cancelled')
        .execute()
      expect(ethics).toBe(routed.length)
      expect(ethics).toBeLessThan(all)
      const exported = await test.database.db
        .selectFrom('auditEvents')
        .select('actorName')
        .where('action', '=', 'register.exported')
        .execute()
      expect(exported.map((row) => row.actorName)).toContain('ethics')
    })

    it('documents its field catalogue', async () => {
      const fields = await getJson<Array<{ key: string; labelDe: string; labelEn: string }>>(
        'admin',
        '/api/v1/register/fields',
      )
      expect(fields.map((field) => field.key)).toEqual(registerFields.map((field) => field.key))
      expect((await (await as('researcher')).request('/api/v1/register/fields')).status).toBe(403)
    })
  })
})
