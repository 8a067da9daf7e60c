import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { type PdfColumn, PdfWriter } from '../../platform/pdf/pdf.js'
import { spreadsheetCsv } from '../../shared/csv.js'
import { authorize } from '../access/index.js'
import { researchAreas } from '../collaborations/index.js'
import {
  type ComputedFigures,
  computeFigures,
  officeDurationsFromRanks,
  riskLabels,
} from './reports.figures.js'
import * as repo from './reports.repo.js'
import type {
  Dashboard,
  DashboardFilter,
  DashboardSection,
  Figure,
  FigureColumn,
  ReportLanguage,
} from './reports.schema.js'

/**
 * A section another module adds to the dashboard (e.g. knowledge: documents due for review,
 * training completion). `compute` receives the same filter as every other figure and must
 * respect it where it applies; it runs with the viewer's context.
 */
export interface DashboardSectionProvider {
  key: string
  titleDe: string
  titleEn: string
  compute(ctx: Ctx, filter: DashboardFilter): Promise<Figure[]>
}

const sectionProviders = new Map<string, DashboardSectionProvider>()

/** Registers a dashboard section; registering the same key again replaces it. */
export function registerDashboardSection(provider: DashboardSectionProvider): void {
  sectionProviders.set(provider.key, provider)
}

/** Removes a registered section (for tests). */
export function unregisterDashboardSection(key: string): void {
  sectionProviders.delete(key)
}

/** Per database: the sources' signature at the last check that found the facts up to date. */
const checkedSignature = new WeakMap<Db, string>()

/**
 * Brings the derived facts (research areas, funders, project term, outcome, newest risk level)
 * up to date with the collaborations and assessments; only what changed is read again.
 */
export async function refreshReportFacts(db: Db): Promise<number> {
  const signature = await repo.sourceSignature(db)
  if (checkedSignature.get(db) === signature) return 0
  const stale = await repo.findStaleCaseIds(db)
  if (stale.length === 0) {
    checkedSignature.set(db, signature)
    return 0
  }
  await db.transaction().execute(async (trx) => {
    for (let at = 0; at < stale.length; at += 500) {
      const ids = stale.slice(at, at + 500)
      const { cases, assessments } = await repo.loadFactSources(trx, ids)
      const newest = new Map<string, (typeof assessments)[number]>()
      for (const assessment of assessments) newest.set(assessment.collaborationId, assessment)
      const rows: repo.FactRow[] = cases.map((row) => {
        const sheet = parseJson(row.sheet) as {
          researchAreas?: unknown
          funding?: { funders?: { name?: unknown }[] }
          interests?: { startDate?: unknown; endDate?: unknown }
          partners?: { nameOriginal?: unknown; nameEnglish?: unknown; country?: unknown }[]
        }
        const decision = parseJson(row.decision) as { outcome?: unknown } | null
        const assessment = newest.get(row.id)
        const areas = Array.isArray(sheet?.researchAreas)
          ? sheet.researchAreas.filter((code): code is string => typeof code === 'string')
          : []
        const funders = Array.isArray(sheet?.funding?.funders)
          ? sheet.funding.funders
              .map((funder) => funder?.name)
              .filter((name): name is string => typeof name === 'string')
          : []
        const text = (value: unknown) => (typeof value === 'string' ? value : '')
        const partners = Array.isArray(sheet?.partners)
          ? sheet.partners.map((partner) => [
              typeof partner?.country === 'string' && partner.country !== '' ? partner.country : null,
              text(partner?.nameEnglish) === '' ? text(partner?.nameOriginal) : text(partner?.nameEnglish),
            ])
          : []
        const date = (value: unknown) =>
          typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null
        return {
          collaborationId: row.id,
          sourceUpdatedAt: row.updatedAt,
          assessmentId: assessment?.id ?? null,
          assessmentCreatedAt: assessment?.createdAt ?? null,
          riskLevel: assessment?.riskLevel ?? null,
          researchAreas: areas.join(' '),
          funders: JSON.stringify(funders),
          startDate: date(sheet?.interests?.startDate),
          endDate: date(sheet?.interests?.endDate),
          outcome: typeof decision?.outcome === 'string' ? decision.outcome : null,
          partners: JSON.stringify(partners),
        }
      })
      await repo.upsertFacts(trx, rows)
    }
  })
  checkedSignature.set(db, signature)
  return stale.length
}

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

async function checkFilter(ctx: Ctx, filter: DashboardFilter): Promise<void> {
  if (filter.area && !researchAreas().some((area) => area.code === filter.area))
    throw new AppError('validation', 'The input is not valid.', {
      fields: [{ field: 'area', message: 'No such DFG classification code' }],
    })
  if (filter.unit && !(await repo.unitExists(ctx.db, filter.unit)))
    throw new AppError('validation', 'The input is not valid.', {
      fields: [{ field: 'unit', message: 'No such unit' }],
    })
}

interface CachedFigures {
  generation: number
  signature: string
  computedAt: number
  figures: Promise<ComputedFigures>
}

/** Per database and filter: the figures last computed (each instance keeps its own). */
const figureCache = new WeakMap<Db, Map<string, CachedFigures>>()
/** Figures of unchanged data are computed again after this long anyway (overdue reviews move with time). */
const unchangedMaxAgeMs = 5 * 60_000
const cachedFilters = 64

/** Forgets every cached figure (for tests and benchmarks measuring the computation itself). */
export function clearFigureCache(): void {
  generation++
}
let generation = 0

/**
 * The portfolio and process figures for a filter. They are computed from every case, so the
 * result is kept per filter: it is served again while the data are unchanged (same signature),
 * and for up to REPORTS_MAX_LAG_SECONDS even when they changed, so that a busy system computes
 * each view at most that often. Requests that arrive while a computation runs share it.
 */
async function coreFigures(
  ctx: Ctx,
  filter: DashboardFilter,
): Promise<{ figures: ComputedFigures; at: Date }> {
  let cache = figureCache.get(ctx.db)
  if (!cache) {
    cache = new Map()
    figureCache.set(ctx.db, cache)
  }
  const now = ctx.now()
  const today = now.toISOString().slice(0, 10)
  const key = JSON.stringify([filter.from, filter.to, filter.unit, filter.area, filter.risk, today])
  const found = cache.get(key)
  const cached = found?.generation === generation ? found : undefined
  const age = cached ? now.getTime() - cached.computedAt : Number.POSITIVE_INFINITY
  if (cached && age < ctx.config.reports.maxLagSeconds * 1000)
    return { figures: await cached.figures, at: new Date(cached.computedAt) }
  const signature = await repo.figuresSignature(ctx.db)
  if (cached && cached.signature === signature && age < unchangedMaxAgeMs)
    return { figures: await cached.figures, at: new Date(cached.computedAt) }
  const entry: CachedFigures = {
    generation,
    signature,
    computedAt: now.getTime(),
    figures: computeCoreFigures(ctx, filter),
  }
  cache.delete(key)
  cache.set(key, entry)
  if (cache.size > cachedFilters) cache.delete(cache.keys().next().value as string)
  try {
    return { figures: await entry.figures, at: now }
  } catch (error) {
    if (cache.get(key) === entry) cache.delete(key)
    throw error
  }
}

async function computeCoreFigures(ctx: Ctx, filter: DashboardFilter): Promise<ComputedFigures> {
  await refreshReportFacts(ctx.db)
  const now = ctx.now()
  const [cases, officeDurations, openReviews, objectedCaseIds, requestCounts, reviewedCaseIds, labels] =
    await Promise.all([
      repo.loadCases(ctx.db, ctx.dialect, filter),
      ctx.dialect === 'postgres'
        ? repo.officeDurationPercentiles(ctx.db, filter)
        : repo.officeDurationRanks(ctx.db, ctx.dialect, filter).then(officeDurationsFromRanks),
      repo.loadOpenReviews(ctx.db),
      repo.loadObjectedCaseIds(ctx.db),
      repo.loadRequestCounts(ctx.db),
      repo.loadReviewedCaseIds(ctx.db),
      repo.loadLabels(ctx.db),
    ])
  return computeFigures({
    filter,
    today: now.toISOString().slice(0, 10),
    now,
    cases,
    officeDurations,
    openReviews,
    objectedCaseIds,
    requestCounts: requestCounts.map((row) => ({
      collaborationId: row.collaborationId,
      count: Number(row.count),
    })),
    reviewedCaseIds,
    units: labels.units,
    offices: labels.offices,
  })
}

/** Every figure of the dashboard for the filter: portfolio, process and the registered sections. */
export async function getDashboard(ctx: Ctx, filter: DashboardFilter): Promise<Dashboard> {
  authorize(ctx.actor, 'reports.view')
  await checkFilter(ctx, filter)
  const { figures, at } = await coreFigures(ctx, filter)
  // The sections depend on who asks (permissions) and are cheap: computed for every request.
  const sections: DashboardSection[] = []
  for (const provider of sectionProviders.values()) {
    sections.push({
      key: provider.key,
      titleDe: provider.titleDe,
      titleEn: provider.titleEn,
      figures: await provider.compute(ctx, filter),
    })
  }
  return { filter, generatedAt: at.toISOString(), ...figures, sections }
}

/** Every figure of a dashboard, by key (sections' figures prefixed with the section key). */
export function allFigures(dashboard: Dashboard): Figure[] {
  return [
    ...dashboard.portfolio,
    ...dashboard.process,
    ...dashboard.sections.flatMap((section) =>
      section.figures.map((figure) => ({ ...figure, key: `${section.key}.${figure.key}` })),
    ),
  ]
}

/** Formats a figure's value for documents in the given language. */
export function formatValue(
  value: number | null,
  unit: FigureColumn['unit'],
  language: ReportLanguage,
): string {
  if (value === null) return '–'
  const locale = language === 'de' ? 'de-DE' : 'en-GB'
  if (unit === 'share')
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value)
  if (unit === 'days' || unit === 'mean')
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
  return new Intl.NumberFormat(locale).format(value)
}

/**
 * One figure's table as CSV (UTF-8 with byte order mark, CRLF, quoted where needed): a label
 * column and one column per value; numbers unformatted (dot as decimal separator, shares 0–1).
 */
export async function dashboardCsv(
  ctx: Ctx,
  filter: DashboardFilter,
  figureKey: string,
  language: ReportLanguage,
): Promise<{ fileName: string; csv: string }> {
  const dashboard = await getDashboard(ctx, filter)
  const figure = allFigures(dashboard).find((candidate) => candidate.key === figureKey)
  if (!figure)
    throw new AppError('validation', 'The input is not valid.', {
      fields: [{ field: 'figure', message: `No figure "${figureKey}"` }],
    })
  const de = language === 'de'
  const header = [
    de ? 'Schlüssel' : 'Key',
    de ? 'Bezeichnung' : 'Label',
    ...figure.columns.map((c) => (de ? c.labelDe : c.labelEn)),
  ]
  const lines = [
    header,
    ...figure.rows.map((row) => [
      row.key,
      de ? row.labelDe : row.labelEn,
      ...figure.columns.map((c) => row.values[c.key] ?? null),
    ]),
  ]
  const csv = spreadsheetCsv(lines)
  const period = [filter.from, filter.to].filter(Boolean).join('_')
  return { fileName: `liaison-${figure.key}${period ? `-${period}` : ''}.csv`, csv }
}

const pdfTexts = {
  de: {
    title: 'Jahresübersicht internationale Kooperationen',
    period: 'Zeitraum',
    whole: 'gesamter Bestand',
    filters: 'Filter',
    none: 'keine',
    unit: 'Einheit',
    area: 'Fachgebiet',
    risk: 'Risikostufe',
    summary: 'Auf einen Blick',
    portfolio: 'Portfolio',
    process: 'Prüfprozess',
    label: 'Bezeichnung',
    noData: 'Keine Daten für diesen Zeitraum.',
    more: (n: number) => `… und ${n} weitere Zeilen (vollständig im Dashboard und als CSV).`,
    kpi: {
      active: 'Aktive Kooperationen',
      planned: 'Geplante Kooperationen (in Prüfung oder genehmigt, noch nicht begonnen)',
      inReview: 'Davon in Prüfung',
      decided: 'Entscheidungen im Zeitraum',
      median: 'Dauer bis zur Entscheidung, Median',
      p90: 'Dauer bis zur Entscheidung, 90. Perzentil',
      share: 'Entscheidungen ohne Einwand einer Stelle',
      open: 'Offene Prüfungen (heute)',
      overdue: 'Davon überfällig',
      rfis: 'Rückfragen je geprüftem Fall',
    },
    days: (value: string) => `${value} Tage`,
    words: (k: Dashboard['kpis'], f: (v: number | null, u: FigureColumn['unit']) => string) =>
      `Im Zeitraum waren ${f(k.active, 'count')} Kooperationen aktiv und ${f(k.planned, 'count')} geplant. ` +
      `Es wurden ${f(k.decided, 'count')} Entscheidungen getroffen; von der Einreichung bis zur Entscheidung vergingen im Median ${f(k.medianDaysToDecision, 'days')} Tage ` +
      `(90 % der Fälle nach höchstens ${f(k.p90DaysToDecision, 'days')} Tagen). ` +
      `${f(k.shareWithoutObjection, 'share')} der Entscheidungen fielen ohne Einwand einer Stelle.`,
    method:
      'Portfolio: Kooperationen, deren Laufzeit den Zeitraum berührt. Prozess: Entscheidungen und abgeschlossene Prüfungen im Zeitraum. Dauern in Kalendertagen; Perzentile mit linearer Interpolation.',
  },
  en: {
    title: 'Annual overview of international collaborations',
    period: 'Period',
    whole: 'whole register',
    filters: 'Filters',
    none: 'none',
    unit: 'Unit',
    area: 'Research area',
    risk: 'Risk level',
    summary: 'At a glance',
    portfolio: 'Portfolio',
    process: 'Review process',
    label: 'Label',
    noData: 'No data for this period.',
    more: (n: number) => `… and ${n} more rows (complete in the dashboard and as CSV).`,
    kpi: {
      active: 'Active collaborations',
      planned: 'Planned collaborations (in review or approved, not yet started)',
      inReview: 'Of these in review',
      decided: 'Decisions in the period',
      median: 'Time to decision, median',
      p90: 'Time to decision, 90th percentile',
      share: 'Decisions without any office’s objection',
      open: 'Open reviews (today)',
      overdue: 'Of these overdue',
      rfis: 'Requests for information per reviewed case',
    },
    days: (value: string) => `${value} days`,
    words: (k: Dashboard['kpis'], f: (v: number | null, u: FigureColumn['unit']) => string) =>
      `In the period, ${f(k.active, 'count')} collaborations were active and ${f(k.planned, 'count')} planned. ` +
      `${f(k.decided, 'count')} decisions were taken; from submission to decision took a median of ${f(k.medianDaysToDecision, 'days')} days ` +
      `(90% of cases within ${f(k.p90DaysToDecision, 'days')} days). ` +
      `${f(k.shareWithoutObjection, 'share')} of the decisions were taken without any office’s objection.`,
    method:
      'Portfolio: collaborations whose term touches the period. Process: decisions taken and reviews completed in the period. Durations in calendar days; percentiles with linear interpolation.',
  },
} as const

/** The annual overview for the board: portfolio and process figures of a period, in words and tables. */
export async function annualOverviewPdf(
  ctx: Ctx,
  filter: DashboardFilter,
  language: ReportLanguage,
): Promise<{ fileName: string; pdf: Buffer }> {
  const dashboard = await getDashboard(ctx, filter)
  const t = pdfTexts[language]
  const de = language === 'de'
  const f = (value: number | null, unit: FigureColumn['unit']) => formatValue(value, unit, language)
  const dateFormat = new Intl.DateTimeFormat(de ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' })
  const day = (value: string) => dateFormat.format(new Date(`${value}T00:00:00Z`))
  const period =
    filter.from || filter.to
      ? `${filter.from ? day(filter.from) : '…'} – ${filter.to ? day(filter.to) : '…'}`
      : t.whole
  const year =
    filter.from && filter.to && filter.from.slice(0, 4) === filter.to.slice(0, 4)
      ? filter.from.slice(0, 4)
      : null
  const pdf = new PdfWriter({
    title: year ? `${t.title} ${year}` : t.title,
    subtitle: `${t.period}: ${period}`,
    language,
    institution: ctx.config.institution.name,
    generatedAt: ctx.now(),
    cjkFont: ctx.config.pdf.cjkFont,
  })
  const labels = await repo.loadLabels(ctx.db)
  const unit = labels.units.find((candidate) => candidate.id === filter.unit)
  const filters = [
    unit ? `${t.unit}: ${de ? unit.nameDe : unit.nameEn}` : null,
    filter.area ? `${t.area}: ${filter.area}` : null,
    filter.risk ? `${t.risk}: ${(riskLabels[filter.risk] ?? [filter.risk, filter.risk])[de ? 0 : 1]}` : null,
  ].filter((item): item is string => item !== null)

  const k = dashboard.kpis
  pdf.heading(t.summary, 1)
  pdf.paragraph(t.words(k, f))
  pdf.keyValues([
    [t.period, period],
    [t.filters, filters.length > 0 ? filters.join('; ') : t.none],
    [t.kpi.active, f(k.active, 'count')],
    [t.kpi.planned, f(k.planned, 'count')],
    [t.kpi.inReview, f(k.inReview, 'count')],
    [t.kpi.decided, f(k.decided, 'count')],
    [t.kpi.median, t.days(f(k.medianDaysToDecision, 'days'))],
    [t.kpi.p90, t.days(f(k.p90DaysToDecision, 'days'))],
    [t.kpi.share, f(k.shareWithoutObjection, 'share')],
    [t.kpi.open, f(k.openReviews, 'count')],
    [t.kpi.overdue, f(k.overdueReviews, 'count')],
    [t.kpi.rfis, f(k.informationRequestsPerCase, 'mean')],
  ])
  pdf.paragraph(t.method, { muted: true, size: 8 })

  const figureTable = (figure: Figure) => {
    pdf.heading(de ? figure.titleDe : figure.titleEn, 2)
    if (figure.rows.length === 0) {
      pdf.paragraph(t.noData, { muted: true })
      return
    }
    const valueWidth = Math.min(0.2, 0.55 / figure.columns.length)
    const columns: PdfColumn[] = [
      { header: t.label, width: 1 - valueWidth * figure.columns.length },
      ...figure.columns.map((column) => ({
        header: de ? column.labelDe : column.labelEn,
        width: valueWidth,
        align: 'right' as const,
      })),
    ]
    const limit = 25
    pdf.table(
      columns,
      figure.rows
        .slice(0, limit)
        .map((row) => [
          de ? row.labelDe : row.labelEn,
          ...figure.columns.map((column) => f(row.values[column.key] ?? null, column.unit)),
        ]),
    )
    if (figure.rows.length > limit)
      pdf.paragraph(t.more(figure.rows.length - limit), { muted: true, size: 8 })
  }
  pdf.heading(t.portfolio, 1)
  for (const figure of dashboard.portfolio) figureTable(figure)
  pdf.heading(t.process, 1)
  for (const figure of dashboard.process) figureTable(figure)
  for (const section of dashboard.sections.filter((candidate) => candidate.figures.length > 0)) {
    pdf.heading(de ? section.titleDe : section.titleEn, 1)
    for (const figure of section.figures) figureTable(figure)
  }
  const name = year ?? ([filter.from, filter.to].filter(Boolean).join('_') || 'all')
  return { fileName: `liaison-annual-overview-${name}.pdf`, pdf: await pdf.toBuffer() }
}
