import { type RawBuilder, sql } from 'kysely'
import type { Dialect } from '../../platform/db/columns.js'
import type { Db } from '../../platform/db/database.js'
import type { DashboardFilter } from './reports.schema.js'

/** The calendar day (YYYY-MM-DD, UTC) of a timestamp column (snake_case SQL name), as text on both databases. */
function day(dialect: Dialect, column: string): RawBuilder<string | null> {
  const ref = sql.raw(column)
  return dialect === 'postgres'
    ? sql<string | null>`to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string | null>`substr(${ref}, 1, 10)`
}

/** Days between two timestamp columns (snake_case SQL names, fractional), computed by the database. */
function daysBetween(dialect: Dialect, from: string, to: string): RawBuilder<number> {
  const [a, b] = [sql.raw(from), sql.raw(to)]
  return dialect === 'postgres'
    ? sql<number>`(extract(epoch from (${b} - ${a})) / 86400.0)::float8`
    : sql<number>`(julianday(${b}) - julianday(${a}))`
}

/** Changes whenever a collaboration or an assessment is added or changed (cheap: indexed maxima and counts). */
export async function sourceSignature(db: Db): Promise<string> {
  const [cases, assessments] = await Promise.all([
    db
      .selectFrom('collaborations')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('updatedAt').as('latest')])
      .executeTakeFirst(),
    db
      .selectFrom('assessments')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('createdAt').as('latest')])
      .executeTakeFirst(),
  ])
  return JSON.stringify([cases?.count, cases?.latest, assessments?.count, assessments?.latest])
}

/**
 * Changes whenever anything the figures read changes: every change made through the application
 * writes an audit entry (its newest sequence number), and bulk loads that bypass it change the
 * counts or the newest update of cases, assessments, reviews or requests for information.
 */
export async function figuresSignature(db: Db): Promise<string> {
  const [sources, audit, reviews, requests] = await Promise.all([
    sourceSignature(db),
    db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst(),
    db
      .selectFrom('officeReviews')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirst(),
    db
      .selectFrom('informationRequests')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirst(),
  ])
  return JSON.stringify([sources, audit?.seq, reviews?.count, requests?.count])
}

/** Ids of collaborations whose facts are missing or older than the sheet or the newest assessment. */
export async function findStaleCaseIds(db: Db): Promise<string[]> {
  const changed = await db
    .selectFrom('collaborations as c')
    .leftJoin('reportCaseFacts as f', 'f.collaborationId', 'c.id')
    .select('c.id')
    .where((eb) =>
      eb.or([eb('f.collaborationId', 'is', null), eb('f.sourceUpdatedAt', '<>', eb.ref('c.updatedAt'))]),
    )
    .execute()
  const mark = await db
    .selectFrom('reportCaseFacts')
    .select((eb) => eb.fn.max('assessmentCreatedAt').as('mark'))
    .executeTakeFirst()
  let assessed = db
    .selectFrom('assessments as a')
    .select('a.collaborationId')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reportCaseFacts as f')
            .select('f.collaborationId')
            .whereRef('f.assessmentId', '=', 'a.id'),
        ),
      ),
    )
  if (mark?.mark) assessed = assessed.where('a.createdAt', '>=', mark.mark)
  const newer = await assessed.execute()
  return [...new Set([...changed.map((row) => row.id), ...newer.map((row) => row.collaborationId)])]
}

/** What the facts are taken from: the sheet, the decision and the newest assessment. */
export async function loadFactSources(db: Db, ids: readonly string[]) {
  const cases = await db
    .selectFrom('collaborations')
    .select(['id', 'updatedAt', 'sheet', 'decision'])
    .where('id', 'in', ids)
    .execute()
  const assessments = await db
    .selectFrom('assessments')
    .select(['id', 'collaborationId', 'riskLevel', 'createdAt'])
    .where('collaborationId', 'in', ids)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  return { cases, assessments }
}

export interface FactRow {
  collaborationId: string
  sourceUpdatedAt: string
  assessmentId: string | null
  assessmentCreatedAt: string | null
  riskLevel: string | null
  researchAreas: string
  funders: string
  startDate: string | null
  endDate: string | null
  outcome: string | null
  /** JSON array of [country code or null, name] pairs. */
  partners: string
}

/** Writes (inserts or replaces) the facts of some collaborations. */
export async function upsertFacts(trx: Db, rows: readonly FactRow[]): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) {
    await trx
      .insertInto('reportCaseFacts')
      .values(rows.slice(at, at + 500))
      .onConflict((oc) =>
        oc.column('collaborationId').doUpdateSet((eb) => ({
          sourceUpdatedAt: eb.ref('excluded.sourceUpdatedAt'),
          assessmentId: eb.ref('excluded.assessmentId'),
          assessmentCreatedAt: eb.ref('excluded.assessmentCreatedAt'),
          riskLevel: eb.ref('excluded.riskLevel'),
          researchAreas: eb.ref('excluded.researchAreas'),
          funders: eb.ref('excluded.funders'),
          startDate: eb.ref('excluded.startDate'),
          endDate: eb.ref('excluded.endDate'),
          outcome: eb.ref('excluded.outcome'),
          partners: eb.ref('excluded.partners'),
        })),
      )
      .execute()
  }
}

/** One submitted collaboration as the figures need it (drafts belong to their authors alone). */
export interface CaseRow {
  id: string
  status: string
  unitId: string | null
  trl: number | null
  submittedOn: string | null
  decidedOn: string | null
  daysToDecision: number | null
  riskLevel: string | null
  researchAreas: string | null
  funders: string | null
  startDate: string | null
  endDate: string | null
  outcome: string | null
  /** JSON array of [country code or null, name] pairs (English name, else the original). */
  partners: string | null
}

/*
 * The large reads below are written in SQL with camelCase aliases and run without the CamelCase
 * plugin: renaming the keys of tens of thousands of rows costs more than the query itself.
 */

/** Every collaboration past the draft stage that matches the unit, area and risk filters. */
export async function loadCases(db: Db, dialect: Dialect, filter: DashboardFilter): Promise<CaseRow[]> {
  const result = await sql<CaseRow>`
    select c.id, c.status, c.unit_id as "unitId", c.trl,
      ${day(dialect, 'c.submitted_at')} as "submittedOn",
      ${day(dialect, 'c.decided_at')} as "decidedOn",
      case when c.decided_at is null or c.submitted_at is null or c.decided_at < c.submitted_at then null
        else ${daysBetween(dialect, 'c.submitted_at', 'c.decided_at')} end as "daysToDecision",
      f.risk_level as "riskLevel", f.research_areas as "researchAreas", f.funders,
      f.start_date as "startDate", f.end_date as "endDate", f.outcome, f.partners
    from collaborations c
    left join report_case_facts f on f.collaboration_id = c.id
    where ${caseFilterSql(filter)}
  `.execute(db.withoutPlugins())
  return result.rows
}

/** The collaborations matching the unit, area and risk filters (c = collaborations, f = facts). */
function caseFilterSql(filter: DashboardFilter) {
  const parts = [sql`c.status <> 'draft'`]
  if (filter.unit) parts.push(sql`c.unit_id = ${filter.unit}`)
  if (filter.risk) parts.push(sql`f.risk_level = ${filter.risk}`)
  // Codes are hierarchical by prefix (3, 34, 343, 343-02); the column holds them space-separated.
  if (filter.area) parts.push(sql`(' ' || f.research_areas) like ${`% ${filter.area}%`}`)
  return sql.join(parts, sql` and `)
}

/**
 * How long each office took for the reviews it completed in the period (cases filtered): per office
 * the number of reviews and the durations at the ranks the median and the 90th percentile are
 * interpolated between (ranks 1-based, as percentile() in reports.figures.ts places them).
 */
export async function officeDurationRanks(db: Db, dialect: Dialect, filter: DashboardFilter) {
  const result = await sql<{ participant: string; days: number; rn: number; cnt: number }>`
    with ${officeDurationsSql(dialect, filter)}, ranked as (
      select participant, days,
        row_number() over (partition by participant order by days) as rn,
        count(*) over (partition by participant) as cnt
      from durations
    )
    select participant, days, rn, cnt from ranked
    where rn in (${rank(50, false)}, ${rank(50, true)}, ${rank(90, false)}, ${rank(90, true)})
  `.execute(db.withoutPlugins())
  return result.rows.map((row) => ({
    participant: row.participant,
    days: Number(row.days),
    rank: Number(row.rn),
    count: Number(row.cnt),
  }))
}

/** The 1-based rank below (or above) the p-th percentile among cnt values, as percentileRanks() computes it. */
const rank = (p: number, up: boolean) => sql.raw(`((cnt - 1) * ${p}${up ? ' + 99' : ''}) / 100 + 1`)

/**
 * The same figures on PostgreSQL, computed by percentile_cont (linear interpolation between the
 * closest ranks, the method percentile() in reports.figures.ts follows).
 */
export async function officeDurationPercentiles(db: Db, filter: DashboardFilter) {
  const result = await sql<{ participant: string; count: number; median: number; p90: number }>`
    with ${officeDurationsSql('postgres', filter)}
    select participant, count(*) as count,
      percentile_cont(0.5) within group (order by days) as median,
      percentile_cont(0.9) within group (order by days) as p90
    from durations group by participant
  `.execute(db.withoutPlugins())
  return result.rows.map((row) => ({
    participant: row.participant,
    count: Number(row.count),
    median: Number(row.median),
    p90: Number(row.p90),
  }))
}

/** The CTE "durations": participant and days of every review completed in the period, cases filtered. */
function officeDurationsSql(dialect: Dialect, filter: DashboardFilter) {
  const period = [
    filter.from ? sql`${day(dialect, 'r.completed_at')} >= ${filter.from}` : null,
    filter.to ? sql`${day(dialect, 'r.completed_at')} <= ${filter.to}` : null,
  ].filter((part) => part !== null)
  const where = sql.join(
    [sql`r.status = 'completed'`, sql`r.completed_at is not null`, ...period],
    sql` and `,
  )
  // The cases as a set (not a join): the reviews are then read from their covering index alone.
  return sql`durations as (
      select r.participant, ${daysBetween(dialect, 'r.created_at', 'r.completed_at')} as days
      from office_reviews r
      where ${where} and r.collaboration_id in (
        select c.id from collaborations c
        left join report_case_facts f on f.collaboration_id = c.id
        where ${caseFilterSql(filter)}
      )
    )`
}

/** Reviews still open (or paused for a question), with their deadline. */
export async function loadOpenReviews(db: Db) {
  return db
    .selectFrom('officeReviews')
    .select(['collaborationId', 'participant', 'status', 'dueAt'])
    .where('status', 'in', ['open', 'waiting_for_information'])
    .execute()
}

/** Collaborations where at least one office raised an objection. */
export async function loadObjectedCaseIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('officeReviews')
    .select('collaborationId')
    .distinct()
    .where('recommendation', '=', 'objection')
    .execute()
  return rows.map((row) => row.collaborationId)
}

/** Requests for information per collaboration (only collaborations with at least one). */
export async function loadRequestCounts(db: Db) {
  return db
    .selectFrom('informationRequests')
    .select(['collaborationId', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('collaborationId')
    .execute()
}

/** Collaborations that have any office review (the ones the process has seen). */
export async function loadReviewedCaseIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('officeReviews').select('collaborationId').distinct().execute()
  return rows.map((row) => row.collaborationId)
}

/** Names of units and offices for labels. */
export async function loadLabels(db: Db) {
  const [units, offices] = await Promise.all([
    db.selectFrom('units').select(['id', 'code', 'nameDe', 'nameEn']).execute(),
    db.selectFrom('offices').select(['key', 'nameDe', 'nameEn']).execute(),
  ])
  return { units, offices }
}

/** Whether a unit exists. */
export async function unitExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}
