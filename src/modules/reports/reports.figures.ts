/**
 * The dashboard's figures, computed from plain rows the repo reads. Pure functions: the same
 * rows give the same figures on SQLite and PostgreSQL (percentiles included).
 */
import { researchAreas } from '../collaborations/index.js'
import type { CaseRow } from './reports.repo.js'
import type { DashboardFilter, DashboardKpis, Figure, FigureColumn, FigureRow } from './reports.schema.js'

/**
 * The p-th percentile (0–100) with linear interpolation between the closest ranks (the method of
 * PostgreSQL's percentile_cont and of most spreadsheets); null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const { lower, upper, fraction } = percentileRanks(sorted.length, p)
  const low = sorted[lower - 1] as number
  const high = sorted[upper - 1] as number
  return low + (high - low) * fraction
}

/**
 * Between which 1-based ranks of n sorted values the p-th percentile lies, in integer arithmetic so
 * that a database computing the ranks (reports.repo.ts, officeDurationRanks) picks the same ones.
 */
export function percentileRanks(n: number, p: number): { lower: number; upper: number; fraction: number } {
  const scaled = (n - 1) * p
  const lower = Math.floor(scaled / 100) + 1
  const upper = Math.floor((scaled + 99) / 100) + 1
  return { lower, upper, fraction: (scaled % 100) / 100 }
}

/** The p-th percentile from the values at the ranks percentileRanks names (rank -> value). */
export function percentileFromRanks(
  count: number,
  byRank: ReadonlyMap<number, number>,
  p: number,
): number | null {
  if (count === 0) return null
  const { lower, upper, fraction } = percentileRanks(count, p)
  const low = byRank.get(lower)
  const high = byRank.get(upper)
  if (low === undefined || high === undefined) return null
  return low + (high - low) * fraction
}

/** How long one office took for the reviews it completed. */
export interface OfficeDurations {
  participant: string
  count: number
  median: number | null
  p90: number | null
}

/** Per office, the percentiles from the durations at the ranks percentileRanks names. */
export function officeDurationsFromRanks(
  rows: readonly { participant: string; days: number; rank: number; count: number }[],
): OfficeDurations[] {
  const offices = new Map<string, { count: number; byRank: Map<number, number> }>()
  for (const row of rows) {
    const entry = offices.get(row.participant) ?? { count: row.count, byRank: new Map<number, number>() }
    entry.byRank.set(row.rank, row.days)
    offices.set(row.participant, entry)
  }
  return [...offices.entries()].map(([participant, entry]) => ({
    participant,
    count: entry.count,
    median: percentileFromRanks(entry.count, entry.byRank, 50),
    p90: percentileFromRanks(entry.count, entry.byRank, 90),
  }))
}

/** Days with one decimal. */
const roundDays = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10)
const roundShare = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000)

export interface FigureInput {
  filter: DashboardFilter
  /** Today (YYYY-MM-DD) and now, for overdue reviews and open terms. */
  today: string
  now: Date
  cases: CaseRow[]
  /** Per office: reviews completed in the period, median and 90th percentile of their durations (days). */
  officeDurations: OfficeDurations[]
  openReviews: { collaborationId: string; participant: string; status: string; dueAt: string }[]
  objectedCaseIds: string[]
  requestCounts: { collaborationId: string; count: number }[]
  reviewedCaseIds: string[]
  units: { id: string; code: string; nameDe: string; nameEn: string }[]
  offices: { key: string; nameDe: string; nameEn: string }[]
}

export interface ComputedFigures {
  kpis: DashboardKpis
  portfolio: Figure[]
  process: Figure[]
}

const activeStatuses = new Set(['active', 'amendment_draft'])
const plannedStatuses = new Set(['submitted', 'in_review', 'approved', 'approved_with_conditions'])
const inReviewStatuses = new Set(['submitted', 'in_review'])

const col = (
  key: string,
  labelDe: string,
  labelEn: string,
  unit: FigureColumn['unit'] = 'count',
): FigureColumn => ({
  key,
  labelDe,
  labelEn,
  unit,
})
const activePlanned = [col('active', 'Aktiv', 'Active'), col('planned', 'Geplant', 'Planned')]
const durationColumns = (countDe: string, countEn: string) => [
  col('count', countDe, countEn),
  col('median', 'Median (Tage)', 'Median (days)', 'days'),
  col('p90', '90. Perzentil (Tage)', '90th percentile (days)', 'days'),
]

export const riskLabels: Record<string, [string, string]> = {
  low: ['Gering', 'Low'],
  elevated: ['Erhöht', 'Elevated'],
  high: ['Hoch', 'High'],
  no_go: ['Ausschluss (No-Go)', 'No-go'],
  none: ['Ohne Vorprüfung', 'Not assessed'],
}
const trlBands: [string, string, string][] = [
  ['1-3', 'TRL 1–3 (Grundlagen)', 'TRL 1–3 (basic research)'],
  ['4-6', 'TRL 4–6 (Entwicklung)', 'TRL 4–6 (development)'],
  ['7-9', 'TRL 7–9 (Anwendung)', 'TRL 7–9 (deployment)'],
  ['unknown', 'Ohne Angabe', 'Not given'],
]
const notGiven: [string, string] = ['Ohne Angabe', 'Not given']

const countryNames = {
  de: new Intl.DisplayNames(['de'], { type: 'region', fallback: 'code' }),
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }),
}
const countryLabels = new Map<string, [string, string]>()
function countryLabel(code: string): [string, string] {
  if (code === 'unknown') return notGiven
  let label = countryLabels.get(code)
  if (!label) {
    try {
      label = [countryNames.de.of(code) ?? code, countryNames.en.of(code) ?? code]
    } catch {
      label = [code, code]
    }
    countryLabels.set(code, label)
  }
  return label
}
const monthNames = {
  de: new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
}

/** Whether a day lies inside the filter's period (no period: every day). */
function inPeriod(filter: DashboardFilter, day: string | null): boolean {
  if (day === null) return false
  return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to)
}

/**
 * Whether a case belongs to the portfolio of the period: it is active (or ended, when a period is
 * asked for) or planned, and its project term overlaps the period.
 */
function portfolioKind(filter: DashboardFilter, row: CaseRow): 'active' | 'planned' | null {
  const hasPeriod = Boolean(filter.from || filter.to)
  let kind: 'active' | 'planned' | null = null
  if (activeStatuses.has(row.status) || (hasPeriod && row.status === 'ended')) kind = 'active'
  else if (plannedStatuses.has(row.status)) kind = 'planned'
  if (kind === null || !hasPeriod) return kind
  const start = row.startDate ?? row.submittedOn
  const end = row.endDate
  if (filter.to && start !== null && start > filter.to) return null
  if (filter.from && end !== null && end < filter.from) return null
  return kind
}

/** Counts by key into active/planned pairs; keeps the first label seen. */
class Tally {
  private readonly rows = new Map<string, { labels: [string, string]; values: Record<string, number> }>()
  add(key: string, labels: [string, string], column: string, by = 1) {
    let row = this.rows.get(key)
    if (!row) {
      row = { labels, values: {} }
      this.rows.set(key, row)
    }
    row.values[column] = (row.values[column] ?? 0) + by
  }
  toRows(columns: readonly FigureColumn[], order: 'desc' | readonly string[] = 'desc'): FigureRow[] {
    const rows = [...this.rows.entries()].map(([key, row]) => ({
      key,
      labelDe: row.labels[0],
      labelEn: row.labels[1],
      values: Object.fromEntries(columns.map((column) => [column.key, row.values[column.key] ?? 0])),
    }))
    if (order === 'desc') {
      const total = (row: FigureRow) =>
        Object.values(row.values).reduce<number>((sum, v) => sum + (v ?? 0), 0)
      return rows.sort((a, b) => total(b) - total(a) || a.labelEn.localeCompare(b.labelEn))
    }
    return rows.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
  }
}

/** Groups values by key and gives count, median and 90th percentile per group. */
function durations(
  groups: Map<string, number[]>,
  label: (key: string) => [string, string],
  order: 'desc' | readonly string[],
): FigureRow[] {
  const rows = [...groups.entries()].map(([key, values]) => {
    const [labelDe, labelEn] = label(key)
    return {
      key,
      labelDe,
      labelEn,
      values: {
        count: values.length,
        median: roundDays(percentile(values, 50)),
        p90: roundDays(percentile(values, 90)),
      },
    }
  })
  if (order === 'desc') return rows.sort((a, b) => (b.values.median ?? 0) - (a.values.median ?? 0))
  return rows.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Every figure of the dashboard. */
export function computeFigures(input: FigureInput): ComputedFigures {
  const { filter } = input
  const caseIds = new Set(input.cases.map((row) => row.id))
  const kindById = new Map<string, 'active' | 'planned'>()
  for (const row of input.cases) {
    const kind = portfolioKind(filter, row)
    if (kind) kindById.set(row.id, kind)
  }
  const portfolioCases = input.cases.filter((row) => kindById.has(row.id))

  // Portfolio by country, partner and partners by country.
  const byCountry = new Tally()
  const byPartner = new Tally()
  const partnersByCountry = new Map<string, Set<string>>()
  for (const row of portfolioCases) {
    const kind = kindById.get(row.id) as 'active' | 'planned'
    const countries = new Set<string>()
    const seen = new Set<string>()
    for (const [code, fullName] of JSON.parse(row.partners ?? '[]') as [string | null, string][]) {
      const country = code ?? 'unknown'
      const name = fullName.trim()
      const identity = name.toLowerCase()
      if (!countries.has(country)) {
        countries.add(country)
        byCountry.add(country, countryLabel(country), kind)
      }
      if (identity && !seen.has(identity)) {
        seen.add(identity)
        byPartner.add(`${country}:${identity}`, [name, name], kind)
      }
      if (identity) {
        const set = partnersByCountry.get(country) ?? new Set<string>()
        set.add(identity)
        partnersByCountry.set(country, set)
      }
    }
  }
  const partnerRows: FigureRow[] = [...partnersByCountry.entries()]
    .map(([country, set]) => {
      const [labelDe, labelEn] = countryLabel(country)
      return { key: country, labelDe, labelEn, values: { partners: set.size } }
    })
    .sort((a, b) => (b.values.partners ?? 0) - (a.values.partners ?? 0) || a.labelEn.localeCompare(b.labelEn))

  // Portfolio by area, risk, TRL band, unit, funder.
  const areaLabels = new Map(
    researchAreas().map((area) => [area.code, [area.labelDe, area.labelEn] as [string, string]]),
  )
  const unitLabels = new Map(
    input.units.map((unit) => [unit.id, [unit.nameDe, unit.nameEn] as [string, string]]),
  )
  const byArea = new Tally()
  const byRisk = new Tally()
  const byTrl = new Tally()
  const byUnit = new Tally()
  const byFunder = new Tally()
  for (const row of portfolioCases) {
    const kind = kindById.get(row.id) as 'active' | 'planned'
    const areas = new Set(
      (row.researchAreas ?? '')
        .split(' ')
        .filter((code) => code.length >= 2)
        .map((code) => code.slice(0, 2)),
    )
    if (areas.size === 0) byArea.add('unknown', notGiven, kind)
    for (const area of areas) byArea.add(area, areaLabels.get(area) ?? [area, area], kind)
    const risk = row.riskLevel ?? 'none'
    byRisk.add(risk, riskLabels[risk] ?? [risk, risk], kind)
    const band = row.trl === null ? 'unknown' : row.trl <= 3 ? '1-3' : row.trl <= 6 ? '4-6' : '7-9'
    const bandLabel = trlBands.find(([key]) => key === band) as [string, string, string]
    byTrl.add(band, [bandLabel[1], bandLabel[2]], kind)
    const unit = row.unitId ?? 'none'
    byUnit.add(unit, unitLabels.get(unit) ?? ['Ohne Einheit', 'No unit'], kind)
    const funders = [...new Set(JSON.parse(row.funders ?? '[]') as string[])]
    if (funders.length === 0) byFunder.add('none', ['Ohne Drittmittelgeber', 'No external funder'], kind)
    for (const funder of funders) byFunder.add(funder, [funder, funder], kind)
  }

  const portfolio: Figure[] = [
    {
      key: 'casesByCountry',
      titleDe: 'Aktive und geplante Kooperationen nach Land',
      titleEn: 'Active and planned collaborations by country',
      columns: activePlanned,
      rows: byCountry.toRows(activePlanned),
    },
    {
      key: 'partnersByCountry',
      titleDe: 'Partnereinrichtungen nach Land',
      titleEn: 'Partner organisations by country',
      columns: [col('partners', 'Partner', 'Partners')],
      rows: partnerRows,
    },
    {
      key: 'casesByPartner',
      titleDe: 'Kooperationen nach Partner (die 20 häufigsten)',
      titleEn: 'Collaborations by partner (top 20)',
      columns: activePlanned,
      rows: byPartner.toRows(activePlanned).slice(0, 20),
    },
    {
      key: 'casesByArea',
      titleDe: 'Kooperationen nach Fachgebiet (DFG)',
      titleEn: 'Collaborations by research area (DFG)',
      columns: activePlanned,
      rows: byArea.toRows(activePlanned),
    },
    {
      key: 'casesByRisk',
      titleDe: 'Kooperationen nach Risikostufe der Vorprüfung',
      titleEn: 'Collaborations by pre-assessment risk level',
      columns: activePlanned,
      rows: byRisk.toRows(activePlanned, Object.keys(riskLabels)),
    },
    {
      key: 'casesByTrl',
      titleDe: 'Kooperationen nach Technologiereifegrad',
      titleEn: 'Collaborations by technology readiness level',
      columns: activePlanned,
      rows: byTrl.toRows(
        activePlanned,
        trlBands.map(([key]) => key),
      ),
    },
    {
      key: 'casesByUnit',
      titleDe: 'Kooperationen nach Organisationseinheit',
      titleEn: 'Collaborations by unit',
      columns: activePlanned,
      rows: byUnit.toRows(activePlanned),
    },
    {
      key: 'casesByFunder',
      titleDe: 'Kooperationen nach Mittelgeber',
      titleEn: 'Collaborations by funder',
      columns: activePlanned,
      rows: byFunder.toRows(activePlanned),
    },
  ]

  // Process: time to decision.
  const decided = input.cases.filter((row) => row.daysToDecision !== null && inPeriod(filter, row.decidedOn))
  const decisionDays = decided.map((row) => row.daysToDecision as number)
  const byRiskDays = new Map<string, number[]>()
  const byMonthDays = new Map<string, number[]>()
  for (const row of decided) {
    push(byRiskDays, row.riskLevel ?? 'none', row.daysToDecision as number)
    push(byMonthDays, (row.decidedOn as string).slice(0, 7), row.daysToDecision as number)
  }
  const monthLabel = (month: string): [string, string] => {
    const date = new Date(`${month}-01T00:00:00Z`)
    return [monthNames.de.format(date), monthNames.en.format(date)]
  }
  const months = [...byMonthDays.keys()].sort()

  // Process: offices.
  const officeLabels = new Map(
    input.offices.map((office) => [office.key, [office.nameDe, office.nameEn] as [string, string]]),
  )
  officeLabels.set('expert_team', ['Expertengremium', 'Expert team'])
  const officeLabel = (key: string) => officeLabels.get(key) ?? [key, key]
  const officeRows: FigureRow[] = input.officeDurations
    .map((office) => {
      const [labelDe, labelEn] = officeLabel(office.participant)
      return {
        key: office.participant,
        labelDe,
        labelEn,
        values: { count: office.count, median: roundDays(office.median), p90: roundDays(office.p90) },
      }
    })
    .sort((a, b) => (b.values.median ?? 0) - (a.values.median ?? 0) || a.labelEn.localeCompare(b.labelEn))
  const workload = new Tally()
  const workloadColumns = [
    col('open', 'Offen', 'Open'),
    col('waiting', 'Wartet auf Antwort', 'Waiting for an answer'),
    col('overdue', 'Überfällig', 'Overdue'),
  ]
  const nowMs = input.now.getTime()
  let openReviews = 0
  let overdueReviews = 0
  for (const review of input.openReviews) {
    if (!caseIds.has(review.collaborationId)) continue
    const label = officeLabel(review.participant)
    openReviews++
    if (review.status === 'waiting_for_information') {
      workload.add(review.participant, label, 'waiting')
      continue
    }
    workload.add(review.participant, label, 'open')
    // A review waiting for an answer has its clock stopped: it is never overdue.
    if (Date.parse(review.dueAt) < nowMs) {
      workload.add(review.participant, label, 'overdue')
      overdueReviews++
    }
  }

  // Process: objections and requests for information.
  const objected = new Set(input.objectedCaseIds)
  const withObjection = decided.filter((row) => objected.has(row.id)).length
  const withoutObjection = decided.length - withObjection
  const shareWithout = decided.length === 0 ? null : withoutObjection / decided.length
  const requests = new Map(input.requestCounts.map((row) => [row.collaborationId, row.count]))
  const reviewed = new Set(input.reviewedCaseIds)
  const asked = new Tally()
  let requestTotal = 0
  let reviewedCases = 0
  for (const row of input.cases) {
    if (!reviewed.has(row.id) || !inPeriod(filter, row.submittedOn)) continue
    const count = requests.get(row.id) ?? 0
    reviewedCases++
    requestTotal += count
    const key = count >= 3 ? '3+' : String(count)
    const label: [string, string] =
      key === '0'
        ? ['Keine Rückfrage', 'No request']
        : key === '1'
          ? ['1 Rückfrage', '1 request']
          : key === '3+'
            ? ['3 oder mehr Rückfragen', '3 or more requests']
            : [`${key} Rückfragen`, `${key} requests`]
    asked.add(key, label, 'cases')
  }

  const process: Figure[] = [
    {
      key: 'decisionTimeByMonth',
      titleDe: 'Dauer von der Einreichung bis zur Entscheidung nach Monat',
      titleEn: 'Time from submission to decision by month',
      columns: durationColumns('Entscheidungen', 'Decisions'),
      rows: durations(byMonthDays, monthLabel, months),
    },
    {
      key: 'decisionTimeByRisk',
      titleDe: 'Dauer von der Einreichung bis zur Entscheidung nach Risikostufe',
      titleEn: 'Time from submission to decision by risk level',
      columns: durationColumns('Entscheidungen', 'Decisions'),
      rows: durations(byRiskDays, (key) => riskLabels[key] ?? [key, key], Object.keys(riskLabels)),
    },
    {
      key: 'officeDurations',
      titleDe: 'Bearbeitungsdauer je Stelle',
      titleEn: 'Time each office takes',
      columns: durationColumns('Abgeschlossene Prüfungen', 'Completed reviews'),
      rows: officeRows,
    },
    {
      key: 'officeWorkload',
      titleDe: 'Offene und überfällige Prüfungen je Stelle',
      titleEn: 'Open and overdue reviews per office',
      columns: workloadColumns,
      rows: workload.toRows(workloadColumns),
    },
    {
      key: 'objections',
      titleDe: 'Entscheidungen mit und ohne Einwand einer Stelle',
      titleEn: 'Decisions with and without an office’s objection',
      columns: [col('cases', 'Entscheidungen', 'Decisions'), col('share', 'Anteil', 'Share', 'share')],
      rows: [
        ['without', 'Ohne Einwand', 'Without objection', withoutObjection],
        ['with', 'Mit Einwand', 'With objection', withObjection],
      ].map(([key, labelDe, labelEn, count]) => ({
        key: key as string,
        labelDe: labelDe as string,
        labelEn: labelEn as string,
        values: {
          cases: count as number,
          share: decided.length === 0 ? null : roundShare((count as number) / decided.length),
        },
      })),
    },
    {
      key: 'informationRequests',
      titleDe: 'Rückfragen an die Forschenden je Fall',
      titleEn: 'Requests for information per case',
      columns: [col('cases', 'Fälle', 'Cases')],
      rows: asked.toRows([col('cases', 'Fälle', 'Cases')], ['0', '1', '2', '3+']),
    },
  ]

  let active = 0
  let planned = 0
  let inReview = 0
  for (const row of portfolioCases) {
    if (kindById.get(row.id) === 'active') active++
    else planned++
    if (inReviewStatuses.has(row.status)) inReview++
  }
  return {
    kpis: {
      active,
      planned,
      inReview,
      decided: decided.length,
      medianDaysToDecision: roundDays(percentile(decisionDays, 50)),
      p90DaysToDecision: roundDays(percentile(decisionDays, 90)),
      shareWithoutObjection: roundShare(shareWithout),
      openReviews,
      overdueReviews,
      informationRequestsPerCase:
        reviewedCases === 0 ? null : Math.round((requestTotal / reviewedCases) * 100) / 100,
    },
    portfolio,
    process,
  }
}
