import { z } from 'zod'
import { defineJob, defineSchedule } from '../../platform/jobs/index.js'
import { sendMail } from '../../platform/mail.js'
import * as repo from './notification.repo.js'

/** Sends the e-mail of one notification; does nothing when it was sent already (idempotent). */
export const sendNotificationEmail = defineJob({
  name: 'notifications.send_email',
  payload: z.object({ notificationId: z.string() }),
  maxAttempts: 10,
  handle: async (ctx, { notificationId }) => {
    const notification = await repo.findWithRecipient(ctx.db, notificationId)
    if (notification?.emailStatus !== 'pending') return
    const link = `${ctx.config.publicUrl}${notification.link}`
    await sendMail(ctx.config, {
      to: notification.email,
      subject: `[Liaison] ${notification.subject}`,
      text: `${notification.body}\n\n${link}\n\n— Liaison, ${ctx.config.institution.name}`,
    })
    await repo.setEmailStatus(ctx.db, [notificationId], 'sent', ctx.now().toISOString())
  },
})

/** Sends each user who chose the daily digest one e-mail with everything since the last one. */
export const sendDailyDigests = defineJob({
  name: 'notifications.daily_digest',
  payload: z.object({}),
  handle: async (ctx) => {
    const pending = await repo.listDigestPending(ctx.db)
    const byUser = new Map<string, typeof pending>()
    for (const row of pending) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row])
    for (const rows of byUser.values()) {
      const first = rows[0]
      if (!first) continue
      const german = first.locale !== 'en'
      const lines = rows.map((row) => `• ${row.subject}\n  ${row.body}\n  ${ctx.config.publicUrl}${row.link}`)
      await sendMail(ctx.config, {
        to: first.email,
        subject: german
          ? `[Liaison] Ihre Zusammenfassung: ${rows.length} Neuigkeit(en)`
          : `[Liaison] Your digest: ${rows.length} update(s)`,
        text: `${lines.join('\n\n')}\n\n— Liaison, ${ctx.config.institution.name}`,
      })
      // Marked per user right after their mail: a failure for one user does not resend the others'.
      await repo.setEmailStatus(
        ctx.db,
        rows.map((row) => row.id),
        'sent',
        ctx.now().toISOString(),
      )
    }
  },
})

/** The digest goes out once a day. */
export const dailyDigestSchedule = defineSchedule({
  name: 'notifications.daily_digest',
  everyMs: 86_400_000,
  job: sendDailyDigests,
})
