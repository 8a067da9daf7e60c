import { z } from 'zod'
import { onDomainEvent } from '../../platform/events.js'
import { defineJob, enqueue } from '../../platform/jobs/index.js'
import { registerChecklistProvider } from '../collaborations/index.js'
import { registerFactProvider } from '../reviews/index.js'
import { isFlagged } from './assessment.engine.js'
import * as repo from './assessment.repo.js'
import { AssessmentResultSchema, ChecklistInputSchema } from './assessment.schema.js'
import { assessCollaborationUnchecked } from './assessment.service.js'

/** Assesses a case after it was submitted, so the offices see the result and routing can use it. */
export const assessOnSubmit = defineJob({
  name: 'assessment.assess_submitted',
  payload: z.object({ collaborationId: z.string() }),
  handle: async (ctx, { collaborationId }) => {
    await assessCollaborationUnchecked(ctx, collaborationId)
  },
})

onDomainEvent('collaboration.transitioned', async (trx, ctx, event) => {
  if (event.to === 'submitted') {
    await enqueue(
      trx,
      ctx,
      assessOnSubmit,
      { collaborationId: event.collaborationId },
      { dedupeKey: `assess:${event.collaborationId}` },
    )
  }
})

// Review routing reads the newest stored assessment: a flagged control-list candidate sends the case
// to export control, an elevated risk to the offices whose rules ask for it.
registerFactProvider(async (db, collaborationId) => {
  const row = await repo.findLatestAssessment(db, collaborationId)
  if (!row) return {}
  const result = AssessmentResultSchema.parse(JSON.parse(row.result))
  return {
    controlListCandidate: result.candidates.some(isFlagged),
    riskElevatedOrHigh: result.riskLevel !== 'low',
  }
})

// The checklists of the case's research areas (DFG codes or their prefixes) and of the sensitive
// areas the newest assessment flagged are answered in the data sheet like the questionnaire.
registerChecklistProvider(async (db, sheet, collaborationId) => {
  const rows = await repo.listLatestByKey(db, 'checklist')
  if (rows.length === 0) return []
  const latest = await repo.findLatestAssessment(db, collaborationId)
  const flaggedAreas = new Set(
    latest ? AssessmentResultSchema.parse(JSON.parse(latest.result)).areas.map((area) => area.key) : [],
  )
  const today = new Date().toISOString().slice(0, 10)
  return rows.flatMap((row) => {
    const checklist = ChecklistInputSchema.parse(JSON.parse(row.content))
    const applies = checklist.appliesTo.some((target) =>
      /^\d/.test(target)
        ? sheet.researchAreas.some((code) => code.startsWith(target))
        : flaggedAreas.has(target),
    )
    if (!applies) return []
    return [
      {
        key: checklist.key,
        version: row.version,
        titleDe: checklist.titleDe,
        titleEn: checklist.titleEn,
        ownerOffice: checklist.ownerOffice,
        nextReviewOn: checklist.nextReviewOn,
        isStale: checklist.nextReviewOn < today,
        questions: checklist.questions.map((question) => ({
          key: question.key,
          section: 'checklist' as const,
          textDe: question.textDe,
          textEn: question.textEn,
          helpDe: '',
          helpEn: '',
        })),
      },
    ]
  })
})
