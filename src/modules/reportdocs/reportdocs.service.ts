import type { Ctx } from '../../platform/context.js'
import { AppError } from '../../platform/errors.js'
import { authorize, can } from '../access/index.js'
import { type Assessment, findLatestRiskLevels, getLatestAssessment } from '../assessment/index.js'
import {
  type AuditSummary,
  checkAndRecordChain,
  latestChainCheck,
  recordAudit,
  summarizeAuditTrail,
  verifyEntityEntries,
} from '../audit/index.js'
import {
  type Collaboration,
  type CollaborationStatus,
  collaborationResource,
  iterateRegister,
  openCollaboration,
  type RegisterCase,
} from '../collaborations/index.js'
import { listOffices, listUnits, type Office, type Unit } from '../organisation/index.js'
import { type CaseReview, getCaseReview, listObligationsOfCases } from '../reviews/index.js'
import { type CollaborationScreening, getCollaborationScreening } from '../screening/index.js'
import { renderCaseReport, renderFunderNoticePdf, writeFunderNoticeText } from './reportdocs.documents.js'
import {
  type DocumentLanguage,
  defaultRegisterFields,
  type FunderNoticeText,
  type RegisterExportQuery,
  type RegisterField,
  registerFieldKeys,
  registerFields,
} from './reportdocs.schema.js'
import {
  csvChunks,
  type SheetCell,
  type SheetColumn,
  toReadableStream,
  xlsxChunks,
} from './reportdocs.sheets.js'

/** A generated file. */
export interface GeneratedFile {
  fileName: string
  contentType: string
  bytes: Uint8Array
}

/** Everything a case report is made of, gathered with the reader's permissions. */
export interface CaseReportData {
  institution: string
  generatedAt: Date
  generatedBy: string
  collaboration: Collaboration
  unit: Unit | null
  offices: Office[]
  assessment: Assessment | null
  screening: CollaborationScreening
  review: CaseReview
  audit: AuditSummary
  /** The case's entries, checked now, and the newest full verification of the chain. */
  chain: {
    entries: { ok: boolean; checked: number; firstBrokenSeq: number | null }
    full: { ok: boolean; checked: number; firstBrokenSeq: number | null; checkedAt: string }
  }
}

/** The language of a document: the one asked for, else the user's locale (Accept-Language), else German. */
export function documentLanguage(asked: DocumentLanguage | undefined, acceptLanguage: string | undefined) {
  if (asked) return asked
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'de'
}

/**
 * Checks that the actor may have a document of the case: a case one may not see answers like a
 * missing one, so ids cannot be probed.
 * @throws AppError('not_found')
 */
async function requireCaseFor(ctx: Ctx, id: string, action: 'report.case' | 'funder_notice.record') {
  authorize(ctx.actor, action)
  const resource = await collaborationResource(ctx.db, id)
  if (!resource || !can(ctx.actor, 'collaboration.read', resource))
    throw new AppError('not_found', 'No such collaboration.')
  authorize(ctx.actor, action, resource)
}

async function findAssessment(ctx: Ctx, id: string): Promise<Assessment | null> {
  try {
    return await getLatestAssessment(ctx, id)
  } catch (error) {
    // A case that was never assessed (a draft) has no assessment section; anything else is a failure.
    if (error instanceof AppError && error.code === 'not_found') return null
    throw error
  }
}

/**
 * Gathers the case report's content through the other modules, each with its own permission
 * check. Opening the case is recorded in the access log like opening it on screen.
 * @throws AppError('not_found') when the case does not exist or the actor may not see it
 */
export async function gatherCaseReport(ctx: Ctx, id: string): Promise<CaseReportData> {
  await requireCaseFor(ctx, id, 'report.case')
  const collaboration = await openCollaboration(ctx, id)
  const units = await listUnits(ctx)
  // The case's own entries are checked where they stand in the chain on every download; the whole
  // chain is cited from its newest full verification (daily job), or verified now if there was none.
  const entries = await verifyEntityEntries(ctx.db, 'collaboration', id)
  const full = (await latestChainCheck(ctx.db)) ?? (await checkAndRecordChain(ctx.db, ctx.now()))
  return {
    institution: ctx.config.institution.name,
    generatedAt: ctx.now(),
    generatedBy: ctx.actor?.displayName ?? '',
    collaboration,
    unit: units.find((unit) => unit.id === collaboration.sheet.unitId) ?? null,
    offices: await listOffices(ctx),
    assessment: await findAssessment(ctx, id),
    screening: await getCollaborationScreening(ctx, id),
    review: await getCaseReview(ctx, id),
    audit: await summarizeAuditTrail(ctx.db, 'collaboration', id),
    chain: {
      entries: { ok: entries.ok, checked: entries.checked, firstBrokenSeq: entries.firstBrokenSeq },
      full: {
        ok: full.ok,
        checked: full.checked,
        firstBrokenSeq: full.firstBrokenSeq,
        checkedAt: full.checkedAt,
      },
    },
  }
}

function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'case'
}

/**
 * The assessment report of one case as PDF, for a funder or a supervisory board.
 * @throws AppError('not_found') when the case does not exist or the actor may not see it
 */
export async function caseReportPdf(
  ctx: Ctx,
  id: string,
  language: DocumentLanguage,
): Promise<GeneratedFile> {
  const data = await gatherCaseReport(ctx, id)
  const bytes = await renderCaseReport(data, language, ctx.config.pdf.cjkFont)
  const word = language === 'de' ? 'Pruefbericht' : 'assessment-report'
  return {
    fileName: `${safeFileName(data.collaboration.reference)}-${word}.pdf`,
    contentType: 'application/pdf',
    bytes,
  }
}

/** What the funder notice is built from: only what a funder needs to know. */
export interface FunderNoticeData {
  institution: string
  generatedAt: Date
  collaboration: Collaboration
  unit: Unit | null
  offices: Office[]
  review: CaseReview
}

const noticeStatuses: readonly CollaborationStatus[] = ['submitted', 'in_review']

async function gatherFunderNotice(ctx: Ctx, id: string): Promise<FunderNoticeData> {
  await requireCaseFor(ctx, id, 'funder_notice.record')
  const collaboration = await openCollaboration(ctx, id)
  if (!noticeStatuses.includes(collaboration.status))
    throw new AppError(
      'conflict',
      'The funder is informed upfront: while the case is submitted or in review.',
    )
  const units = await listUnits(ctx)
  return {
    institution: ctx.config.institution.name,
    generatedAt: ctx.now(),
    collaboration,
    unit: units.find((unit) => unit.id === collaboration.sheet.unitId) ?? null,
    offices: await listOffices(ctx),
    review: await getCaseReview(ctx, id),
  }
}

async function recordPrepared(ctx: Ctx, id: string, format: 'pdf' | 'text', language: DocumentLanguage) {
  await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, ctx, {
      action: 'funder_notice.prepared',
      entityType: 'collaboration',
      entityId: id,
      after: { format, language },
    })
  })
}

/**
 * The funder notification as plain text for an e-mail (the sending is recorded as a funder notice).
 * @throws AppError('not_found'), AppError('conflict') once the case is decided
 */
export async function funderNoticeText(
  ctx: Ctx,
  id: string,
  language: DocumentLanguage,
): Promise<FunderNoticeText> {
  const data = await gatherFunderNotice(ctx, id)
  await recordPrepared(ctx, id, 'text', language)
  return writeFunderNoticeText(data, language)
}

/**
 * The funder notification as PDF.
 * @throws AppError('not_found'), AppError('conflict') once the case is decided
 */
export async function funderNoticePdf(
  ctx: Ctx,
  id: string,
  language: DocumentLanguage,
): Promise<GeneratedFile> {
  const data = await gatherFunderNotice(ctx, id)
  await recordPrepared(ctx, id, 'pdf', language)
  const word = language === 'de' ? 'Vorabinformation' : 'funder-notice'
  return {
    fileName: `${safeFileName(data.collaboration.reference)}-${word}.pdf`,
    contentType: 'application/pdf',
    bytes: await renderFunderNoticePdf(data, language, ctx.config.pdf.cjkFont),
  }
}

// ---- register export

/**
 * The picked fields, in order; without a pick, the default set.
 * @throws AppError('validation') naming the field parameter and every unknown or repeated key
 */
export function parseRegisterFields(text: string | undefined): RegisterField[] {
  if (text === undefined || text.trim() === '') return defaultRegisterFields
  const keys = text.split(',').map((key) => key.trim())
  const problems: string[] = []
  const seen = new Set<string>()
  for (const key of keys) {
    if (!registerFieldKeys.includes(key as RegisterField))
      problems.push(`Unknown field "${key.slice(0, 60)}"`)
    else if (seen.has(key)) problems.push(`Field "${key}" is picked twice`)
    seen.add(key)
  }
  if (problems.length > 0)
    throw new AppError('validation', 'The picked fields are not valid.', {
      fields: problems.map((message) => ({ field: 'fields', message })),
    })
  // Every key was checked against the catalogue above.
  return keys as RegisterField[]
}

const berlinDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day (Europe/Berlin) of a timestamp, or of a plain date. */
function dayOf(value: string | null | undefined): { day: string } | null {
  if (!value) return null
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { day: value }
  const time = Date.parse(value)
  return Number.isNaN(time) ? null : { day: berlinDay.format(new Date(time)) }
}

const statusLabels: Record<DocumentLanguage, Record<CollaborationStatus, string>> = {
  de: {
    draft: 'Entwurf',
    submitted: 'Eingereicht',
    in_review: 'In Prüfung',
    approved: 'Genehmigt',
    approved_with_conditions: 'Genehmigt mit Auflagen',
    declined: 'Abgelehnt',
    active: 'Laufend',
    ended: 'Beendet',
    withdrawn: 'Zurückgezogen',
    amendment_draft: 'Änderung in Bearbeitung',
  },
  en: {
    draft: 'Draft',
    submitted: 'Submitted',
    in_review: 'In review',
    approved: 'Approved',
    approved_with_conditions: 'Approved with conditions',
    declined: 'Declined',
    active: 'Active',
    ended: 'Ended',
    withdrawn: 'Withdrawn',
    amendment_draft: 'Amendment in progress',
  },
}

const riskLabels: Record<DocumentLanguage, Record<string, string>> = {
  de: { low: 'gering', elevated: 'erhöht', high: 'hoch', no_go: 'No-Go' },
  en: { low: 'low', elevated: 'elevated', high: 'high', no_go: 'no-go' },
}

interface RegisterContext {
  language: DocumentLanguage
  units: Map<string, Unit>
  risk: Map<string, string>
  obligations: Map<string, Array<{ status: string; dueAt: string | null }>>
}

function registerCell(field: RegisterField, item: RegisterCase, context: RegisterContext): SheetCell {
  const { sheet } = item
  const { language } = context
  const list = (values: readonly string[]) => (values.length > 0 ? values.join('; ') : null)
  const open = (context.obligations.get(item.id) ?? []).filter(
    (obligation) => obligation.status !== 'fulfilled',
  )
  switch (field) {
    case 'reference':
      return item.reference
    case 'title':
      return sheet.title
    case 'acronym':
      return sheet.acronym || null
    case 'status':
      return statusLabels[language][item.status]
    case 'unit': {
      const unit = sheet.unitId ? context.units.get(sheet.unitId) : undefined
      return unit ? `${unit.code} ${language === 'de' ? unit.nameDe : unit.nameEn}` : null
    }
    case 'principalInvestigators':
      return list(sheet.principalInvestigators.map((person) => person.name))
    case 'partners':
      return list(
        sheet.partners.map((partner) => partner.nameEnglish || partner.nameOriginal).filter(Boolean),
      )
    case 'countries':
      return list([
        ...new Set(sheet.partners.flatMap((partner) => (partner.country ? [partner.country] : []))),
      ])
    case 'researchAreas':
      return list(sheet.researchAreas)
    case 'trl':
      return sheet.trl
    case 'riskLevel': {
      const level = context.risk.get(item.id)
      return level ? (riskLabels[language][level] ?? level) : null
    }
    case 'funders':
      return list(
        sheet.funding.funders.map((funder) =>
          funder.programme ? `${funder.name} (${funder.programme})` : funder.name,
        ),
      )
    case 'totalBudgetEur':
      return sheet.funding.totalBudgetEur
    case 'startDate':
      return dayOf(sheet.interests.startDate)
    case 'endDate':
      return dayOf(sheet.interests.endDate)
    case 'submittedAt':
      return dayOf(item.submittedAt)
    case 'decidedAt':
      return dayOf(item.decidedAt)
    case 'decision': {
      const outcome = item.decision?.outcome
      return outcome && outcome in statusLabels[language]
        ? statusLabels[language][outcome as CollaborationStatus]
        : null
    }
    case 'decidedBy':
      return item.decision?.decidedBy || null
    case 'conditions':
      return list(item.decision?.conditions ?? [])
    case 'openObligations':
      return item.decision ? open.length : null
    case 'nextReview':
      return dayOf(
        open
          .flatMap((obligation) => (obligation.dueAt ? [obligation.dueAt] : []))
          .sort()
          .at(0),
      )
    case 'updatedAt':
      return dayOf(item.updatedAt)
  }
}

/** A register export ready to stream. */
export interface RegisterExport {
  fileName: string
  contentType: string
  stream: ReadableStream<Uint8Array>
}

/**
 * The collaboration register as CSV or XLSX with the picked fields and the list page's filters.
 * Admins, decision-makers, auditors and research security export every submitted case; other
 * office reviewers the cases routed to their office. The export is recorded in the audit trail.
 * @throws AppError('validation') for unknown field names (before anything is written)
 */
export async function exportRegister(
  ctx: Ctx,
  query: RegisterExportQuery,
  language: DocumentLanguage,
): Promise<RegisterExport> {
  authorize(ctx.actor, 'register.export')
  const fields = parseRegisterFields(query.fields)
  const filter = { status: query.status, unitId: query.unitId, q: query.q }
  const units = new Map((await listUnits(ctx)).map((unit) => [unit.id, unit]))
  const day = berlinDay.format(ctx.now())
  await ctx.db.transaction().execute(async (trx) => {
    await recordAudit(trx, ctx, {
      action: 'register.exported',
      entityType: 'register',
      entityId: 'collaborations',
      after: { format: query.format, fields, filter },
    })
  })
  const definitions = fields.map((key) => registerFields.find((field) => field.key === key))
  const columns: SheetColumn[] = definitions.flatMap((definition) =>
    definition
      ? [
          {
            header: language === 'de' ? definition.labelDe : definition.labelEn,
            type: definition.type,
            width: definition.width,
          },
        ]
      : [],
  )
  const needsRisk = fields.includes('riskLevel')
  const needsObligations = fields.includes('openObligations') || fields.includes('nextReview')
  async function* pages(): AsyncGenerator<SheetCell[][]> {
    for await (const page of iterateRegister(ctx, filter)) {
      const ids = page.map((item) => item.id)
      const obligations = new Map<string, Array<{ status: string; dueAt: string | null }>>()
      if (needsObligations) {
        for (const row of await listObligationsOfCases(ctx.db, ids)) {
          const entries = obligations.get(row.collaborationId) ?? []
          entries.push({ status: row.status, dueAt: row.dueAt })
          obligations.set(row.collaborationId, entries)
        }
      }
      const context: RegisterContext = {
        language,
        units,
        risk: needsRisk ? await findLatestRiskLevels(ctx.db, ids) : new Map(),
        obligations,
      }
      yield page.map((item) => fields.map((field) => registerCell(field, item, context)))
    }
  }
  const base = `${language === 'de' ? 'Kooperationsregister' : 'collaboration-register'}-${day}`
  if (query.format === 'csv') {
    return {
      fileName: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      stream: toReadableStream(
        csvChunks(columns, pages(), { separator: query.separator === 'semicolon' ? ';' : ',' }),
      ),
    }
  }
  return {
    fileName: `${base}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    stream: toReadableStream(
      xlsxChunks(columns, pages(), {
        sheetName: language === 'de' ? 'Register' : 'Register',
        dateFormat: language === 'de' ? 'dd.mm.yyyy' : 'yyyy-mm-dd',
      }),
    ),
  }
}

/** The documented field catalogue. */
export function listRegisterFields(ctx: Ctx) {
  authorize(ctx.actor, 'register.export')
  return registerFields.map(({ width: _width, ...field }) => field)
}
