import { z } from 'zod'
import { onDomainEvent } from '../../platform/events.js'
import { defineJob, enqueue } from '../../platform/jobs/index.js'
import { registerFactProvider } from '../reviews/index.js'
import { isFlagged } from './assessment.engine.js'
import * as repo from './assessment.repo.js'
import { AssessmentResultSchema } from './assessment.schema.js'
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
