import { z } from 'zod'
import { defineJob, defineSchedule } from '../../platform/jobs/index.js'
import { checkDeadlines } from './review.service.js'

/** Reminds offices of deadlines in two working days and escalates overdue reviews. */
export const checkReviewDeadlines = defineJob({
  name: 'reviews.check_deadlines',
  payload: z.object({}),
  handle: async (ctx) => {
    await checkDeadlines(ctx)
  },
})

/** Deadlines are checked every quarter of an hour, by one instance. */
export const deadlineSchedule = defineSchedule({
  name: 'reviews.check_deadlines',
  everyMs: 15 * 60_000,
  job: checkReviewDeadlines,
})
