import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { onDomainEvent } from '../../platform/events.js'
import { addWorkingDays } from '../../shared/dates.js'
import { newId } from '../../shared/ids.js'
import {
  type Actor,
  authorize,
  can,
  hasRole,
  isReviewer,
  type PolicyResource,
  reviewingRoles,
} from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import {
  type CaseSnapshot,
  collaborationResource,
  diffSheets,
  loadCaseSnapshot,
  loadVersionSheet,
  registerNextStepRefiner,
} from '../collaborations/index.js'
import { notify } from '../notifications/index.js'
import { defaultProcess } from './process.defaults.js'
import * as repo from './review.repo.js'
import { caseFacts, concernedOffices, type ExternalFacts, routeCase } from './review.routing.js'
import {
  type CaseReview,
  type CompleteReview,
  CompleteReviewSchema,
  type FunderNotice,
  type Message,
  type NewMessage,
  NewMessageSchema,
  type Obligation,
  type ProcessConfig,
  type ProcessConfigInput,
  ProcessConfigSchema,
  type ProcessVersion,
  type QueueItem,
  RecommendationSchema,
  ReviewStatusSchema,
} from './review.schema.js'

// ---- external facts (pre-assessment, screening) plug in here

type FactProvider = (db: Db, collaborationId: string) => Promise<ExternalFacts>
const factProviders: FactProvider[] = []

/** Lets another module contribute facts (e.g. "control-list candidate found") to the routing. */
export function registerFactProvider(provider: FactProvider): void {
  factProviders.push(provider)
}

async function externalFacts(db: Db, collaborationId: string): Promise<ExternalFacts> {
  const facts: ExternalFacts = {}
  for (const provider of factProviders) {
    const result = await provider(db, collaborationId)
    facts.controlListCandidate ||= result.controlListCandidate
    facts.riskElevatedOrHigh ||= result.riskElevatedOrHigh
    facts.screeningHit ||= result.screeningHit
  }
  return facts
}

// While a case is in review, the offices with open reviews hold the file; once every office has
// given its advice, the decision-makers do.
registerNextStepRefiner(async (db, collaborationId, status, step) => {
  if (status !== 'in_review') return step
  const reviews = await repo.listReviewsOfCase(db, collaborationId)
  const round = Math.max(0, ...reviews.map((review) => review.round))
  const current = reviews.filter((review) => review.round === round && review.status !== 'cancelled')
  const open = current.filter(
    (review) => review.status === 'open' || review.status === 'waiting_for_information',
  )
  const who = (participant: string) =>
    participant === 'expert_team'
      ? { kind: 'role' as const, key: 'expert_team' }
      : { kind: 'office' as const, key: participant }
  const responsibilities = [
    ...current.map((review) => ({
      who: who(review.participant),
      does: review.does === 'assesses' ? ('assesses' as const) : ('advises' as const),
    })),
    { who: { kind: 'role' as const, key: 'decision_maker' }, does: 'decides' as const },
  ]
  if (open.length === 0) {
    return {
      step: 'decision',
      holder: { kind: 'role', key: 'decision_maker' },
      responsibilities,
      askedOfResearcher: null,
      dueAt: null,
    }
  }
  const waiting = open.some((review) => review.status === 'waiting_for_information')
  const first = open[0]
  return {
    step: 'office_reviews',
    holder: open.length === 1 && first ? who(first.participant) : { kind: 'role', key: 'offices' },
    responsibilities,
    askedOfResearcher: waiting ? 'answer_questions' : null,
    dueAt: open.map((review) => review.dueAt).sort()[0] ?? null,
  }
})

// ---- the process configuration

/** The current process (the first call on a new installation stores the default version 1). */
export async function getProcess(ctx: Ctx): Promise<ProcessVersion> {
  authorize(ctx.actor, 'process.read')
  return currentProcess(ctx.db, ctx)
}

/** The current process without a permission check: the public, partner-facing page shows it. */
export async function getPublicProcess(ctx: Ctx): Promise<ProcessVersion> {
  return currentProcess(ctx.db, ctx)
}

async function currentProcess(db: Db, ctx: Ctx): Promise<ProcessVersion> {
  const row = await repo.findCurrentProcess(db)
  if (row) return toProcessVersion(row)
  const first = {
    id: newId(),
    version: 1,
    config: JSON.stringify(ProcessConfigSchema.parse(defaultProcess)),
    createdAt: ctx.now().toISOString(),
    createdBy: 'system',
  }
  await repo.insertProcess(db, first)
  return toProcessVersion(first)
}

/**
 * Publishes a new version of the process; cases already in review keep the version they started with.
 * @throws AppError('validation') when the configuration is invalid
 */
export async function publishProcess(ctx: Ctx, input: ProcessConfigInput): Promise<ProcessVersion> {
  authorize(ctx.actor, 'process.publish')
  const config = ProcessConfigSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => {
    const current = await currentProcess(trx, ctx)
    const row = {
      id: newId(),
      version: current.version + 1,
      config: JSON.stringify(config),
      createdAt: ctx.now().toISOString(),
      createdBy: ctx.actor?.username ?? 'system',
    }
    await repo.insertProcess(trx, row)
    await recordAudit(trx, ctx, {
      action: 'process.published',
      entityType: 'process',
      entityId: row.id,
      before: { version: current.version, config: current.config },
      after: { version: row.version, config },
    })
    return toProcessVersion(row)
  })
}

function toProcessVersion(row: {
  version: number
  config: string
  createdAt: string
  createdBy: string
}): ProcessVersion {
  return {
    version: row.version,
    config: ProcessConfigSchema.parse(JSON.parse(row.config)),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  }
}

// ---- reacting to the case's lifecycle

const decisions = new Set(['approved', 'approved_with_conditions', 'declined'])

onDomainEvent('collaboration.transitioning', async (trx, _ctx, event) => {
  if (!decisions.has(event.to)) return
  const reviews = await repo.listReviewsOfCase(trx, event.collaborationId)
  const round = Math.max(0, ...reviews.map((review) => review.round))
  const open = reviews.filter(
    (review) =>
      review.round === round && (review.status === 'open' || review.status === 'waiting_for_information'),
  )
  if (open.length > 0) {
    throw new AppError(
      'conflict',
      `${open.length} review(s) are still open (${open.map((review) => review.participant).join(', ')}); decide once every office has given its advice.`,
    )
  }
})

onDomainEvent('collaboration.transitioned', async (trx, ctx, event) => {
  const snapshot = await loadCaseSnapshot(trx, event.collaborationId)
  if (!snapshot) return
  if (event.to === 'submitted') {
    const directory = await repo.officeDirectory(trx)
    const intakeOffice = directory.get('research_security')
    const reviewers = intakeOffice ? await repo.usersWithRole(trx, 'office_reviewer', [intakeOffice.id]) : []
    await notify(trx, ctx, {
      userIds: reviewers,
      kind: 'assignment',
      subject: {
        de: `Neuer Fall zur Eingangsprüfung: ${snapshot.reference}`,
        en: `New case for the intake check: ${snapshot.reference}`,
      },
      body: { de: snapshot.title, en: snapshot.title },
      link: `/collaborations/${snapshot.id}`,
      entity: { type: 'collaboration', id: snapshot.id },
    })
  } else if (event.to === 'in_review') {
    await openReviewRound(trx, ctx, snapshot)
  } else if (event.to === 'withdrawn') {
    await repo.cancelOpenReviews(trx, snapshot.id)
  } else if (decisions.has(event.to)) {
    await recordDecisionConsequences(trx, ctx, snapshot, event.to, event.details)
  }
})

/** Routes the case to the offices concerned and opens their reviews, each with its own deadline. */
async function openReviewRound(trx: Db, ctx: Ctx, snapshot: CaseSnapshot): Promise<void> {
  const process = await currentProcess(trx, ctx)
  const config = process.config
  const previous = await repo.listReviewsOfCase(trx, snapshot.id)
  const round = Math.max(0, ...previous.map((review) => review.round)) + 1
  const facts = caseFacts(snapshot.sheet, await externalFacts(trx, snapshot.id))
  let routed = routeCase(config, facts)
  if (round > 1 && snapshot.decidedVersion !== null) {
    const decided = await loadVersionSheet(trx, snapshot.id, snapshot.decidedVersion)
    const changes = decided ? diffSheets(decided, snapshot.sheet) : []
    routed = concernedOffices(config, routed, new Set(previous.map((review) => review.participant)), changes)
  }
  const now = ctx.now()
  const rows = routed.map((entry) => ({
    id: newId(),
    collaborationId: snapshot.id,
    round,
    processVersion: process.version,
    participant: entry.participant,
    does: entry.does,
    reasons: JSON.stringify(entry.reasons),
    status: 'open',
    dueAt: addWorkingDays(
      now,
      config.offices[entry.participant as keyof ProcessConfig['offices']]?.reviewDays ?? 5,
    ).toISOString(),
    pausedSince: null,
    remainingWorkingDays: null,
    findings: '',
    recommendation: null,
    conditions: '[]',
    completedAt: null,
    completedBy: null,
    remindedAt: null,
    escalatedAt: null,
    createdAt: now.toISOString(),
  }))
  await repo.insertReviews(trx, rows)
  await recordAudit(trx, ctx, {
    action: 'review.round_opened',
    entityType: 'collaboration',
    entityId: snapshot.id,
    after: {
      round,
      processVersion: process.version,
      offices: routed.map((entry) => ({ office: entry.participant, reasons: entry.reasons })),
    },
  })
  const directory = await repo.officeDirectory(trx)
  for (const entry of routed) {
    const office = directory.get(entry.participant)
    if (!office) continue
    await notify(trx, ctx, {
      userIds: await repo.usersWithRole(trx, 'office_reviewer', [office.id]),
      kind: 'assignment',
      subject: {
        de: `Prüfung für ${office.nameDe}: ${snapshot.reference}`,
        en: `Review for ${office.nameEn}: ${snapshot.reference}`,
      },
      body: {
        de: `${snapshot.title}\nGrund: ${entry.reasons.map((reason) => reason.explanationDe).join(' ')}`,
        en: `${snapshot.title}\nWhy: ${entry.reasons.map((reason) => reason.explanationEn).join(' ')}`,
      },
      link: `/collaborations/${snapshot.id}`,
      entity: { type: 'collaboration', id: snapshot.id },
    })
  }
}

async function recordDecisionConsequences(
  trx: Db,
  ctx: Ctx,
  snapshot: CaseSnapshot,
  outcome: string,
  details: Record<string, unknown>,
): Promise<void> {
  const conditions = Array.isArray(details.conditions)
    ? details.conditions.filter((item): item is string => typeof item === 'string')
    : []
  const now = ctx.now().toISOString()
  await repo.insertObligations(
    trx,
    conditions.map((text) => ({
      id: newId(),
      collaborationId: snapshot.id,
      text,
      dueAt: null,
      confirmerOffice: 'research_security',
      status: 'open',
      fulfilledAt: null,
      fulfilledBy: null,
      note: '',
      createdAt: now,
    })),
  )
  const words: Record<string, { de: string; en: string }> = {
    approved: { de: 'genehmigt', en: 'approved' },
    approved_with_conditions: { de: 'mit Auflagen genehmigt', en: 'approved with conditions' },
    declined: { de: 'abgelehnt', en: 'declined' },
  }
  const word = words[outcome] ?? { de: outcome, en: outcome }
  await notify(trx, ctx, {
    userIds: snapshot.memberIds,
    kind: 'decision',
    subject: { de: `${snapshot.reference} wurde ${word.de}`, en: `${snapshot.reference} was ${word.en}` },
    body: { de: String(details.reasons ?? ''), en: String(details.reasons ?? '') },
    link: `/collaborations/${snapshot.id}`,
    entity: { type: 'collaboration', id: snapshot.id },
  })
}

// ---- reading

async function requireReadableCase(
  ctx: Ctx,
  collaborationId: string,
): Promise<{ snapshot: CaseSnapshot; actor: Actor }> {
  const actor = ctx.actor
  authorize(actor, 'collaboration.read')
  const snapshot = await loadCaseSnapshot(ctx.db, collaborationId)
  const resource = await collaborationResource(ctx.db, collaborationId)
  if (!snapshot || !resource || !can(actor, 'collaboration.read', resource))
    throw new AppError('not_found', 'No such collaboration.')
  return { snapshot, actor }
}

/** Every office's review of a case, requests for information, obligations and funder notices. */
export async function getCaseReview(ctx: Ctx, collaborationId: string): Promise<CaseReview> {
  const { snapshot } = await requireReadableCase(ctx, collaborationId)
  const rows = await repo.listReviewsOfCase(ctx.db, collaborationId)
  const requests = await repo.listRequests(
    ctx.db,
    rows.map((row) => row.id),
  )
  const now = ctx.now().toISOString()
  const round = Math.max(0, ...rows.map((row) => row.round))
  const current = rows.filter((row) => row.round === round && row.status !== 'cancelled')
  return {
    collaborationId,
    processVersion: rows[0]?.processVersion ?? null,
    round,
    reviews: rows.map((row) => ({
      id: row.id,
      collaborationId: row.collaborationId,
      round: row.round,
      participant: row.participant,
      does: row.does === 'assesses' ? 'assesses' : 'advises',
      reasons: JSON.parse(row.reasons),
      status: ReviewStatusSchema.parse(row.status),
      dueAt: row.dueAt,
      isOverdue: row.status === 'open' && row.dueAt < now,
      findings: row.findings,
      recommendation: row.recommendation ? RecommendationSchema.parse(row.recommendation) : null,
      conditions: JSON.parse(row.conditions),
      completedAt: row.completedAt,
      completedBy: row.completedBy,
      createdAt: row.createdAt,
      requests: requests
        .filter((request) => request.reviewId === row.id)
        .map((request) => ({
          id: request.id,
          question: request.question,
          askedBy: request.askedBy,
          askedAt: request.askedAt,
          answer: request.answer,
          answeredBy: request.answeredBy,
          answeredAt: request.answeredAt,
        })),
    })),
    readyForDecision: snapshot.status === 'in_review' && current.every((row) => row.status === 'completed'),
    obligations: (await repo.listObligations(ctx.db, collaborationId)).map(toObligation),
    funderNotices: (await repo.listFunderNotices(ctx.db, collaborationId)).map(toFunderNotice),
  }
}

function toObligation(row: Awaited<ReturnType<typeof repo.listObligations>>[number]): Obligation {
  return {
    id: row.id,
    text: row.text,
    dueAt: row.dueAt,
    confirmedByOffice: row.confirmerOffice,
    status: row.status === 'fulfilled' ? 'fulfilled' : 'open',
    fulfilledAt: row.fulfilledAt,
    fulfilledBy: row.fulfilledBy,
    note: row.note,
  }
}

function toFunderNotice(row: Awaited<ReturnType<typeof repo.listFunderNotices>>[number]): FunderNotice {
  return {
    id: row.id,
    recipients: row.recipients,
    text: row.text,
    sentAt: row.sentAt,
    recordedBy: row.recordedBy,
  }
}

// ---- an office's work

async function reviewResource(db: Db, participant: string): Promise<PolicyResource> {
  const office = (await repo.officeDirectory(db)).get(participant)
  return { kind: 'office_review', participant, officeId: office?.id ?? null }
}

async function loadReviewFor(ctx: Ctx, reviewId: string, action: 'review.complete' | 'review.ask') {
  authorize(ctx.actor, action)
  const review = await repo.findReview(ctx.db, reviewId)
  if (!review) throw new AppError('not_found', 'No such review.')
  authorize(ctx.actor, action, await reviewResource(ctx.db, review.participant))
  return review
}

/**
 * Records an office's findings, recommendation and conditions; when the last review of the round is
 * in, the decision-makers are told the case is ready.
 * @throws AppError('conflict') when the review is not open (e.g. a request for information is unanswered)
 */
export async function completeReview(ctx: Ctx, reviewId: string, input: CompleteReview): Promise<CaseReview> {
  const data = CompleteReviewSchema.parse(input)
  if (data.recommendation === 'conditions' && data.conditions.length === 0) {
    throw new AppError('validation', 'Name the conditions.', {
      fields: [{ field: 'conditions', message: 'Required with “conditions”' }],
    })
  }
  const review = await loadReviewFor(ctx, reviewId, 'review.complete')
  await ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.findReview(trx, reviewId)
    if (fresh?.status !== 'open') {
      throw new AppError(
        'conflict',
        fresh?.status === 'waiting_for_information'
          ? 'A request for information is still unanswered.'
          : 'This review is not open.',
      )
    }
    const now = ctx.now().toISOString()
    await repo.updateReview(trx, reviewId, {
      status: 'completed',
      findings: data.findings,
      recommendation: data.recommendation,
      conditions: JSON.stringify(data.conditions),
      completedAt: now,
      completedBy: ctx.actor?.displayName ?? '',
    })
    await recordAudit(trx, ctx, {
      action: 'review.completed',
      entityType: 'collaboration',
      entityId: review.collaborationId,
      after: {
        reviewId,
        office: review.participant,
        recommendation: data.recommendation,
        conditions: data.conditions,
        findings: data.findings,
      },
    })
    const round = (await repo.listReviewsOfCase(trx, review.collaborationId)).filter(
      (row) => row.round === review.round,
    )
    if (round.every((row) => row.status === 'completed' || row.status === 'cancelled')) {
      const snapshot = await loadCaseSnapshot(trx, review.collaborationId)
      await notify(trx, ctx, {
        userIds: await repo.usersWithRole(trx, 'decision_maker'),
        kind: 'assignment',
        subject: {
          de: `Bereit zur Entscheidung: ${snapshot?.reference}`,
          en: `Ready for decision: ${snapshot?.reference}`,
        },
        body: { de: snapshot?.title ?? '', en: snapshot?.title ?? '' },
        link: `/collaborations/${review.collaborationId}`,
        entity: { type: 'collaboration', id: review.collaborationId },
      })
    }
  })
  return getCaseReview(ctx, review.collaborationId)
}

/** Working days from one instant to a later one (weekends do not count). */
function workingDaysBetween(from: Date, to: Date): number {
  let days = 0
  while (addWorkingDays(from, days + 1) <= to) days++
  return days
}

/**
 * Asks the researcher for information; the office's clock stands still until the answer.
 * @throws AppError('conflict') when the review is finished
 */
export async function askForInformation(ctx: Ctx, reviewId: string, question: string): Promise<CaseReview> {
  const review = await loadReviewFor(ctx, reviewId, 'review.ask')
  if (review.status === 'completed' || review.status === 'cancelled')
    throw new AppError('conflict', 'This review is finished.')
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now()
    await repo.insertRequest(trx, {
      id: newId(),
      reviewId,
      collaborationId: review.collaborationId,
      question,
      askedBy: ctx.actor?.displayName ?? '',
      askedAt: now.toISOString(),
      answer: null,
      answeredBy: null,
      answeredAt: null,
    })
    if (review.status === 'open') {
      await repo.updateReview(trx, reviewId, {
        status: 'waiting_for_information',
        pausedSince: now.toISOString(),
        remainingWorkingDays: workingDaysBetween(now, new Date(review.dueAt)),
      })
    }
    const snapshot = await loadCaseSnapshot(trx, review.collaborationId)
    await recordAudit(trx, ctx, {
      action: 'review.information_requested',
      entityType: 'collaboration',
      entityId: review.collaborationId,
      after: { reviewId, office: review.participant, question },
    })
    await notify(trx, ctx, {
      userIds: snapshot?.memberIds ?? [],
      kind: 'information_requested',
      subject: { de: `Rückfrage zu ${snapshot?.reference}`, en: `Question about ${snapshot?.reference}` },
      body: { de: question, en: question },
      link: `/collaborations/${review.collaborationId}`,
      entity: { type: 'collaboration', id: review.collaborationId },
    })
  })
  return getCaseReview(ctx, review.collaborationId)
}

/**
 * The researcher answers a request; when no question of that office is left open, its clock runs
 * again with the working days it had left.
 * @throws AppError('not_found') for a request one may not answer, AppError('conflict') when answered already
 */
export async function answerInformationRequest(
  ctx: Ctx,
  requestId: string,
  answer: string,
): Promise<CaseReview> {
  const actor = ctx.actor
  authorize(actor, 'collaboration.edit')
  const request = await repo.findRequest(ctx.db, requestId)
  const snapshot = request && (await loadCaseSnapshot(ctx.db, request.collaborationId))
  const resource = request && (await collaborationResource(ctx.db, request.collaborationId))
  if (!request || !snapshot || !resource || !can(actor, 'collaboration.edit', resource)) {
    throw new AppError('not_found', 'No such request.')
  }
  if (request.answeredAt) throw new AppError('conflict', 'This question has been answered already.')
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now()
    await repo.answerRequest(trx, requestId, answer, actor.displayName, now.toISOString())
    const review = await repo.findReview(trx, request.reviewId)
    if (
      review?.status === 'waiting_for_information' &&
      (await repo.countOpenRequests(trx, review.id)) === 0
    ) {
      await repo.updateReview(trx, review.id, {
        status: 'open',
        pausedSince: null,
        remainingWorkingDays: null,
        dueAt: addWorkingDays(now, review.remainingWorkingDays ?? 0).toISOString(),
      })
    }
    await recordAudit(trx, ctx, {
      action: 'review.information_provided',
      entityType: 'collaboration',
      entityId: request.collaborationId,
      after: { requestId, answer },
    })
    const office = review && (await repo.officeDirectory(trx)).get(review.participant)
    await notify(trx, ctx, {
      userIds: office
        ? await repo.usersWithRole(trx, 'office_reviewer', [office.id])
        : await repo.usersWithRole(trx, 'expert'),
      kind: 'information_provided',
      subject: { de: `Antwort zu ${snapshot.reference}`, en: `Answer about ${snapshot.reference}` },
      body: { de: answer, en: answer },
      link: `/collaborations/${request.collaborationId}`,
      entity: { type: 'collaboration', id: request.collaborationId },
    })
  })
  return getCaseReview(ctx, request.collaborationId)
}

/**
 * Refers a case in review to the expert team (science and administration) for advice.
 * @throws AppError('conflict') when the case is not in review or the team is already asked
 */
export async function referToExpertTeam(
  ctx: Ctx,
  collaborationId: string,
  question: string,
): Promise<CaseReview> {
  authorize(ctx.actor, 'review.refer_expert')
  const { snapshot } = await requireReadableCase(ctx, collaborationId)
  if (snapshot.status !== 'in_review')
    throw new AppError('conflict', 'Only a case in review can be referred.')
  await ctx.db.transaction().execute(async (trx) => {
    const reviews = await repo.listReviewsOfCase(trx, collaborationId)
    const round = Math.max(1, ...reviews.map((review) => review.round))
    if (
      reviews.some(
        (review) =>
          review.round === round && review.participant === 'expert_team' && review.status !== 'cancelled',
      )
    ) {
      throw new AppError('conflict', 'The expert team is already consulted on this case.')
    }
    const process = await currentProcess(trx, ctx)
    const now = ctx.now()
    const reason = { ruleId: 'referral', explanationDe: question, explanationEn: question }
    await repo.insertReviews(trx, [
      {
        id: newId(),
        collaborationId,
        round,
        processVersion: process.version,
        participant: 'expert_team',
        does: 'advises',
        reasons: JSON.stringify([reason]),
        status: 'open',
        dueAt: addWorkingDays(now, process.config.expertTeamDays).toISOString(),
        pausedSince: null,
        remainingWorkingDays: null,
        findings: '',
        recommendation: null,
        conditions: '[]',
        completedAt: null,
        completedBy: null,
        remindedAt: null,
        escalatedAt: null,
        createdAt: now.toISOString(),
      },
    ])
    await recordAudit(trx, ctx, {
      action: 'review.expert_team_consulted',
      entityType: 'collaboration',
      entityId: collaborationId,
      after: { question },
    })
    await notify(trx, ctx, {
      userIds: await repo.usersWithRole(trx, 'expert'),
      kind: 'assignment',
      subject: {
        de: `Expertenteam gefragt: ${snapshot.reference}`,
        en: `Expert team consulted: ${snapshot.reference}`,
      },
      body: { de: question, en: question },
      link: `/collaborations/${collaborationId}`,
      entity: { type: 'collaboration', id: collaborationId },
    })
  })
  return getCaseReview(ctx, collaborationId)
}

/** The unfinished reviews of my offices (or the expert team, or all for admins), most urgent first. */
export async function getQueue(ctx: Ctx, sort: 'due' | 'waiting' | 'trl'): Promise<QueueItem[]> {
  authorize(ctx.actor, 'review.queue')
  const actor = ctx.actor
  const directory = await repo.officeDirectory(ctx.db)
  const myOfficeIds = new Set(
    actor.roles.filter((grant) => grant.role === 'office_reviewer').map((grant) => grant.officeId),
  )
  const participants = hasRole(actor, 'admin')
    ? [...directory.keys(), 'expert_team']
    : [
        ...[...directory.values()].filter((office) => myOfficeIds.has(office.id)).map((office) => office.key),
        ...(hasRole(actor, 'expert') ? ['expert_team'] : []),
      ]
  const rows = await repo.listQueue(ctx.db, participants)
  const countries = await repo.countriesOf(
    ctx.db,
    rows.map((row) => row.collaborationId),
  )
  const now = ctx.now()
  const items = rows.map((row) => ({
    reviewId: row.id,
    collaborationId: row.collaborationId,
    reference: row.reference,
    title: row.title,
    participant: row.participant,
    does: row.does === 'assesses' ? ('assesses' as const) : ('advises' as const),
    status: ReviewStatusSchema.parse(row.status),
    dueAt: row.dueAt,
    isOverdue: row.status === 'open' && row.dueAt < now.toISOString(),
    waitingDays: Math.floor((now.getTime() - new Date(row.createdAt).getTime()) / 86_400_000),
    trl: row.trl,
    countries: countries.get(row.collaborationId) ?? [],
  }))
  const order: Record<typeof sort, (a: QueueItem, b: QueueItem) => number> = {
    due: (a, b) => a.dueAt.localeCompare(b.dueAt),
    waiting: (a, b) => b.waitingDays - a.waitingDays,
    trl: (a, b) => (b.trl ?? 0) - (a.trl ?? 0),
  }
  return items.sort(order[sort])
}

// ---- discussion

/** The case's discussion; internal notes only for reviewers. */
export async function listMessages(ctx: Ctx, collaborationId: string): Promise<Message[]> {
  const { actor } = await requireReadableCase(ctx, collaborationId)
  const rows = await repo.listMessages(ctx.db, collaborationId, isReviewer(actor))
  return rows.map((row) => ({
    id: row.id,
    authorName: row.authorName,
    authorId: row.authorId,
    body: row.body,
    isInternal: row.isInternal === 1,
    mentions: JSON.parse(row.mentions),
    createdAt: row.createdAt,
  }))
}

/**
 * Posts to the case's discussion; `@username` mentions notify those who may read it (internal notes
 * reach reviewers only).
 * @throws AppError('forbidden') when a researcher tries to post an internal note
 */
export async function postMessage(ctx: Ctx, collaborationId: string, input: NewMessage): Promise<Message> {
  const data = NewMessageSchema.parse(input)
  const { snapshot, actor } = await requireReadableCase(ctx, collaborationId)
  if (data.isInternal && !isReviewer(actor))
    throw new AppError('forbidden', 'Only reviewers write internal notes.')
  const usernames = [
    ...new Set([...data.body.matchAll(/@([a-z0-9][a-z0-9._-]*)/g)].map((match) => match[1] ?? '')),
  ]
  const message = {
    id: newId(),
    collaborationId,
    authorId: actor.id,
    authorName: actor.displayName,
    body: data.body,
    isInternal: data.isInternal ? 1 : 0,
    mentions: JSON.stringify(usernames),
    createdAt: ctx.now().toISOString(),
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertMessage(trx, message)
    await recordAudit(trx, ctx, {
      action: data.isInternal ? 'discussion.internal_note' : 'discussion.message',
      entityType: 'collaboration',
      entityId: collaborationId,
      after: { messageId: message.id, body: data.body },
    })
    const mentioned = await repo.usersByUsername(trx, usernames)
    const allowed: string[] = []
    for (const user of mentioned) {
      const reviewer = user.roles.some((role) => (reviewingRoles as readonly string[]).includes(role))
      const member = snapshot.memberIds.includes(user.id)
      if (user.id !== actor.id && (data.isInternal ? reviewer : reviewer || member)) allowed.push(user.id)
    }
    await notify(trx, ctx, {
      userIds: allowed,
      kind: 'mention',
      subject: {
        de: `${actor.displayName} erwähnt Sie bei ${snapshot.reference}`,
        en: `${actor.displayName} mentioned you on ${snapshot.reference}`,
      },
      body: { de: data.body.slice(0, 500), en: data.body.slice(0, 500) },
      link: `/collaborations/${collaborationId}`,
      entity: { type: 'collaboration', id: collaborationId },
    })
  })
  return { ...message, isInternal: data.isInternal, mentions: usernames }
}

// ---- obligations and informing the funder

/**
 * Confirms that a condition of the decision is met.
 * @throws AppError('not_found'), AppError('conflict') when already fulfilled
 */
export async function fulfilObligation(ctx: Ctx, obligationId: string, note: string): Promise<Obligation> {
  authorize(ctx.actor, 'obligation.fulfil')
  const obligation = await repo.findObligation(ctx.db, obligationId)
  if (!obligation) throw new AppError('not_found', 'No such obligation.')
  if (obligation.status === 'fulfilled')
    throw new AppError('conflict', 'This obligation is fulfilled already.')
  await ctx.db.transaction().execute(async (trx) => {
    await repo.fulfilObligation(
      trx,
      obligationId,
      ctx.actor?.displayName ?? '',
      ctx.now().toISOString(),
      note,
    )
    await recordAudit(trx, ctx, {
      action: 'obligation.fulfilled',
      entityType: 'collaboration',
      entityId: obligation.collaborationId,
      after: { obligationId, text: obligation.text, note },
    })
  })
  const fresh = await repo.findObligation(ctx.db, obligationId)
  if (!fresh) throw new AppError('not_found', 'No such obligation.')
  return toObligation(fresh)
}

/** The notification text for the funder or supervisory board, prepared from the case (German and English). */
export async function draftFunderNotice(
  ctx: Ctx,
  collaborationId: string,
): Promise<{ de: string; en: string; recipients: string }> {
  authorize(ctx.actor, 'funder_notice.record')
  const { snapshot } = await requireReadableCase(ctx, collaborationId)
  const sheet = snapshot.sheet
  const partners = sheet.partners
    .map((partner) => `${partner.nameEnglish || partner.nameOriginal} (${partner.country ?? '?'})`)
    .join('; ')
  const funders = sheet.funding.funders
    .map((funder) => [funder.name, funder.programme].filter(Boolean).join(', '))
    .join('; ')
  const period = `${sheet.interests.startDate ?? '?'} – ${sheet.interests.endDate ?? '?'}`
  return {
    recipients: funders,
    de:
      `Sehr geehrte Damen und Herren,\n\nwir informieren Sie vorab über die geplante internationale Kooperation ` +
      `${snapshot.reference} „${snapshot.title}“ (${period}) mit ${partners}.\n\n${sheet.summary}\n\n` +
      `Die Kooperation durchläuft derzeit unsere gemeinsame Prüfung (Exportkontrolle, Recht, Datenschutz und weitere Stellen). ` +
      `Über die Entscheidung und etwaige Auflagen informieren wir Sie.\n\nMit freundlichen Grüßen\n${ctx.config.institution.name}`,
    en:
      `Dear Sir or Madam,\n\nwe inform you upfront about the planned international collaboration ` +
      `${snapshot.reference} “${snapshot.title}” (${period}) with ${partners}.\n\n${sheet.summary}\n\n` +
      `The collaboration is currently in our joint review (export control, legal, data protection and other offices). ` +
      `We will inform you of the decision and any conditions.\n\nKind regards\n${ctx.config.institution.name}`,
  }
}

/** Records that the funder or board was informed: to whom, when, and the text that was sent. */
export async function recordFunderNotice(
  ctx: Ctx,
  collaborationId: string,
  input: { recipients: string; text: string; sentAt?: string },
): Promise<FunderNotice> {
  authorize(ctx.actor, 'funder_notice.record')
  await requireReadableCase(ctx, collaborationId)
  const now = ctx.now().toISOString()
  const row = {
    id: newId(),
    collaborationId,
    recipients: input.recipients,
    text: input.text,
    sentAt: input.sentAt ?? now,
    recordedBy: ctx.actor?.displayName ?? '',
    createdAt: now,
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertFunderNotice(trx, row)
    await recordAudit(trx, ctx, {
      action: 'funder.informed',
      entityType: 'collaboration',
      entityId: collaborationId,
      after: row,
    })
  })
  return toFunderNotice(row)
}

// ---- deadlines

/**
 * Reminds offices of deadlines within two working days and escalates overdue reviews to the office
 * lead (or the administrators when an office has none). Each review is reminded and escalated once.
 */
export async function checkDeadlines(ctx: Ctx): Promise<{ reminded: number; escalated: number }> {
  const now = ctx.now()
  const soon = addWorkingDays(now, 2).toISOString()
  const rows = await repo.listOpenDueBefore(ctx.db, soon)
  const directory = await repo.officeDirectory(ctx.db)
  let reminded = 0
  let escalated = 0
  for (const review of rows) {
    const office = directory.get(review.participant)
    const snapshot = await loadCaseSnapshot(ctx.db, review.collaborationId)
    if (!snapshot) continue
    const overdue = review.dueAt < now.toISOString()
    await ctx.db.transaction().execute(async (trx) => {
      if (!review.remindedAt) {
        const reviewers = office
          ? await repo.usersWithRole(trx, 'office_reviewer', [office.id])
          : await repo.usersWithRole(trx, 'expert')
        await notify(trx, ctx, {
          userIds: reviewers,
          kind: 'deadline_soon',
          subject: {
            de: `Frist bald fällig: ${snapshot.reference}`,
            en: `Deadline approaching: ${snapshot.reference}`,
          },
          body: { de: `Fällig am ${review.dueAt.slice(0, 10)}.`, en: `Due on ${review.dueAt.slice(0, 10)}.` },
          link: `/collaborations/${snapshot.id}`,
          entity: { type: 'collaboration', id: snapshot.id },
        })
        await repo.updateReview(trx, review.id, { remindedAt: now.toISOString() })
        reminded++
      }
      if (overdue && !review.escalatedAt) {
        const leads = office?.leadUserId ? [office.leadUserId] : await repo.usersWithRole(trx, 'admin')
        await notify(trx, ctx, {
          userIds: leads,
          kind: 'overdue',
          subject: {
            de: `Überfällig: ${snapshot.reference} (${office?.nameDe ?? 'Expertenteam'})`,
            en: `Overdue: ${snapshot.reference} (${office?.nameEn ?? 'Expert team'})`,
          },
          body: {
            de: `Die Frist lief am ${review.dueAt.slice(0, 10)} ab.`,
            en: `The deadline passed on ${review.dueAt.slice(0, 10)}.`,
          },
          link: `/collaborations/${snapshot.id}`,
          entity: { type: 'collaboration', id: snapshot.id },
        })
        await repo.updateReview(trx, review.id, { escalatedAt: now.toISOString() })
        escalated++
      }
    })
  }
  return { reminded, escalated }
}
