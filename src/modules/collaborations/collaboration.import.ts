import type { Ctx } from '../../platform/context.js'
import { AppError } from '../../platform/errors.js'
import { parseCsv, toCsv } from '../../shared/csv.js'
import { newId } from '../../shared/ids.js'
import { isCleanText } from '../../shared/text.js'
import { authorize } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import { findUserRowByUsername } from '../organisation/index.js'
import * as repo from './collaboration.repo.js'
import {
  type DataSheet,
  DataSheetSchema,
  type ImportReport,
  PartnerKindSchema,
} from './collaboration.schema.js'
import { isSubjectArea } from './research-areas.js'

/** The columns of the register template, in order; `title` is the only required one. */
export const importColumns = [
  'title',
  'acronym',
  'summary',
  'description',
  'research_areas',
  'keywords',
  'trl',
  'unit_code',
  'pi_username',
  'pi_name',
  'partner_names',
  'partner_names_english',
  'partner_countries',
  'partner_kinds',
  'start_date',
  'end_date',
  'funder',
  'programme',
  'status',
] as const

const importableStatuses = ['draft', 'approved', 'active', 'ended'] as const
type ImportableStatus = (typeof importableStatuses)[number]
const maxRows = 5000

/** The downloadable template: the header and one example row. */
export function importTemplate(): string {
  return toCsv([
    [...importColumns],
    [
      'Joint GNSS monitoring of the Longmenshan fault',
      'LONGMEN-GNSS',
      'Joint processing of continuous GNSS time series.',
      'We combine the GNSS stations of both partners into one network solution …',
      '343-02;343-01',
      'GNSS;geodesy',
      '2',
      'GEO.1',
      'researcher',
      '',
      '中国地震局地质研究所',
      'Institute of Geology, China Earthquake Administration',
      'CN',
      'research_institute',
      '2024-01-01',
      '2026-12-31',
      'DFG',
      'Sino-German cooperation',
      'active',
    ],
  ])
}

interface PreparedRow {
  row: number
  sheet: DataSheet
  status: ImportableStatus
  piUserId: string | null
  problems: { column: string; message: string }[]
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean)

/**
 * Imports an existing register of collaborations from CSV. Every row is checked first; if any row
 * is rejected, nothing is imported (the report says why, row by row), so a register is never
 * half-imported. With `dryRun` only the report is produced.
 * @throws AppError('validation') when the file is not a CSV with the template's header
 */
export async function importRegister(ctx: Ctx, csv: string, dryRun: boolean): Promise<ImportReport> {
  authorize(ctx.actor, 'collaboration.import')
  if (!isCleanText(csv.replaceAll('\u0000', '\u0001'))) {
    throw new AppError('validation', 'The file is not valid UTF-8 text.', {
      fields: [{ field: 'file', message: 'Not UTF-8 text' }],
    })
  }
  const [header, ...lines] = parseCsv(csv)
  const columns = (header ?? []).map((name) => name.trim())
  const unknown = columns.filter((name) => !(importColumns as readonly string[]).includes(name))
  if (!columns.includes('title') || unknown.length > 0) {
    throw new AppError('validation', 'The header does not match the template.', {
      fields: [
        {
          field: 'file',
          message:
            unknown.length > 0 ? `Unknown columns: ${unknown.join(', ')}` : 'The column "title" is missing',
        },
      ],
    })
  }
  const records = lines
    .map((cells, index) => ({
      row: index + 2,
      record: Object.fromEntries(columns.map((name, at) => [name, cells[at] ?? ''])),
    }))
    .filter(({ record }) => Object.values(record).some((value) => value.trim() !== ''))
  if (records.length === 0)
    throw new AppError('validation', 'The file has no rows.', {
      fields: [{ field: 'file', message: 'No rows' }],
    })
  if (records.length > maxRows) {
    throw new AppError('validation', `At most ${maxRows} rows per import.`, {
      fields: [{ field: 'file', message: 'Too many rows' }],
    })
  }

  const units = new Map(
    (await ctx.db.selectFrom('units').select(['id', 'code']).execute()).map((unit) => [unit.code, unit.id]),
  )
  const prepared: PreparedRow[] = []
  for (const { row, record } of records) prepared.push(await prepareRow(ctx, row, record, units))
  const rejected = prepared.filter((entry) => entry.problems.length > 0)
  const willImport = !dryRun && rejected.length === 0

  const references = new Map<number, string>()
  if (willImport) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const entry of prepared) references.set(entry.row, await insertImported(ctx, trx, entry))
    })
  }
  return {
    imported: willImport,
    dryRun,
    rows: prepared.map((entry) => ({
      row: entry.row,
      status: entry.problems.length > 0 ? 'rejected' : 'ok',
      reference: references.get(entry.row) ?? null,
      title: entry.sheet.title,
      problems: entry.problems,
    })),
    importedCount: willImport ? prepared.length : 0,
    rejectedCount: rejected.length,
  }
}

async function prepareRow(
  ctx: Ctx,
  row: number,
  record: Record<string, string>,
  units: Map<string, string>,
): Promise<PreparedRow> {
  const problems: { column: string; message: string }[] = []
  const problem = (column: string, message: string) => problems.push({ column, message })

  const statusText = record.status?.trim() || 'active'
  const status = importableStatuses.find((candidate) => candidate === statusText) ?? 'draft'
  if (status !== statusText) problem('status', `Use one of: ${importableStatuses.join(', ')}`)
  let unitId: string | null = null
  if (record.unit_code?.trim()) {
    unitId = units.get(record.unit_code.trim()) ?? null
    if (!unitId) problem('unit_code', `Unknown unit "${record.unit_code.trim()}"`)
  }
  let piUserId: string | null = null
  let piName = record.pi_name?.trim() ?? ''
  if (record.pi_username?.trim()) {
    const user = await findUserRowByUsername(ctx.db, record.pi_username.trim())
    if (!user) problem('pi_username', `Unknown user "${record.pi_username.trim()}"`)
    piUserId = user?.id ?? null
    piName = piName || user?.displayName || ''
  }
  const areas = list(record.research_areas)
  for (const code of areas)
    if (!isSubjectArea(code)) problem('research_areas', `Unknown DFG subject area "${code}"`)
  const trlText = record.trl?.trim() ?? ''
  const trl = trlText === '' ? null : Number(trlText)
  if (trl !== null && !(Number.isInteger(trl) && trl >= 1 && trl <= 9))
    problem('trl', 'A whole number from 1 to 9')

  const names = list(record.partner_names)
  const english = list(record.partner_names_english)
  const countries = list(record.partner_countries)
  const kinds = list(record.partner_kinds)
  const partnerCount = Math.max(names.length, english.length)
  for (const kind of kinds) {
    if (!PartnerKindSchema.safeParse(kind).success)
      problem('partner_kinds', `Use one of: ${PartnerKindSchema.options.join(', ')}`)
  }
  const partners = Array.from({ length: partnerCount }, (_, index) => ({
    id: newId(),
    nameOriginal: names[index] ?? '',
    nameEnglish: english[index] ?? '',
    country: countries[index]?.toUpperCase() ?? null,
    kind: PartnerKindSchema.safeParse(kinds[index]).data ?? null,
  }))
  const funder = record.funder?.trim()
  const candidate = {
    title: record.title ?? '',
    acronym: record.acronym ?? '',
    summary: record.summary ?? '',
    description: record.description ?? '',
    researchAreas: areas.filter(isSubjectArea),
    keywords: list(record.keywords),
    trl: problems.some((entry) => entry.column === 'trl') ? null : trl,
    unitId,
    principalInvestigators: piName ? [{ userId: piUserId, name: piName }] : [],
    partners,
    funding: { funders: funder ? [{ name: funder, programme: record.programme ?? '' }] : [] },
    interests: { startDate: record.start_date?.trim() || null, endDate: record.end_date?.trim() || null },
  }
  const parsed = DataSheetSchema.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(columnOf(issue.path.map(String)), issue.message)
  }
  if (!candidate.title.trim()) problem('title', 'Required')
  return { row, sheet: parsed.success ? parsed.data : DataSheetSchema.parse({}), status, piUserId, problems }
}

/** Maps a sheet path back to the CSV column it came from. */
function columnOf(path: string[]): string {
  const [first, second, third] = path
  if (first === 'partners') {
    return (
      {
        nameOriginal: 'partner_names',
        nameEnglish: 'partner_names_english',
        country: 'partner_countries',
        kind: 'partner_kinds',
      }[third ?? ''] ?? 'partner_names'
    )
  }
  if (first === 'interests') return second === 'endDate' ? 'end_date' : 'start_date'
  if (first === 'funding') return 'funder'
  if (first === 'researchAreas') return 'research_areas'
  if (first === 'principalInvestigators') return 'pi_name'
  return first ?? 'file'
}

async function insertImported(ctx: Ctx, trx: Ctx['db'], entry: PreparedRow): Promise<string> {
  const actorId = ctx.actor?.id ?? ''
  const now = ctx.now()
  const year = now.getUTCFullYear()
  const number = await repo.nextCounter(trx, `collaboration.${year}`)
  const id = newId()
  const reference = `${ctx.config.institution.referencePrefix}-${year}-${String(number).padStart(4, '0')}`
  const decided = entry.status !== 'draft'
  const sheetText = JSON.stringify(entry.sheet)
  const questionnaire = await repo.findCurrentQuestionnaire(trx)
  await repo.insertCollaboration(trx, {
    id,
    reference,
    status: entry.status,
    title: entry.sheet.title,
    acronym: entry.sheet.acronym,
    unitId: entry.sheet.unitId,
    trl: entry.sheet.trl,
    sheet: sheetText,
    questionnaireVersion: questionnaire?.version ?? 1,
    version: decided ? 1 : 0,
    decidedVersion: decided ? 1 : null,
    statusBeforeAmendment: null,
    followUpOf: null,
    createdBy: actorId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    submittedAt: null,
    decidedAt: decided ? now.toISOString() : null,
    decision: decided
      ? JSON.stringify({
          outcome: 'approved',
          reasons: 'Imported from the previous register.',
          conditions: [],
          decidedBy: 'import',
        })
      : null,
  })
  if (decided) {
    await repo.insertVersion(trx, {
      collaborationId: id,
      version: 1,
      kind: 'submission',
      sheet: sheetText,
      questionnaireVersion: questionnaire?.version ?? 1,
      createdAt: now.toISOString(),
      createdBy: actorId,
    })
  }
  await repo.replaceMembers(trx, id, actorId, entry.sheet)
  await repo.replacePartners(trx, id, entry.sheet)
  await recordAudit(trx, ctx, {
    action: 'collaboration.imported',
    entityType: 'collaboration',
    entityId: id,
    after: { reference, status: entry.status, row: entry.row, sheet: entry.sheet },
  })
  return reference
}
