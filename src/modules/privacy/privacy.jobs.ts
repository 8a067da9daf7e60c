import { z } from 'zod'
import { defineJob, defineSchedule } from '../../platform/jobs/index.js'
import { archiveExpiredCases } from './privacy.service.js'

/** Archives ended and withdrawn cases past the retention period. */
export const retentionJob = defineJob({
  name: 'privacy.retention',
  payload: z.object({}),
  handle: async (ctx) => {
    await archiveExpiredCases(ctx)
  },
})

/** Retention runs once a day, by one instance. */
export const retentionSchedule = defineSchedule({
  name: 'privacy.retention',
  everyMs: 24 * 3_600_000,
  job: retentionJob,
})
