import { z } from 'zod'
import { defineJob, defineSchedule } from '../../platform/jobs/index.js'
import { refreshReportFacts } from './reports.service.js'

/**
 * Keeps the dashboard's derived facts current in the background, so that after a bulk import or an
 * upgrade that derives them anew the first dashboard request does not pay for every case. Cheap
 * when nothing changed (one signature query).
 */
export const refreshFactsJob = defineJob({
  name: 'reports.refresh_facts',
  payload: z.object({}),
  handle: async (ctx) => {
    const refreshed = await refreshReportFacts(ctx.db)
    if (refreshed > 0) ctx.log.info({ refreshed }, 'dashboard facts derived')
  },
})

export const refreshFactsSchedule = defineSchedule({
  name: 'reports.refresh_facts',
  everyMs: 5 * 60_000,
  job: refreshFactsJob,
})
