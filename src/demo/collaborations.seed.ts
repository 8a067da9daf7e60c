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
import type { Ctx } from '../platform/context.js'
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
    const created = await createCollaboration(as(pi, 0), { sheet })
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
    await startReview(as(security, 0.15), created.id)
    if (entry.stage === 'in_review') continue
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
