import { z } from 'zod'
import { defineJob, defineSchedule } from '../../platform/jobs/index.js'
import { remindOverdueReviews } from './knowledge.service.js'

/** Reminds owners of documents whose review date has come. */
export const remindDocumentReviews = defineJob({
  name: 'knowledge.remind_reviews',
  payload: z.object({}),
  handle: async (ctx) => {
    await remindOverdueReviews(ctx)
  },
})

/** Review dates are checked once a day, by one instance. */
export const documentReviewSchedule = defineSchedule({
  name: 'knowledge.remind_reviews',
  everyMs: 24 * 60 * 60_000,
  job: remindDocumentReviews,
})
