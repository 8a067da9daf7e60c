import type { Ctx } from '../../platform/context.js'
import { sha256 } from '../../platform/crypto.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { spreadsheetCsv } from '../../shared/csv.js'
import { newId } from '../../shared/ids.js'
import { authorize, can } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import {
  collaborationResource,
  type DataSheet,
  registerSubmissionProblemProvider,
  type SubmissionProblem,
} from '../collaborations/index.js'
import { notify } from '../notifications/index.js'
import {
  addMonths,
  canonical,
  type ModuleFile,
  parseModuleFile,
  scoreQuiz,
  viewOf,
} from './training.content.js'
import * as repo from './training.repo.js'
import {
  type AttemptResult,
  type Audience,
  AudienceSchema,
  type CaseTrainingStatus,
  type Enforcement,
  expiringDays,
  type ObligationRule,
  ObligationRulesSchema,
  type ReportFilter,
  ReportFilterSchema,
  type ReportRow,
  type StoredObligation,
  type SubmitAttempt,
  SubmitAttemptSchema,
  type TrainingModuleContent,
  TrainingModuleContentSchema,
  type TrainingModuleSummary,
  type TrainingModuleView,
  type TrainingSettings,
  type TrainingState,
  type TrainingStatusItem,
  type UserTrainingStatus,
} from './training.schema.js'

// ---- modules

function contentOf(row: repo.ModuleVersionRow): TrainingModuleContent {
  return TrainingModuleContentSchema.parse(JSON.parse(row.content))
}

function summaryOf(row: repo.ModuleVersionRow, content = contentOf(row)): TrainingModuleSummary {
  return {
    key: row.key,
    version: row.version,
    minutes: content.minutes,
    passMark: content.passMark,
    validityMonths: content.validityMonths,
    topic: content.topic,
    title: content.title,
    summary: content.summary,
    lessonCount: content.lessons.length,
    questionCount: content.quiz.length,
    updatedAt: row.createdAt,
  }
}

/** What an import did with one module file. */
export interface ImportOutcome {
  key: string
  version: number | null
  outcome: 'added' | 'unchanged' | 'older'
}

async function storeModule(
  trx: Db,
  ctx: Ctx,
  content: TrainingModuleContent,
  source: 'import' | 'edit',
): Promise<ImportOutcome> {
  const latest = await repo.findLatestModule(trx, content.key)
  const hash = sha256(canonical(content))
  if (latest && latest.contentHash === hash)
    return { key: content.key, version: latest.version, outcome: 'unchanged' }
  if (latest && source === 'import' && content.version < latest.contentVersion)
    return { key: content.key, version: latest.version, outcome: 'older' }
  const row = {
    id: newId(),
    key: content.key,
    version: (latest?.version ?? 0) + 1,
    contentVersion: content.version,
    content: JSON.stringify(content),
    contentHash: hash,
    createdAt: ctx.now().toISOString(),
    createdBy: ctx.actor?.username ?? 'system',
  }
  await repo.insertModuleVersion(trx, row)
  await recordAudit(trx, ctx, {
    action: source === 'import' ? 'training.module_imported' : 'training.module_edited',
    entityType: 'training_module',
    entityId: content.key,
    before: latest ? { version: latest.version, contentVersion: latest.contentVersion } : undefined,
    after: { version: row.version, contentVersion: row.contentVersion, contentHash: hash },
  })
  return { key: content.key, version: row.version, outcome: 'added' }
}

/**
 * Imports module files as new module versions; content already stored adds nothing. Every file
 * is validated first: one broken file rejects the whole import, naming the file and field.
 */
export async function importTrainingModules(
  ctx: Ctx,
  files: readonly ModuleFile[],
): Promise<ImportOutcome[]> {
  authorize(ctx.actor, 'training.manage')
  const contents = files.map(parseModuleFile)
  const keys = new Set<string>()
  for (const content of contents) {
    if (keys.has(content.key)) throw new AppError('validation', `The module "${content.key}" is given twice.`)
    keys.add(content.key)
  }
  return ctx.db.transaction().execute(async (trx) => {
    const outcomes: ImportOutcome[] = []
    for (const content of contents) outcomes.push(await storeModule(trx, ctx, content, 'import'))
    return outcomes
  })
}

/**
 * A module's current content for a knowledge bundle (the caller authorizes the bundle), or null.
 */
export async function bundledModuleContent(db: Db, key: string): Promise<TrainingModuleContent | null> {
  const row = await repo.findLatestModule(db, key)
  return row ? contentOf(row) : null
}

/**
 * Stores a module that arrived in a verified knowledge bundle, inside the bundle's transaction:
 * a new version when the content differs (an older content version is kept out).
 */
export async function storeBundledModule(trx: Db, ctx: Ctx, content: unknown): Promise<ImportOutcome> {
  return storeModule(trx, ctx, TrainingModuleContentSchema.parse(content), 'import')
}

/** The current version of every module. */
export async function listModules(ctx: Ctx): Promise<TrainingModuleSummary[]> {
  authorize(ctx.actor, 'training.read')
  return (await repo.latestModuleVersions(ctx.db)).map((row) => summaryOf(row))
}

async function requireModule(db: Db, key: string): Promise<repo.ModuleVersionRow> {
  const row = await repo.findLatestModule(db, key)
  if (!row) throw new AppError('not_found', `There is no training "${key}".`)
  return row
}

/** A module for taking it: lessons as safe HTML, questions without their answers. */
export async function getModule(ctx: Ctx, key: string): Promise<TrainingModuleView> {
  authorize(ctx.actor, 'training.read')
  const row = await requireModule(ctx.db, key)
  const content = contentOf(row)
  return { ...summaryOf(row, content), ...viewOf(content) }
}

/** The full content of the current version (with the answers), for the admin's editor. */
export async function getModuleSource(
  ctx: Ctx,
  key: string,
): Promise<{
  content: TrainingModuleContent
  versions: Awaited<ReturnType<typeof repo.listModuleVersions>>
}> {
  authorize(ctx.actor, 'training.manage')
  const row = await requireModule(ctx.db, key)
  return { content: contentOf(row), versions: await repo.listModuleVersions(ctx.db, key) }
}

/** An admin's edit: stored as a new module version; completions keep the version they took. */
export async function saveModule(ctx: Ctx, key: string, input: unknown): Promise<TrainingModuleSummary> {
  authorize(ctx.actor, 'training.manage')
  const content = TrainingModuleContentSchema.parse(input)
  if (content.key !== key)
    throw new AppError('validation', 'The key cannot be changed.', {
      fields: [{ field: 'key', message: `Must be "${key}"` }],
    })
  return ctx.db.transaction().execute(async (trx) => {
    const latest = await repo.findLatestModule(trx, key)
    const edited = { ...content, version: Math.max(content.version, (latest?.contentVersion ?? 0) + 1) }
    const outcome = await storeModule(
      trx,
      ctx,
      latest && latest.contentHash === sha256(canonical(content)) ? content : edited,
      'edit',
    )
    const row = await repo.findModuleVersion(trx, key, outcome.version ?? 0)
    if (!row) throw new AppError('internal', 'The module version was not stored.')
    return summaryOf(row)
  })
}

// ---- taking a training

/**
 * Scores a learner's answers on the server. Passing makes the attempt a completion valid for the
 * module's validity period; failing is recorded too, and the learner may try again.
 */
export async function submitAttempt(ctx: Ctx, key: string, input: SubmitAttempt): Promise<AttemptResult> {
  authorize(ctx.actor, 'training.take')
  const actor = ctx.actor
  const data = SubmitAttemptSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findModuleVersion(trx, key, data.version)
    if (!row) {
      if (await repo.findLatestModule(trx, key))
        throw new AppError('validation', `Version ${data.version} of "${key}" does not exist.`, {
          fields: [{ field: 'version', message: 'No such version' }],
        })
      throw new AppError('not_found', `There is no training "${key}".`)
    }
    const content = contentOf(row)
    const result = scoreQuiz(content, data.answers)
    const now = ctx.now()
    const validUntil = result.passed ? addMonths(now, content.validityMonths).toISOString() : null
    const id = newId()
    await repo.insertAttempt(trx, {
      id,
      userId: actor.id,
      moduleKey: key,
      moduleVersion: row.version,
      correctCount: result.correctCount,
      questionCount: result.questionCount,
      passed: result.passed ? 1 : 0,
      answers: JSON.stringify(
        Object.fromEntries(result.questions.map((question) => [question.id, question.chosen])),
      ),
      takenAt: now.toISOString(),
      validUntil,
    })
    await recordAudit(trx, ctx, {
      action: result.passed ? 'training.passed' : 'training.failed',
      entityType: 'training_attempt',
      entityId: id,
      after: {
        moduleKey: key,
        moduleVersion: row.version,
        correct: result.correctCount,
        of: result.questionCount,
        validUntil,
      },
    })
    return {
      id,
      moduleKey: key,
      moduleVersion: row.version,
      correctCount: result.correctCount,
      questionCount: result.questionCount,
      score: result.score,
      passMark: content.passMark,
      passed: result.passed,
      takenAt: now.toISOString(),
      validUntil,
      questions: result.questions,
    }
  })
}

// ---- obligations

function toStoredObligation(row: Awaited<ReturnType<typeof repo.listObligations>>[number]): StoredObligation {
  return {
    id: row.id,
    moduleKey: row.moduleKey,
    audience: AudienceSchema.parse(JSON.parse(row.audience)),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  }
}

/** The configured obligations. */
export async function getObligations(ctx: Ctx): Promise<StoredObligation[]> {
  authorize(ctx.actor, 'training.read')
  return (await repo.listObligations(ctx.db)).map(toStoredObligation)
}

/** Replaces the obligations as a whole; the audit trail keeps the set before and after. */
export async function saveObligations(
  ctx: Ctx,
  input: { rules: ObligationRule[] },
): Promise<StoredObligation[]> {
  authorize(ctx.actor, 'training.manage')
  const { rules } = ObligationRulesSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => {
    const modules = new Set((await repo.latestModuleVersions(trx)).map((row) => row.key))
    const problems = rules
      .map((rule, index) => ({ rule, index }))
      .filter(({ rule }) => !modules.has(rule.moduleKey))
      .map(({ rule, index }) => ({
        field: `rules.${index}.moduleKey`,
        message: `There is no training "${rule.moduleKey}"`,
      }))
    if (problems.length > 0)
      throw new AppError('validation', problems[0]?.message ?? 'Unknown training', { fields: problems })
    const seen = new Set<string>()
    const unique = rules.filter((rule) => {
      const id = canonical(rule)
      if (seen.has(id)) return false
      seen.add(id)
      return true
    })
    const before = (await repo.listObligations(trx)).map(toStoredObligation)
    const now = ctx.now().toISOString()
    const rows = unique.map((rule, position) => ({
      id: newId(),
      moduleKey: rule.moduleKey,
      audience: JSON.stringify(rule.audience),
      position,
      createdAt: now,
      createdBy: ctx.actor?.username ?? 'system',
    }))
    await repo.replaceObligations(trx, rows)
    await recordAudit(trx, ctx, {
      action: 'training.obligations_changed',
      entityType: 'training_obligations',
      entityId: 'obligations',
      before: before.map((rule) => ({ moduleKey: rule.moduleKey, audience: rule.audience })),
      after: unique,
    })
    return rows.map(toStoredObligation)
  })
}

// ---- settings

async function readSettings(db: Db): Promise<TrainingSettings> {
  const row = await repo.findSettings(db)
  return {
    enforcement: row?.enforcement === 'block' ? 'block' : 'warn',
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  }
}

/** Whether a missing training blocks submission or only warns (default: warn). */
export async function getTrainingSettings(ctx: Ctx): Promise<TrainingSettings> {
  authorize(ctx.actor, 'training.read')
  return readSettings(ctx.db)
}

export async function updateTrainingSettings(
  ctx: Ctx,
  input: { enforcement: Enforcement },
): Promise<TrainingSettings> {
  authorize(ctx.actor, 'training.manage')
  const enforcement = input.enforcement === 'block' ? 'block' : input.enforcement === 'warn' ? 'warn' : null
  if (!enforcement)
    throw new AppError('validation', 'Choose warn or block.', {
      fields: [{ field: 'enforcement', message: 'warn or block' }],
    })
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx)
    const now = ctx.now().toISOString()
    await repo.saveSettings(trx, { enforcement, updatedAt: now, updatedBy: ctx.actor?.username ?? 'system' })
    await recordAudit(trx, ctx, {
      action: 'training.settings_changed',
      entityType: 'training_settings',
      entityId: 'default',
      before: { enforcement: before.enforcement },
      after: { enforcement },
    })
    return readSettings(trx)
  })
}

// ---- obligations computed

/** The situation a requirement is judged in: the user's open cases, or one case. */
type Situation = { kind: 'user' } | { kind: 'case'; countries: readonly string[] }

interface Person {
  id: string
  displayName: string
  unitId: string | null
}

function roleReason(audience: Extract<Audience, { kind: 'role' }>): string {
  return audience.officeKey ? `role:${audience.role}:${audience.officeKey}` : `role:${audience.role}`
}

/**
 * Which modules each person must take, with the reasons. Role obligations apply by the person's
 * role grants; situation obligations by the open cases they are named on (or by one case).
 * Only a partner organisation's country counts, never a person's nationality or origin.
 */
async function requirementsOf(
  db: Db,
  people: readonly Person[],
  situation: Situation,
): Promise<Map<string, Map<string, string[]>>> {
  const ids = people.map((person) => person.id)
  const obligations = (await repo.listObligations(db)).map(toStoredObligation)
  const grants = await repo.roleGrantsOf(db, ids)
  const caseRows = situation.kind === 'user' ? await repo.openCaseCountriesOf(db, ids) : []
  const result = new Map<string, Map<string, string[]>>()
  for (const person of people) {
    const required = new Map<string, string[]>()
    const add = (moduleKey: string, reason: string) => {
      const reasons = required.get(moduleKey) ?? []
      if (!reasons.includes(reason)) reasons.push(reason)
      required.set(moduleKey, reasons)
    }
    const myGrants = grants.filter((grant) => grant.userId === person.id)
    const myCases = caseRows.filter((row) => row.userId === person.id)
    const namedOnCase = situation.kind === 'case' || myCases.length > 0
    const countries = new Set(
      situation.kind === 'case'
        ? situation.countries
        : myCases.map((row) => row.country).filter((country): country is string => country !== null),
    )
    for (const { moduleKey, audience } of obligations) {
      if (audience.kind === 'role') {
        const holds = myGrants.some(
          (grant) =>
            grant.role === audience.role &&
            (audience.officeKey === null || grant.officeKey === audience.officeKey),
        )
        if (holds) add(moduleKey, roleReason(audience))
      } else if (audience.kind === 'collaboration') {
        if (namedOnCase) add(moduleKey, 'collaboration')
      } else {
        for (const country of audience.countries)
          if (countries.has(country)) add(moduleKey, `partner_country:${country}`)
      }
    }
    result.set(person.id, required)
  }
  return result
}

function stateOf(validUntil: string | null, now: Date): TrainingState {
  if (!validUntil) return 'missing'
  const until = new Date(validUntil).getTime()
  if (until <= now.getTime()) return 'expired'
  if (until - now.getTime() <= expiringDays * 86_400_000) return 'expiring'
  return 'completed'
}

/** Computes the training status of people (no authorization: callers check). */
async function computeStatus(
  db: Db,
  people: readonly Person[],
  situation: Situation,
  now: Date,
): Promise<UserTrainingStatus[]> {
  const modules = new Map((await repo.latestModuleVersions(db)).map((row) => [row.key, contentOf(row)]))
  const requirements = await requirementsOf(db, people, situation)
  const completions = await repo.completionsOf(
    db,
    people.map((person) => person.id),
  )
  return people.map((person) => {
    const required = requirements.get(person.id) ?? new Map<string, string[]>()
    // The completion that is valid longest counts, whichever version it was.
    const best = new Map<string, repo.AttemptRow>()
    for (const completion of completions) {
      if (completion.userId !== person.id) continue
      const current = best.get(completion.moduleKey)
      if (!current || (completion.validUntil ?? '') >= (current.validUntil ?? ''))
        best.set(completion.moduleKey, completion)
    }
    const items: TrainingStatusItem[] = []
    for (const [moduleKey, reasons] of required) {
      const content = modules.get(moduleKey)
      if (!content) continue
      const completion = best.get(moduleKey)
      items.push({
        moduleKey,
        title: content.title,
        required: true,
        reasons,
        state: stateOf(completion ? new Date(completion.validUntil ?? 0).toISOString() : null, now),
        completedAt: completion?.takenAt ?? null,
        completedVersion: completion?.moduleVersion ?? null,
        validUntil: completion?.validUntil ? new Date(completion.validUntil).toISOString() : null,
      })
    }
    items.sort((a, b) => a.moduleKey.localeCompare(b.moduleKey))
    return {
      userId: person.id,
      displayName: person.displayName,
      items,
      complete: items.every((item) => item.state === 'completed' || item.state === 'expiring'),
    }
  })
}

/**
 * The training status of users: required trainings with completed (valid until), expiring,
 * expired or missing. One's own status is open to everyone; others' to admins and auditors.
 */
export async function trainingStatusForUsers(
  ctx: Ctx,
  userIds: readonly string[],
): Promise<UserTrainingStatus[]> {
  const actor = ctx.actor
  authorize(actor, 'training.read')
  if (userIds.some((id) => id !== actor.id)) authorize(actor, 'training.report')
  const people = await repo.activeUsers(ctx.db, [...new Set(userIds)])
  return computeStatus(ctx.db, people, { kind: 'user' }, ctx.now())
}

/** The trainings page of the signed-in user. */
export async function getMyTrainings(ctx: Ctx) {
  authorize(ctx.actor, 'training.read')
  const actor = ctx.actor
  const people = await repo.activeUsers(ctx.db, [actor.id])
  const person = people[0] ?? { id: actor.id, displayName: actor.displayName, unitId: null }
  const [status] = await computeStatus(ctx.db, [person], { kind: 'user' }, ctx.now())
  const attempts = await repo.attemptsOfUser(ctx.db, actor.id)
  const modules = (await repo.latestModuleVersions(ctx.db)).map((row) => {
    const last = attempts.find((attempt) => attempt.moduleKey === row.key)
    return {
      ...summaryOf(row),
      lastAttempt: last
        ? {
            passed: last.passed === 1,
            score: last.questionCount === 0 ? 0 : last.correctCount / last.questionCount,
            takenAt: last.takenAt,
            validUntil: last.validUntil,
          }
        : null,
    }
  })
  return {
    status: status ?? { userId: actor.id, displayName: actor.displayName, items: [], complete: true },
    modules,
  }
}

function caseCountries(sheet: Pick<DataSheet, 'partners'>): string[] {
  return sheet.partners.map((partner) => partner.country).filter((country): country is string => !!country)
}

async function caseStatus(db: Db, collaborationId: string, countries: readonly string[], now: Date) {
  const people = await repo.activeUsers(db, await repo.caseMemberIds(db, collaborationId))
  return computeStatus(db, people, { kind: 'case', countries }, now)
}

/**
 * The people involved in a case (creator, principal investigators and members with accounts) and
 * whether they completed the trainings the case and their roles require.
 */
export async function getCaseTrainingStatus(ctx: Ctx, collaborationId: string): Promise<CaseTrainingStatus> {
  authorize(ctx.actor, 'collaboration.read')
  const resource = await collaborationResource(ctx.db, collaborationId)
  if (!resource || !can(ctx.actor, 'collaboration.read', resource))
    throw new AppError('not_found', 'No such collaboration.')
  const countries = (await repo.partnerCountriesOf(ctx.db, [collaborationId]))
    .map((row) => row.country)
    .filter((country): country is string => !!country)
  const people = await caseStatus(ctx.db, collaborationId, countries, ctx.now())
  return {
    collaborationId,
    enforcement: (await readSettings(ctx.db)).enforcement,
    people,
    complete: people.every((person) => person.complete),
  }
}

/** Per case of the office queue: whether everyone involved completed their trainings. */
export async function getCaseTrainingSummaries(ctx: Ctx, collaborationIds: readonly string[]) {
  authorize(ctx.actor, 'review.queue')
  const actor = ctx.actor
  const ids = [...new Set(collaborationIds)].slice(0, 200)
  const readable: string[] = []
  for (const id of ids) {
    const resource = await collaborationResource(ctx.db, id)
    if (resource && can(actor, 'collaboration.read', resource)) readable.push(id)
  }
  const countryRows = await repo.partnerCountriesOf(ctx.db, readable)
  const summaries = []
  for (const id of readable) {
    const countries = countryRows
      .filter((row) => row.collaborationId === id)
      .map((row) => row.country)
      .filter((country): country is string => !!country)
    const people = await caseStatus(ctx.db, id, countries, ctx.now())
    const items = people.flatMap((person) => person.items)
    const missing = items.filter((item) => item.state === 'missing' || item.state === 'expired').length
    summaries.push({
      collaborationId: id,
      complete: missing === 0,
      required: items.length,
      missing,
      people: people.length,
    })
  }
  return summaries
}

/** At submission: when the institution blocks, every missing training of the people involved is a problem. */
async function trainingSubmissionProblems(
  db: Db,
  collaborationId: string,
  sheet: DataSheet,
  now: Date,
): Promise<SubmissionProblem[]> {
  if ((await readSettings(db)).enforcement !== 'block') return []
  const people = await caseStatus(db, collaborationId, caseCountries(sheet), now)
  return people.flatMap((person) =>
    person.items
      .filter((item) => item.state === 'missing' || item.state === 'expired')
      .map((item) => ({
        field: 'trainings',
        code: 'training_missing',
        message:
          item.state === 'expired'
            ? `${person.displayName}: the training “${item.title.en}” has expired; renew it before submitting`
            : `${person.displayName} has not completed the training “${item.title.en}” required before submitting`,
      })),
  )
}

registerSubmissionProblemProvider(trainingSubmissionProblems)

// ---- report

const noUnit = { id: null, code: '—', nameDe: 'Ohne Einheit', nameEn: 'No unit' }

/**
 * Completion by unit and module: how many people must take it, have completed it (valid),
 * whose completion expires soon, has expired, or is missing; the share completed.
 */
export async function completionByUnitAndModule(ctx: Ctx, filter: ReportFilter = {}): Promise<ReportRow[]> {
  authorize(ctx.actor, 'training.report')
  const { unitId, moduleKey } = ReportFilterSchema.parse(filter)
  const people = (await repo.activeUsers(ctx.db)).filter((person) => !unitId || person.unitId === unitId)
  const statuses = await computeStatus(ctx.db, people, { kind: 'user' }, ctx.now())
  const units = await repo.listUnits(ctx.db)
  const unitById = new Map(units.map((unit) => [unit.id, unit]))
  const titles = new Map(
    (await repo.latestModuleVersions(ctx.db)).map((row) => [row.key, contentOf(row).title]),
  )
  const rows = new Map<string, ReportRow>()
  people.forEach((person, index) => {
    const unit = (person.unitId && unitById.get(person.unitId)) || noUnit
    for (const item of statuses[index]?.items ?? []) {
      if (moduleKey && item.moduleKey !== moduleKey) continue
      const key = `${unit.id ?? ''}|${item.moduleKey}`
      const row = rows.get(key) ?? {
        unitId: unit.id,
        unitCode: unit.code,
        unitName: { de: unit.nameDe, en: unit.nameEn },
        moduleKey: item.moduleKey,
        moduleTitle: titles.get(item.moduleKey) ?? { de: item.moduleKey, en: item.moduleKey },
        required: 0,
        completed: 0,
        expiring: 0,
        expired: 0,
        missing: 0,
        share: null,
      }
      row.required++
      if (item.state === 'completed' || item.state === 'expiring') row.completed++
      if (item.state === 'expiring') row.expiring++
      if (item.state === 'expired') row.expired++
      if (item.state === 'missing') row.missing++
      rows.set(key, row)
    }
  })
  return [...rows.values()]
    .map((row) => ({ ...row, share: row.required === 0 ? null : row.completed / row.required }))
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.moduleKey.localeCompare(b.moduleKey))
}

/** The report as CSV for Excel: UTF-8 with byte-order mark, quoted where needed, CRLF lines. */
export function reportCsv(rows: readonly ReportRow[], language: 'de' | 'en'): string {
  const header =
    language === 'de'
      ? [
          'Einheit (Code)',
          'Einheit',
          'Schulung (Schlüssel)',
          'Schulung',
          'Verpflichtet',
          'Abgeschlossen',
          'Läuft bald ab',
          'Abgelaufen',
          'Fehlt',
          'Anteil abgeschlossen (%)',
        ]
      : [
          'Unit (code)',
          'Unit',
          'Training (key)',
          'Training',
          'Required',
          'Completed',
          'Expiring soon',
          'Expired',
          'Missing',
          'Share completed (%)',
        ]
  const body = rows.map((row) => [
    row.unitCode,
    row.unitName[language],
    row.moduleKey,
    row.moduleTitle[language],
    row.required,
    row.completed,
    row.expiring,
    row.expired,
    row.missing,
    row.share === null ? '' : Math.round(row.share * 1000) / 10,
  ])
  return spreadsheetCsv([header, ...body])
}

// ---- reminders

/**
 * Reminds people of required trainings whose completion expires within 30 days, and once more
 * when it has expired: each stage once per completion period (the period is its end of validity).
 * @returns how many reminders were sent
 */
export async function sendRenewalReminders(ctx: Ctx): Promise<number> {
  const now = ctx.now()
  const people = await repo.activeUsers(ctx.db)
  const statuses = await computeStatus(ctx.db, people, { kind: 'user' }, now)
  let sent = 0
  for (const status of statuses) {
    for (const item of status.items) {
      if (!item.validUntil || (item.state !== 'expiring' && item.state !== 'expired')) continue
      const key = {
        userId: status.userId,
        moduleKey: item.moduleKey,
        period: item.validUntil,
        stage: item.state === 'expiring' ? 'soon' : 'expired',
      }
      const didSend = await ctx.db.transaction().execute(async (trx) => {
        if (await repo.reminderSent(trx, key)) return false
        await repo.insertReminder(trx, { ...key, sentAt: now.toISOString() })
        const date = {
          de: formatDay(item.validUntil ?? '', 'de'),
          en: formatDay(item.validUntil ?? '', 'en'),
        }
        await notify(trx, ctx, {
          userIds: [status.userId],
          kind: 'training_due',
          subject:
            key.stage === 'soon'
              ? {
                  de: `Schulung bald erneuern: ${item.title.de}`,
                  en: `Renew your training soon: ${item.title.en}`,
                }
              : { de: `Schulung abgelaufen: ${item.title.de}`, en: `Training expired: ${item.title.en}` },
          body:
            key.stage === 'soon'
              ? {
                  de: `Ihr Abschluss von „${item.title.de}“ ist gültig bis ${date.de}. Bitte wiederholen Sie die Schulung rechtzeitig.`,
                  en: `Your completion of “${item.title.en}” is valid until ${date.en}. Please take the training again in time.`,
                }
              : {
                  de: `Ihr Abschluss von „${item.title.de}“ war gültig bis ${date.de}. Bitte wiederholen Sie die Schulung.`,
                  en: `Your completion of “${item.title.en}” was valid until ${date.en}. Please take the training again.`,
                },
          link: `/training/${item.moduleKey}`,
          entity: { type: 'training_module', id: item.moduleKey },
        })
        return true
      })
      if (didSend) sent++
    }
  }
  return sent
}

function formatDay(iso: string, language: 'de' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(iso))
}
