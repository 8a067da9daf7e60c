import type { Ctx } from '../../platform/context.js'
import { type Db, lockUntilCommit } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { emitDomainEvent } from '../../platform/events.js'
import { newId } from '../../shared/ids.js'
import { type Actor, authorize, can, isReviewer, type PolicyResource } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import { findUser } from '../organisation/index.js'
import { requestPartnerScreening } from '../screening/index.js'
import { checkUpload } from './attachment.rules.js'
import type { CollaborationRow } from './collaboration.repo.js'
import * as repo from './collaboration.repo.js'
import {
  type Attachment,
  type CaseAccess,
  type CaseChecklist,
  type Collaboration,
  type CollaborationQuery,
  type CollaborationStatus,
  CollaborationStatusSchema,
  type CollaborationSummary,
  type CollaborationVersion,
  type CreateCollaboration,
  CreateCollaborationSchema,
  type DataSheet,
  DataSheetSchema,
  type Decide,
  DecideSchema,
  type FieldChange,
  type HistoryEntry,
  type NewQuestionnaire,
  NewQuestionnaireSchema,
  type NextStep,
  type Question,
  type Questionnaire,
  QuestionSchema,
  type SaveDraft,
  SaveDraftSchema,
  type SubmissionProblem,
} from './collaboration.schema.js'
import {
  canTransition,
  diffSheets,
  isEditable,
  isWithdrawable,
  nextStep,
  submissionProblems,
} from './collaboration.workflow.js'
import { defaultQuestions } from './questionnaire.defaults.js'
import { isSubjectArea } from './research-areas.js'

// ---- questionnaire

/** The current questionnaire; the first call on a new installation publishes the default version 1. */
export async function getCurrentQuestionnaire(ctx: Ctx): Promise<Questionnaire> {
  authorize(ctx.actor, 'questionnaire.read')
  return currentQuestionnaire(ctx)
}

async function currentQuestionnaire(ctx: Ctx): Promise<Questionnaire> {
  const existing = await repo.findCurrentQuestionnaire(ctx.db)
  if (existing) return toQuestionnaire(existing)
  return ctx.db.transaction().execute(async (trx) => {
    // Requests creating the first cases at once publish it once: one at a time, re-checking.
    await lockUntilCommit(trx, ctx.dialect, 'liaison.questionnaire')
    const again = await repo.findCurrentQuestionnaire(trx)
    if (again) return toQuestionnaire(again)
    const row = {
      id: newId(),
      version: 1,
      questions: JSON.stringify(defaultQuestions),
      createdAt: ctx.now().toISOString(),
      createdBy: 'system',
    }
    await repo.insertQuestionnaire(trx, row)
    await recordAudit(trx, ctx, {
      action: 'questionnaire.published',
      entityType: 'questionnaire',
      entityId: row.id,
      after: { version: 1 },
    })
    return toQuestionnaire(row)
  })
}

/** Publishes a new questionnaire version; drafts answer it from then on, submitted cases keep theirs. */
export async function publishQuestionnaire(ctx: Ctx, input: NewQuestionnaire): Promise<Questionnaire> {
  authorize(ctx.actor, 'questionnaire.publish')
  const data = NewQuestionnaireSchema.parse(input)
  const current = await currentQuestionnaire(ctx)
  return ctx.db.transaction().execute(async (trx) => {
    const row = {
      id: newId(),
      version: current.version + 1,
      questions: JSON.stringify(data.questions),
      createdAt: ctx.now().toISOString(),
      createdBy: ctx.actor?.username ?? 'system',
    }
    await repo.insertQuestionnaire(trx, row)
    await recordAudit(trx, ctx, {
      action: 'questionnaire.published',
      entityType: 'questionnaire',
      entityId: row.id,
      before: { version: current.version, questions: current.questions },
      after: { version: row.version, questions: data.questions },
    })
    return toQuestionnaire(row)
  })
}

async function questionsOf(db: Db, version: number): Promise<Question[]> {
  const row = await repo.findQuestionnaire(db, version)
  return row ? toQuestionnaire(row).questions : []
}

function toQuestionnaire(row: {
  id: string
  version: number
  questions: string
  createdAt: string
  createdBy: string
}): Questionnaire {
  return { ...row, questions: QuestionSchema.array().parse(JSON.parse(row.questions)) }
}

// ---- reading

/** The policy's view of a collaboration. */
async function resourceOf(db: Db, row: CollaborationRow): Promise<PolicyResource> {
  const readers = await repo.readersOf(db, row.id)
  return {
    kind: 'collaboration',
    status: row.status,
    memberIds: await repo.listMemberIds(db, row.id),
    readerOfficeIds: readers.officeIds,
    expertTeam: readers.expertTeam,
  }
}

/** The policy's view of a case, for other modules that check access to it; undefined when missing. */
export async function collaborationResource(db: Db, id: string): Promise<PolicyResource | undefined> {
  const row = await repo.findCollaboration(db, id)
  return row && resourceOf(db, row)
}

/**
 * The policy's view of many cases at once (a few queries per 500, not per case), for modules that
 * filter long lists of cases by what the reader may see; missing ids are absent from the map.
 */
export async function collaborationResources(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, PolicyResource>> {
  const resources = new Map<string, PolicyResource>()
  const unique = [...new Set(ids)]
  for (let at = 0; at < unique.length; at += 500) {
    const chunk = unique.slice(at, at + 500)
    const [rows, members, readers] = await Promise.all([
      repo.listStatuses(db, chunk),
      repo.listMemberIdsOf(db, chunk),
      repo.readersOfMany(db, chunk),
    ])
    for (const row of rows) {
      const reader = readers.get(row.id) ?? { officeIds: [], expertTeam: false }
      resources.set(row.id, {
        kind: 'collaboration',
        status: row.status,
        memberIds: members.get(row.id) ?? [],
        readerOfficeIds: reader.officeIds,
        expertTeam: reader.expertTeam,
      })
    }
  }
  return resources
}

async function loadAuthorized(ctx: Ctx, id: string, action: 'collaboration.read' | 'collaboration.edit') {
  const actor = ctx.actor
  authorize(actor, action)
  const row = await repo.findCollaboration(ctx.db, id)
  // A case one may not see answers exactly like a missing one, so ids cannot be probed.
  if (!row) throw new AppError('not_found', 'No such collaboration.')
  const resource = await resourceOf(ctx.db, row)
  if (!can(actor, 'collaboration.read', resource)) throw new AppError('not_found', 'No such collaboration.')
  authorize(actor, action, resource)
  return { row, resource, actor }
}

/**
 * One collaboration with its next step and what is still missing for submission.
 * @throws AppError('not_found') when it does not exist or the actor may not see it
 */
export async function getCollaboration(ctx: Ctx, id: string): Promise<Collaboration> {
  const { row, resource, actor } = await loadAuthorized(ctx, id, 'collaboration.read')
  return toCollaboration(ctx.db, row, actor, resource, ctx.now())
}

type ChecklistProvider = (db: Db, sheet: DataSheet, collaborationId: string) => Promise<CaseChecklist[]>
const checklistProviders: ChecklistProvider[] = []

/** Lets the pre-assessment module attach the checklists that apply to a sheet (answered like the questionnaire). */
export function registerChecklistProvider(provider: ChecklistProvider): void {
  checklistProviders.push(provider)
}

async function checklistsFor(db: Db, sheet: DataSheet, collaborationId: string): Promise<CaseChecklist[]> {
  const lists: CaseChecklist[] = []
  for (const provider of checklistProviders) lists.push(...(await provider(db, sheet, collaborationId)))
  return lists
}

type NextStepRefiner = (
  db: Db,
  collaborationId: string,
  status: CollaborationStatus,
  step: NextStep,
) => Promise<NextStep>
const nextStepRefiners: NextStepRefiner[] = []

/**
 * Lets another module describe the current step more precisely (the reviews module knows which
 * offices hold the file and their deadlines).
 */
export function registerNextStepRefiner(refiner: NextStepRefiner): void {
  nextStepRefiners.push(refiner)
}

type SubmissionProblemProvider = (
  db: Db,
  collaborationId: string,
  sheet: DataSheet,
  now: Date,
) => Promise<SubmissionProblem[]>
const submissionProblemProviders: SubmissionProblemProvider[] = []

/**
 * Lets another module add what must be done before the case can be submitted (the training module
 * names missing trainings when the institution makes them a condition of submission). The problems
 * show in the form and the server refuses the submission while any remain.
 */
export function registerSubmissionProblemProvider(provider: SubmissionProblemProvider): void {
  submissionProblemProviders.push(provider)
}

async function providedProblems(
  db: Db,
  id: string,
  sheet: DataSheet,
  now: Date,
): Promise<SubmissionProblem[]> {
  const problems: SubmissionProblem[] = []
  for (const provider of submissionProblemProviders) problems.push(...(await provider(db, id, sheet, now)))
  return problems
}

async function refineNextStep(
  db: Db,
  id: string,
  status: CollaborationStatus,
  step: NextStep,
): Promise<NextStep> {
  let refined = step
  for (const refiner of nextStepRefiners) refined = await refiner(db, id, status, refined)
  return refined
}

async function toCollaboration(
  db: Db,
  row: CollaborationRow,
  actor: Actor,
  resource: PolicyResource,
  now: Date,
): Promise<Collaboration> {
  const sheet = parseSheet(row.sheet)
  const status = parseStatus(row.status)
  const checklists = await checklistsFor(db, sheet, row.id)
  return {
    id: row.id,
    reference: row.reference,
    status,
    sheet,
    questionnaireVersion: row.questionnaireVersion,
    version: row.version,
    decidedVersion: row.decidedVersion,
    followUpOf: row.followUpOf,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    archivedAt: row.archivedAt ?? null,
    decision: row.decision ? JSON.parse(row.decision) : null,
    nextStep: await refineNextStep(db, row.id, status, nextStep(status, row.submittedAt)),
    submissionProblems: isEditable(status)
      ? [
          ...submissionProblems(sheet, [
            ...(await questionsOf(db, row.questionnaireVersion)),
            ...checklists.flatMap((checklist) => checklist.questions),
          ]),
          ...(await providedProblems(db, row.id, sheet, now)),
        ]
      : [],
    checklists,
    canEdit: isEditable(status) && can(actor, 'collaboration.edit', resource),
  }
}

/**
 * Opens a case for reading and records who opened it, so that access to export-controlled
 * descriptions and personal data can be traced.
 * @throws AppError('not_found') when it does not exist or the actor may not see it
 */
export async function openCollaboration(ctx: Ctx, id: string): Promise<Collaboration> {
  const collaboration = await getCollaboration(ctx, id)
  const actor = ctx.actor
  if (actor && actor.via !== 'system') {
    await repo.insertAccess(ctx.db, {
      id: newId(),
      collaborationId: id,
      userId: actor.id,
      userName: actor.username,
      via: actor.via,
      at: ctx.now().toISOString(),
    })
  }
  return collaboration
}

/** Who opened a case, newest first (for the security administration and auditors). */
export async function listCaseAccess(ctx: Ctx, id: string): Promise<CaseAccess[]> {
  authorize(ctx.actor, 'collaboration.access_log')
  await loadAuthorized(ctx, id, 'collaboration.read')
  return (await repo.listAccess(ctx.db, id, 500)).map((row) => ({
    at: row.at,
    userId: row.userId,
    userName: row.userName,
    via: row.via,
  }))
}

/** Collaborations the actor may see: their own, or (for reviewing roles with scope "all") every submitted one. */
export async function listCollaborations(
  ctx: Ctx,
  query: CollaborationQuery,
): Promise<CollaborationSummary[]> {
  authorize(ctx.actor, 'collaboration.list')
  const actor = ctx.actor
  const all = query.scope === 'all' && can(actor, 'collaboration.list_all')
  const rows = await repo.listCollaborations(ctx.db, {
    memberId: actor.id,
    includeSubmitted: all,
    routedTo: await routedToFilter(ctx.db, actor),
    status: query.status,
    search: query.q,
    limit: query.limit,
    offset: query.offset,
  })
  return rows.map(({ row, partners }) => {
    const status = parseStatus(row.status)
    return {
      id: row.id,
      reference: row.reference,
      status,
      title: row.title,
      acronym: row.acronym,
      archivedAt: row.archivedAt ?? null,
      partnerNames: partners.map((partner) => partner.nameEnglish || partner.nameOriginal),
      countries: [...new Set(partners.flatMap((partner) => (partner.country ? [partner.country] : [])))],
      unitId: row.unitId,
      trl: row.trl,
      updatedAt: row.updatedAt,
      submittedAt: row.submittedAt,
      nextStep: nextStep(status, row.submittedAt),
    }
  })
}

/** One case of the register export: the current sheet with its lifecycle dates and decision. */
export interface RegisterCase {
  id: string
  reference: string
  status: CollaborationStatus
  sheet: DataSheet
  createdAt: string
  updatedAt: string
  submittedAt: string | null
  decidedAt: string | null
  decision: { outcome: string; reasons: string; conditions: string[]; decidedBy: string } | null
}

/**
 * The register as the actor sees it in "all cases" (with the list page's filters), page by page
 * so that a large register is never held in memory at once. The caller authorizes the export.
 */
export async function* iterateRegister(
  ctx: Ctx,
  filter: { status?: CollaborationStatus; unitId?: string; q?: string },
  pageSize = 500,
): AsyncGenerator<RegisterCase[]> {
  authorize(ctx.actor, 'collaboration.list_all')
  const actor = ctx.actor
  const routedTo = await routedToFilter(ctx.db, actor)
  for (let offset = 0; ; offset += pageSize) {
    const rows = await repo.listCollaborations(ctx.db, {
      memberId: actor.id,
      includeSubmitted: true,
      routedTo,
      status: filter.status,
      unitId: filter.unitId,
      search: filter.q,
      limit: pageSize,
      offset,
    })
    if (rows.length === 0) return
    yield rows.map(({ row }) => ({
      id: row.id,
      reference: row.reference,
      status: parseStatus(row.status),
      sheet: parseSheet(row.sheet),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      submittedAt: row.submittedAt,
      decidedAt: row.decidedAt,
      decision: row.decision ? JSON.parse(row.decision) : null,
    }))
    if (rows.length < pageSize) return
  }
}

/**
 * Which routed cases an actor sees in "all cases": everything for admins, decision-makers and
 * auditors (undefined), otherwise the cases routed to their offices (all for research security)
 * or, for experts, those the expert team was asked about.
 */
async function routedToFilter(db: Db, actor: Actor): Promise<string[] | undefined> {
  if (['admin', 'decision_maker', 'auditor'].some((role) => actor.roles.some((grant) => grant.role === role)))
    return undefined
  const offices = await db.selectFrom('offices').select(['id', 'key']).execute()
  const mine = offices.filter((office) =>
    actor.roles.some((grant) => grant.role === 'office_reviewer' && grant.officeId === office.id),
  )
  if (mine.some((office) => office.key === 'research_security')) return undefined
  const keys = mine.map((office) => office.key)
  if (actor.roles.some((grant) => grant.role === 'expert')) keys.push('expert_team')
  return keys
}

// ---- the researcher's side

/**
 * Starts a draft. The author becomes a member; without named principal investigators the author is one.
 * @throws AppError('validation') for unknown units, users or research areas
 */
export async function createCollaboration(ctx: Ctx, input: CreateCollaboration): Promise<Collaboration> {
  authorize(ctx.actor, 'collaboration.create')
  const actor = ctx.actor
  const { sheet: given } = CreateCollaborationSchema.parse(input)
  const sheet: DataSheet =
    given.principalInvestigators.length > 0
      ? given
      : { ...given, principalInvestigators: [{ userId: actor.id, name: actor.displayName }] }
  const questionnaire = await currentQuestionnaire(ctx)
  const id = await ctx.db.transaction().execute(async (trx) => {
    await checkReferences(trx, sheet)
    const id = await insertNew(trx, ctx, sheet, questionnaire.version, null)
    return id
  })
  return getCollaboration(ctx, id)
}

async function insertNew(
  trx: Db,
  ctx: Ctx,
  sheet: DataSheet,
  questionnaireVersion: number,
  followUpOf: string | null,
) {
  const actorId = ctx.actor?.id ?? ''
  const now = ctx.now()
  const year = now.getUTCFullYear()
  const number = await repo.nextCounter(trx, `collaboration.${year}`)
  const id = newId()
  const row = {
    id,
    reference: `${ctx.config.institution.referencePrefix}-${year}-${String(number).padStart(4, '0')}`,
    status: 'draft',
    title: sheet.title,
    acronym: sheet.acronym,
    unitId: sheet.unitId,
    trl: sheet.trl,
    sheet: JSON.stringify(sheet),
    questionnaireVersion,
    version: 0,
    decidedVersion: null,
    statusBeforeAmendment: null,
    followUpOf,
    createdBy: actorId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    submittedAt: null,
    decidedAt: null,
    decision: null,
  }
  await repo.insertCollaboration(trx, row)
  await repo.replaceMembers(trx, id, actorId, sheet)
  await repo.replacePartners(trx, id, sheet)
  await requestPartnerScreening(trx, ctx, id, 'draft_saved')
  await recordAudit(trx, ctx, {
    action: followUpOf ? 'collaboration.follow_up_created' : 'collaboration.created',
    entityType: 'collaboration',
    entityId: id,
    after: { reference: row.reference, sheet, followUpOf },
  })
  return id
}

/**
 * Saves the draft sheet (autosave). A save based on an older state than the stored one is refused,
 * so two authors never silently overwrite each other.
 * @throws AppError('conflict') when stale or not editable, AppError('validation') for bad references
 */
export async function saveDraft(ctx: Ctx, id: string, input: SaveDraft): Promise<Collaboration> {
  const data = SaveDraftSchema.parse(input)
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.edit')
    if (!isEditable(parseStatus(row.status))) {
      throw new AppError('conflict', 'Only a draft (or an amendment in preparation) can be edited.')
    }
    if (row.updatedAt !== data.baseUpdatedAt) {
      throw new AppError(
        'conflict',
        'Someone else saved this draft in the meantime. Reload to see their changes.',
        {
          fields: [{ field: 'baseUpdatedAt', message: `The stored state is from ${row.updatedAt}` }],
        },
      )
    }
    await checkReferences(trx, data.sheet)
    const before = parseSheet(row.sheet)
    const changes = diffSheets(before, data.sheet)
    if (changes.length === 0) return
    // Saves of an open draft may be frequent; the trail keeps the fields that changed, not whole copies.
    await repo.updateCollaboration(trx, id, {
      sheet: JSON.stringify(data.sheet),
      title: data.sheet.title,
      acronym: data.sheet.acronym,
      unitId: data.sheet.unitId,
      trl: data.sheet.trl,
      updatedAt: laterThan(ctx.now(), row.updatedAt),
    })
    await repo.replaceMembers(trx, id, row.createdBy, data.sheet)
    await repo.replacePartners(trx, id, data.sheet)
    await requestPartnerScreening(trx, ctx, id, 'draft_saved')
    await recordAudit(trx, ctx, {
      action: 'collaboration.draft_saved',
      entityType: 'collaboration',
      entityId: id,
      before: Object.fromEntries(changes.map((change) => [change.field, change.before])),
      after: Object.fromEntries(changes.map((change) => [change.field, change.after])),
    })
  })
  return getCollaboration(ctx, id)
}

/**
 * Submits the case (or an amendment): every rule of the data sheet and questionnaire must hold.
 * Stores the sheet as a new version.
 * @throws AppError('validation') listing each missing field, AppError('conflict') in the wrong status
 */
export async function submitCollaboration(ctx: Ctx, id: string): Promise<Collaboration> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.edit')
    const status = parseStatus(row.status)
    requireTransition(status, 'submitted')
    const sheet = parseSheet(row.sheet)
    // A draft answers the current questionnaire; an older version only stays valid for amendments.
    const questionnaire = status === 'draft' ? await currentQuestionnaire({ ...ctx, db: trx }) : null
    const questionnaireVersion = questionnaire?.version ?? row.questionnaireVersion
    const checklistQuestions = (await checklistsFor(trx, sheet, id)).flatMap(
      (checklist) => checklist.questions,
    )
    const problems = [
      ...submissionProblems(sheet, [
        ...(questionnaire?.questions ?? (await questionsOf(trx, questionnaireVersion))),
        ...checklistQuestions,
      ]),
      ...(await providedProblems(trx, id, sheet, ctx.now())),
    ]
    if (problems.length > 0) {
      throw new AppError('validation', `${problems.length} item(s) must be completed before submitting.`, {
        fields: problems,
      })
    }
    const now = ctx.now().toISOString()
    const version = row.version + 1
    const kind = status === 'amendment_draft' ? 'amendment' : 'submission'
    await repo.insertVersion(trx, {
      collaborationId: id,
      version,
      kind,
      sheet: row.sheet,
      questionnaireVersion,
      createdAt: now,
      createdBy: ctx.actor?.id ?? '',
    })
    await repo.updateCollaboration(trx, id, {
      status: 'submitted',
      version,
      questionnaireVersion,
      submittedAt: now,
      updatedAt: laterThan(ctx.now(), row.updatedAt),
    })
    await requestPartnerScreening(trx, ctx, id, 'submitted')
    await recordAudit(trx, ctx, {
      action: kind === 'amendment' ? 'collaboration.amendment_submitted' : 'collaboration.submitted',
      entityType: 'collaboration',
      entityId: id,
      before: { status },
      after: { status: 'submitted', version },
    })
    await emitDomainEvent(trx, ctx, 'collaboration.transitioned', {
      collaborationId: id,
      from: status,
      to: 'submitted',
      details: { version, kind },
    })
  })
  return getCollaboration(ctx, id)
}

/**
 * Withdraws the case before a decision; an amendment in preparation is withdrawn with
 * `withdrawAmendment` instead.
 * @throws AppError('conflict') after a decision
 */
export async function withdrawCollaboration(ctx: Ctx, id: string, reason: string): Promise<Collaboration> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.edit')
    const status = parseStatus(row.status)
    if (!isWithdrawable(status))
      throw new AppError('conflict', 'A case can be withdrawn only before the decision.')
    await transition(trx, ctx, row, 'withdrawn', { reason })
  })
  return getCollaboration(ctx, id)
}

/**
 * Opens an amendment of a decided case: the sheet becomes editable again; reviewers will see the
 * changes against the decided version.
 * @throws AppError('conflict') when the case is not decided (or declined)
 */
export async function startAmendment(ctx: Ctx, id: string): Promise<Collaboration> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.edit')
    await transition(trx, ctx, row, 'amendment_draft', {}, { statusBeforeAmendment: row.status })
  })
  return getCollaboration(ctx, id)
}

/**
 * Drops an amendment in preparation: the decided sheet and status come back.
 * @throws AppError('conflict') when no amendment is in preparation
 */
export async function withdrawAmendment(ctx: Ctx, id: string): Promise<Collaboration> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.edit')
    const previous = CollaborationStatusSchema.safeParse(row.statusBeforeAmendment)
    if (row.status !== 'amendment_draft' || !previous.success || row.decidedVersion === null) {
      throw new AppError('conflict', 'There is no amendment in preparation.')
    }
    const decided = await repo.findVersion(trx, id, row.decidedVersion)
    if (!decided) throw new AppError('internal', 'The decided version is missing.')
    await transition(
      trx,
      ctx,
      row,
      previous.data,
      { amendment: 'withdrawn' },
      {
        sheet: decided.sheet,
        statusBeforeAmendment: null,
      },
    )
    await repo.replaceMembers(trx, id, row.createdBy, parseSheet(decided.sheet))
    await repo.replacePartners(trx, id, parseSheet(decided.sheet))
  })
  return getCollaboration(ctx, id)
}

/** Starts the work of an approved collaboration (agreement signed, conditions in place). */
export async function activateCollaboration(ctx: Ctx, id: string): Promise<Collaboration> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.edit')
    await transition(trx, ctx, row, 'active', {})
  })
  return getCollaboration(ctx, id)
}

/** Records that a collaboration has ended. */
export async function endCollaboration(ctx: Ctx, id: string, reason: string): Promise<Collaboration> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.edit')
    await transition(trx, ctx, row, 'ended', { reason })
  })
  return getCollaboration(ctx, id)
}

/** Starts a follow-up case: a new draft that copies the sheet of this one. */
export async function createFollowUp(ctx: Ctx, id: string): Promise<Collaboration> {
  const { row } = await loadAuthorized(ctx, id, 'collaboration.read')
  authorize(ctx.actor, 'collaboration.create')
  const questionnaire = await currentQuestionnaire(ctx)
  const sheet = parseSheet(row.sheet)
  const newId = await ctx.db
    .transaction()
    .execute((trx) => insertNew(trx, ctx, { ...sheet, answers: {} }, questionnaire.version, row.id))
  return getCollaboration(ctx, newId)
}

// ---- the offices' side (the reviews module builds the full process on these)

/** Takes a submitted case into review once the intake check is done. */
export async function startReview(ctx: Ctx, id: string): Promise<Collaboration> {
  authorize(ctx.actor, 'collaboration.start_review')
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.read')
    await transition(trx, ctx, row, 'in_review', {})
  })
  return getCollaboration(ctx, id)
}

/**
 * Records the decision on a case in review, with reasons and conditions.
 * @throws AppError('conflict') when the case is not in review
 */
export async function decideCollaboration(ctx: Ctx, id: string, input: Decide): Promise<Collaboration> {
  authorize(ctx.actor, 'collaboration.decide')
  const data = DecideSchema.parse(input)
  if (data.outcome === 'approved_with_conditions' && data.conditions.length === 0) {
    throw new AppError('validation', 'Name at least one condition.', {
      fields: [{ field: 'conditions', message: 'Required' }],
    })
  }
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await loadAuthorized({ ...ctx, db: trx }, id, 'collaboration.read')
    const decision = { ...data, decidedBy: ctx.actor?.displayName ?? '' }
    await transition(trx, ctx, row, data.outcome, decision, {
      decision: JSON.stringify(decision),
      decidedAt: ctx.now().toISOString(),
      decidedVersion: row.version,
    })
  })
  return getCollaboration(ctx, id)
}

// ---- history and versions

/** The case's history from the audit trail, newest first. */
export async function getHistory(ctx: Ctx, id: string): Promise<HistoryEntry[]> {
  const { actor } = await loadAuthorized(ctx, id, 'collaboration.read')
  // Internal notes of the reviewers stay internal, also in the history.
  const reviewer = isReviewer(actor)
  const rows = await repo.listHistory(ctx.db, id)
  return rows
    .filter((row) => reviewer || row.action !== 'discussion.internal_note')
    .map((row) => ({
      at: row.at,
      actorName: row.actorName,
      action: row.action,
      details: row.after === null ? null : JSON.parse(row.after),
    }))
}

/** Every stored version of the sheet. */
export async function listVersions(ctx: Ctx, id: string): Promise<CollaborationVersion[]> {
  await loadAuthorized(ctx, id, 'collaboration.read')
  return (await repo.listVersions(ctx.db, id)).map((row) => ({
    version: row.version,
    kind: row.kind === 'amendment' ? 'amendment' : 'submission',
    sheet: parseSheet(row.sheet),
    questionnaireVersion: row.questionnaireVersion,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  }))
}

/**
 * The field-by-field changes of the current sheet (or version `to`) against the decided version
 * (or version `from`).
 * @throws AppError('not_found') for an unknown version
 */
export async function diffVersions(ctx: Ctx, id: string, from?: number, to?: number): Promise<FieldChange[]> {
  const { row } = await loadAuthorized(ctx, id, 'collaboration.read')
  const base = from ?? row.decidedVersion ?? row.version
  const left = await repo.findVersion(ctx.db, id, base)
  if (!left) throw new AppError('not_found', `No version ${base}.`)
  const right = to === undefined ? { sheet: row.sheet } : await repo.findVersion(ctx.db, id, to)
  if (!right) throw new AppError('not_found', `No version ${to}.`)
  return diffSheets(parseSheet(left.sheet), parseSheet(right.sheet))
}

// ---- helpers

function requireTransition(from: CollaborationStatus, to: CollaborationStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('conflict', `A case in status "${from}" cannot move to "${to}".`)
  }
}

async function transition(
  trx: Db,
  ctx: Ctx,
  row: CollaborationRow,
  to: CollaborationStatus,
  details: Record<string, unknown>,
  extra: Partial<CollaborationRow> = {},
): Promise<void> {
  const from = parseStatus(row.status)
  requireTransition(from, to)
  await emitDomainEvent(trx, ctx, 'collaboration.transitioning', { collaborationId: row.id, from, to })
  await repo.updateCollaboration(trx, row.id, {
    ...extra,
    status: to,
    updatedAt: laterThan(ctx.now(), row.updatedAt),
  })
  await recordAudit(trx, ctx, {
    action: `collaboration.${to}`,
    entityType: 'collaboration',
    entityId: row.id,
    before: { status: from },
    after: { status: to, ...details },
  })
  await emitDomainEvent(trx, ctx, 'collaboration.transitioned', {
    collaborationId: row.id,
    from,
    to,
    details,
  })
}

/** Checks that units, users and research areas named in the sheet exist. */
async function checkReferences(db: Db, sheet: DataSheet): Promise<void> {
  const fields: { field: string; message: string }[] = []
  if (sheet.unitId) {
    const unit = await db.selectFrom('units').select('id').where('id', '=', sheet.unitId).executeTakeFirst()
    if (!unit) fields.push({ field: 'unitId', message: 'Unknown unit' })
  }
  const people = [
    ...sheet.principalInvestigators.map((person, index) => ({
      person,
      field: `principalInvestigators.${index}.userId`,
    })),
    ...sheet.members.map((person, index) => ({ person, field: `members.${index}.userId` })),
  ]
  for (const { person, field } of people) {
    if (person.userId && !(await findUser(db, person.userId))) fields.push({ field, message: 'Unknown user' })
  }
  sheet.researchAreas.forEach((code, index) => {
    if (!isSubjectArea(code))
      fields.push({ field: `researchAreas.${index}`, message: `Unknown DFG subject area ${code}` })
  })
  const partnerIds = sheet.partners.map((partner) => partner.id)
  if (new Set(partnerIds).size !== partnerIds.length)
    fields.push({ field: 'partners', message: 'Partner ids must be unique' })
  if (fields.length > 0)
    throw new AppError('validation', 'The data sheet refers to things that do not exist.', { fields })
}

function parseSheet(text: string): DataSheet {
  return DataSheetSchema.parse(JSON.parse(text))
}

function parseStatus(value: string): CollaborationStatus {
  return CollaborationStatusSchema.parse(value)
}

/**
 * A timestamp strictly later than the previous one: the optimistic-lock check compares
 * `updatedAt`, so two saves within one millisecond must still differ.
 */
function laterThan(now: Date, previous: string): string {
  const previousTime = new Date(previous).getTime()
  return new Date(Math.max(now.getTime(), previousTime + 1)).toISOString()
}

// ---- attachments

/** The files attached to a case. */
export async function listAttachments(ctx: Ctx, id: string): Promise<Attachment[]> {
  await loadAuthorized(ctx, id, 'collaboration.read')
  return (await repo.listAttachments(ctx.db, id)).map(toAttachment)
}

/**
 * Attaches a file (draft agreement, partner description…) after checking its name, size and content.
 * @throws AppError('validation') naming the problem, AppError('payload_too_large') above the limit
 */
export async function addAttachment(
  ctx: Ctx,
  id: string,
  file: { name: string; bytes: Uint8Array; description: string },
): Promise<Attachment> {
  const { row } = await loadAuthorized(ctx, id, 'collaboration.edit')
  if (['declined', 'ended', 'withdrawn'].includes(row.status)) {
    throw new AppError('conflict', 'Files can no longer be attached to a closed case.')
  }
  const check = checkUpload(file.name, file.bytes, ctx.config.files.maxAttachmentBytes)
  if (!check.ok) {
    const code = check.message.startsWith('The file is larger') ? 'payload_too_large' : 'validation'
    throw new AppError(code, check.message, { fields: [{ field: check.field, message: check.message }] })
  }
  const stored = await ctx.storage.put(file.bytes)
  const attachment = {
    id: newId(),
    collaborationId: id,
    fileName: file.name,
    contentType: check.contentType,
    size: file.bytes.length,
    sha256: stored.sha256,
    storageKey: stored.key,
    description: file.description,
    uploadedBy: ctx.actor?.displayName ?? '',
    createdAt: ctx.now().toISOString(),
    removedAt: null,
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertAttachment(trx, attachment)
    await recordAudit(trx, ctx, {
      action: 'collaboration.attachment_added',
      entityType: 'collaboration',
      entityId: id,
      after: {
        attachmentId: attachment.id,
        fileName: file.name,
        size: attachment.size,
        sha256: stored.sha256,
      },
    })
  })
  return toAttachment(attachment)
}

/**
 * The bytes of an attachment, for download.
 * @throws AppError('not_found')
 */
export async function readAttachment(
  ctx: Ctx,
  id: string,
  attachmentId: string,
): Promise<{ attachment: Attachment; bytes: Buffer }> {
  await loadAuthorized(ctx, id, 'collaboration.read')
  const row = await repo.findAttachment(ctx.db, attachmentId)
  if (!row || row.collaborationId !== id) throw new AppError('not_found', 'No such file.')
  return { attachment: toAttachment(row), bytes: await ctx.storage.get(row.storageKey) }
}

/**
 * Removes an attachment from the case; the file itself is kept, so nothing is lost.
 * @throws AppError('not_found')
 */
export async function removeAttachment(ctx: Ctx, id: string, attachmentId: string): Promise<void> {
  await loadAuthorized(ctx, id, 'collaboration.edit')
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findAttachment(trx, attachmentId)
    if (!row || row.collaborationId !== id) throw new AppError('not_found', 'No such file.')
    await repo.markAttachmentRemoved(trx, attachmentId, ctx.now().toISOString())
    await recordAudit(trx, ctx, {
      action: 'collaboration.attachment_removed',
      entityType: 'collaboration',
      entityId: id,
      before: { attachmentId, fileName: row.fileName, sha256: row.sha256 },
    })
  })
}

function toAttachment(row: {
  id: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  description: string
  uploadedBy: string
  createdAt: string
}): Attachment {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    description: row.description,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt,
  }
}

// ---- for other modules (no permission check: callers authorize)

/** What other modules need to know about a case. */
export interface CaseSnapshot {
  id: string
  reference: string
  title: string
  status: CollaborationStatus
  sheet: DataSheet
  version: number
  decidedVersion: number | null
  memberIds: string[]
  decision: { outcome: string; reasons: string; conditions: string[]; decidedBy: string } | null
  submittedAt: string | null
}

/** A case's current state for another module's logic, or undefined. */
export async function loadCaseSnapshot(db: Db, id: string): Promise<CaseSnapshot | undefined> {
  const row = await repo.findCollaboration(db, id)
  if (!row) return undefined
  return toSnapshot(row, await repo.listMemberIds(db, id))
}

/**
 * Every case in the given statuses as a snapshot, read a page at a time (two queries per page,
 * not per case), so that work over all running cases stays quick at tens of thousands of them.
 */
export async function* caseSnapshotsInStatus(
  db: Db,
  statuses: readonly CollaborationStatus[],
  pageSize = 500,
): AsyncGenerator<CaseSnapshot> {
  let afterId = ''
  for (;;) {
    const rows = await repo.listInStatusPage(db, statuses, afterId, pageSize)
    if (rows.length === 0) return
    const members = await repo.listMemberIdsOf(
      db,
      rows.map((row) => row.id),
    )
    for (const row of rows) yield toSnapshot(row, members.get(row.id) ?? [])
    if (rows.length < pageSize) return
    afterId = (rows.at(-1) as { id: string }).id
  }
}

function toSnapshot(
  row: NonNullable<Awaited<ReturnType<typeof repo.findCollaboration>>>,
  memberIds: string[],
): CaseSnapshot {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: parseStatus(row.status),
    sheet: parseSheet(row.sheet),
    version: row.version,
    decidedVersion: row.decidedVersion,
    memberIds,
    decision: row.decision ? JSON.parse(row.decision) : null,
    submittedAt: row.submittedAt,
  }
}

/** The sheet of a stored version, or undefined. */
export async function loadVersionSheet(db: Db, id: string, version: number): Promise<DataSheet | undefined> {
  const row = await repo.findVersion(db, id, version)
  return row ? parseSheet(row.sheet) : undefined
}
