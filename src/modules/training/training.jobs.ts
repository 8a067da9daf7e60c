import { z } from 'zod'
import { defineJob, defineSchedule } from '../../platform/jobs/index.js'
import { sendRenewalReminders } from './training.service.js'

/** Reminds people of required trainings that expire within 30 days or have expired. */
export const remindTrainingRenewals = defineJob({
  name: 'training.remind_renewals',
  payload: z.object({}),
  handle: async (ctx) => {
    const sent = await sendRenewalReminders(ctx)
    if (sent > 0) ctx.log.info({ sent }, 'training renewal reminders sent')
  },
})

/** Once a day, by one instance; each reminder goes out once per completion period. */
export const trainingReminderSchedule = defineSchedule({
  name: 'training.remind_renewals',
  everyMs: 24 * 60 * 60_000,
  job: remindTrainingRenewals,
})
