import { z } from 'zod'
import { defineJob } from '../../platform/jobs/index.js'
import { rescreenAfterListVersion, screenCollaborationPartners } from './screening.service.js'

/** Re-screens every open case's partners after a list version was imported. */
export const rescreenAfterImport = defineJob({
  name: 'screening.rescreen_after_import',
  payload: z.object({ versionId: z.string() }),
  handle: async (ctx, payload) => {
    await rescreenAfterListVersion(ctx, payload.versionId)
  },
})

/** Screens a case's partners after the draft was saved or the case submitted. */
export const screenCollaborationJob = defineJob({
  name: 'screening.collaboration',
  payload: z.object({ collaborationId: z.string(), trigger: z.string() }),
  handle: async (ctx, payload) => {
    await screenCollaborationPartners(ctx, payload.collaborationId, payload.trigger)
  },
})
