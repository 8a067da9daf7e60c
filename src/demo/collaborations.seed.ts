import { readFileSync } from 'node:fs'
import type { Actor } from '../modules/access/index.js'
import { actorOf } from '../modules/auth/index.js'
import {
  activateCollaboration,
  type CollaborationStatus,
  createCollaboration,
  type DataKind,
  type DataSheetInput,
  decideCollaboration,
  endCollaboration,
  getCurrentQuestionnaire,
  type PartnerKind,
  saveDraft,
  startAmendment,
  startReview,
  submitCollaboration,
  withdrawCollaboration,
} from '../modules/collaborations/index.js'
import { findUnitByCode, findUser, findUserRowByUsername } from '../modules/organisation/index.js'
import {
  answerInformationRequest,
  askForInformation,
  completeReview,
  postMessage,
} from '../modules/reviews/index.js'
import type { Ctx } from '../platform/context.js'
import { runJobsUntilIdle } from '../platform/jobs/index.js'
import { newId } from '../shared/ids.js'

/** One demo collaboration as built by scripts/build-demo-data.ts from CORDIS. */
interface DemoCollaboration {
  acronym: string
  stage: CollaborationStatus
  pi: string
  unit: string
  areas: string[]
  trl: number
  activities: string[]
  data: DataKind[]
  answers?: Record<string, ['no' | 'unknown', string]>
  decision?: { reasons: string; conditions?: string[] }
  age: number
  cordisId: string
  title: string
  summary: string
  objective: string
  keywords: string[]
  programme: string
  call: string
  ecContribution: number | null
  totalCost: number | null
  durationMonths: number
  partners: { nameOriginal: string; nameEnglish: string; country: string; kind: PartnerKind; city: string }[]
}

const dayMs = 86_400_000

/** The demo collaborations, read from data/demo (CORDIS, CC BY 4.0). */
export function demoCollaborations(): DemoCollaboration[] {
  const file = new URL('../../data/demo/collaborations.json', import.meta.url)
  // The file is written by our own build script from this very type; the seed test reads all of it.
  return JSON.parse(readFileSync(file, 'utf8')) as DemoCollaboration[]
}

async function actorNamed(ctx: Ctx, username: string): Promise<Actor> {
  const row = await findUserRowByUsername(ctx.db, username)
  const user = row && (await findUser(ctx.db, row.id))
  if (!user) throw new Error(`demo user ${username} is missing`)
  return actorOf(user, 'session')
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/** The demo account reviewing for an office. */
function reviewerOf(participant: string): string {
  return participant === 'expert_team' ? 'expert' : participant.replaceAll('_', '-')
}

/** A plausible finding of an office for a demo case. */
function findingsFor(participant: string, entry: DemoCollaboration): string {
  const texts: Record<string, string> = {
    export_control: `Checked against Annex I: no listed goods or technology are transferred at TRL ${entry.trl}; publication is open.`,
    international_office:
      'Partner is an established institution; the collaboration fits our partnership strategy.',
    hr: 'Guest stays can be arranged under the usual hosting agreement; visa support letters on request.',
    legal: 'The consortium agreement covers liability and governing law; no further contract needed.',
    data_protection:
      'Personal data stay pseudonymised at the institute; a data processing agreement is in place.',
    technology_transfer: 'IP rules of the consortium agreement apply; no background IP of ours is licensed.',
    ethics: 'Ethics approval of both sites is on file.',
    funding_office: 'Budget and funder rules checked.',
  }
  return texts[participant] ?? 'No concerns.'
}

/** A case still in review: some offices have answered, one asked the researcher something, a discussion has started. */
async function seedReviewInProgress(
  ctx: Ctx,
  entry: DemoCollaboration,
  collaborationId: string,
  reviews: { id: string; participant: string }[],
  pi: Actor,
  as: (actor: Actor, fraction: number) => Ctx,
): Promise<void> {
  const [first, second] = reviews
  if (first) {
    const reviewer = await actorNamed(ctx, reviewerOf(first.participant))
    await completeReview(as(reviewer, 0.4), first.id, {
      findings: findingsFor(first.participant, entry),
      recommendation: 'no_objection',
    })
  }
  if (second) {
    const reviewer = await actorNamed(ctx, reviewerOf(second.participant))
    await askForInformation(
      as(reviewer, 0.5),
      second.id,
      'Could you describe which data leave the institute, and in what form?',
    )
    if (entry.acronym === 'PolarRES') {
      const request = await ctx.db
        .selectFrom('informationRequests')
        .select('id')
        .where('reviewId', '=', second.id)
        .executeTakeFirst()
      if (request) {
        await answerInformationRequest(
          as(pi, 0.6),
          request.id,
          'Only model output fields on a 25 km grid; no raw observations and no personal data.',
        )
      }
    }
  }
  const security = await actorNamed(ctx, 'research-security')
  await postMessage(as(security, 0.45), collaborationId, {
    body: `Thank you for the complete data sheet. @${pi.username}, we expect the offices’ advice within about a week.`,
  })
  await postMessage(as(security, 0.46), collaborationId, {
    body: 'Internal: partner not on any list we screen; check the publication clause with legal.',
    isInternal: true,
  })
}

/**
 * Runs the demo collaborations through the real process, each step by the person who would take
 * it and at a plausible time in the past, so that the audit trail and history read like life.
 */
export async function seedDemoCollaborations(ctx: Ctx): Promise<void> {
  const now = ctx.now().getTime()
  const questions = (await getCurrentQuestionnaire({ ...ctx })).questions
  const security = await actorNamed(ctx, 'research-security')
  const decider = await actorNamed(ctx, 'decision-maker')
  for (const entry of demoCollaborations()) {
    const pi = await actorNamed(ctx, entry.pi)
    const unit = await findUnitByCode(ctx.db, entry.unit)
    const start = now - entry.age * dayMs
    const at = (fraction: number) => new Date(start + (now - start) * fraction)
    const as = (actor: Actor, fraction: number): Ctx => ({ ...ctx, actor, now: () => at(fraction) })
    const decided = [
      'approved',
      'approved_with_conditions',
      'declined',
      'active',
      'ended',
      'amendment_draft',
    ].includes(entry.stage)
    const planned = !['active', 'ended', 'amendment_draft'].includes(entry.stage)
    const workStart = planned ? now + 60 * dayMs : start + 30 * dayMs
    const sheet: DataSheetInput = {
      title: entry.title,
      acronym: entry.acronym,
      summary: entry.summary,
      description:
        `${entry.objective}\n\n` +
        `Our part: the ${unit?.nameEn ?? entry.unit} contributes its methods and infrastructure and hosts joint ` +
        'workshops. Results are published openly unless stated otherwise in this data sheet.\n\n' +
        `(Project data adapted from CORDIS, project ${entry.cordisId}, © European Union, CC BY 4.0.)`,
      researchAreas: entry.areas,
      keywords: entry.keywords,
      trl: entry.trl,
      unitId: unit?.id ?? null,
      principalInvestigators: [{ userId: pi.id, name: pi.displayName }],
      partners: entry.partners.map((partner) => ({
        id: newId(),
        nameOriginal: partner.nameOriginal,
        nameEnglish: partner.nameEnglish,
        country: partner.country,
        kind: partner.kind,
        department: '',
        contactName: '',
        contactRole: partner.city ? `Project lead (${partner.city})` : 'Project lead',
      })),
      activities: {
        ...Object.fromEntries(entry.activities.map((activity) => [activity, true])),
        ...(entry.activities.includes('mobility') ? { mobilityDirection: 'both', mobilityMonths: 3 } : {}),
      },
      dataSamples:
        entry.data.length > 0
          ? {
              kinds: entry.data,
              storage: 'Institute data centre, project share with access control',
              processing: 'Institute computing cluster',
              access: 'Named project members at both partners',
            }
          : {},
      funding: {
        funders: [{ name: 'European Commission', programme: `${entry.programme} ${entry.call}`.trim() }],
        totalBudgetEur: entry.totalCost,
        ownShareEur: entry.ecContribution ? Math.round(entry.ecContribution / 6 / 1000) * 1000 : null,
        callHasSecurityGuidelines: entry.programme === 'HORIZON' ? 'yes' : 'no',
        securityBudgetEur: entry.trl >= 5 ? 8000 : null,
      },
      interests: {
        researcherInterest: `Access to complementary expertise in ${entry.keywords.slice(0, 2).join(' and ') || 'the field'}.`,
        institutionInterest:
          'Strengthens an established research line and the institute’s international network.',
        expectedBenefits: 'Joint publications, shared data sets, exchange of early-career researchers.',
        reciprocity:
          'Both sides contribute staff and data on equal terms; access rules are the same in both directions.',
        exitOptions:
          'Either side may leave with three months’ notice; data and results obtained so far stay usable for publication.',
        startDate: isoDate(workStart),
        endDate: isoDate(workStart + entry.durationMonths * 30 * dayMs),
      },
      answers: Object.fromEntries(
        questions.map((question) => {
          const special = entry.answers?.[question.key]
          return [
            question.key,
            special ? { answer: special[0], explanation: special[1] } : { answer: 'yes', explanation: '' },
          ]
        }),
      ),
    }
    let created = await createCollaboration(as(pi, 0), { sheet })
    if (created.checklists.length > 0) {
      // The researcher also answers the checklists of the research area.
      const checklistAnswers = Object.fromEntries(
        created.checklists.flatMap((checklist) =>
          checklist.questions.map((question) => [question.key, { answer: 'yes' as const, explanation: '' }]),
        ),
      )
      created = await saveDraft(as(pi, 0.01), created.id, {
        sheet: { ...created.sheet, answers: { ...checklistAnswers, ...created.sheet.answers } },
        baseUpdatedAt: created.updatedAt,
      })
    }
    if (entry.stage === 'draft') continue
    await submitCollaboration(as(pi, 0.08), created.id)
    if (entry.stage === 'submitted') continue
    if (entry.stage === 'withdrawn') {
      await withdrawCollaboration(
        as(pi, 0.5),
        created.id,
        'The consortium was restructured; we will resubmit with a new partner set.',
      )
      continue
    }
    // The pre-assessment runs in the background after submission; routing reads its result.
    await runJobsUntilIdle({ context: () => as(security, 0.1) })
    await startReview(as(security, 0.15), created.id)
    const reviews = await ctx.db
      .selectFrom('officeReviews')
      .select(['id', 'participant'])
      .where('collaborationId', '=', created.id)
      .where('status', '=', 'open')
      .execute()
    if (entry.stage === 'in_review') {
      await seedReviewInProgress(ctx, entry, created.id, reviews, pi, as)
      continue
    }
    for (const review of reviews) {
      const reviewer = await actorNamed(ctx, reviewerOf(review.participant))
      const conditionFromOffice = entry.decision?.conditions?.find((_, index) => index === 0)
      await completeReview(as(reviewer, 0.2), review.id, {
        findings: findingsFor(review.participant, entry),
        recommendation:
          review.participant === 'export_control' && conditionFromOffice ? 'conditions' : 'no_objection',
        conditions:
          review.participant === 'export_control' && conditionFromOffice ? [conditionFromOffice] : [],
      })
    }
    const outcome =
      entry.stage === 'declined'
        ? 'declined'
        : entry.decision?.conditions
          ? 'approved_with_conditions'
          : 'approved'
    await decideCollaboration(as(decider, 0.25), created.id, {
      outcome,
      reasons: entry.decision?.reasons ?? 'No concerns.',
      conditions: entry.decision?.conditions ?? [],
    })
    if (!decided || ['approved', 'approved_with_conditions', 'declined'].includes(entry.stage)) continue
    await activateCollaboration(as(pi, 0.3), created.id)
    if (entry.stage === 'ended') {
      await endCollaboration(as(pi, 0.9), created.id, 'Project completed; final report delivered.')
    }
    if (entry.stage === 'amendment_draft') {
      const amending = await startAmendment(as(pi, 0.95), created.id)
      await saveDraft(as(pi, 0.96), created.id, {
        sheet: {
          ...amending.sheet,
          trl: Math.min(9, entry.trl + 1),
          activities: { ...amending.sheet.activities, sampleTransfer: true },
          summary: `${amending.sheet.summary} Extension: a pilot installation with the partner.`,
        },
        baseUpdatedAt: amending.updatedAt,
      })
    }
  }
}
