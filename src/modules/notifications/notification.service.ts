import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { enqueue } from '../../platform/jobs/index.js'
import { isMailConfigured } from '../../platform/mail.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../access/index.js'
import { sendNotificationEmail } from './notification.jobs.js'
import * as repo from './notification.repo.js'
import {
  type Notification,
  type NotificationKind,
  NotificationKindSchema,
  type NotificationSettings,
} from './notification.schema.js'

/** Text in both UI languages; each recipient gets their own. */
export interface Bilingual {
  de: string
  en: string
}

/** What a module tells the people concerned. */
export interface NotifyInput {
  userIds: readonly string[]
  kind: NotificationKind
  subject: Bilingual
  body: Bilingual
  /** A path inside the app, e.g. `/collaborations/…`. */
  link: string
  entity?: { type: string; id: string }
  /** Security notices go out by e-mail at once, whatever the recipient's digest preference. */
  urgent?: boolean
}

/**
 * Notifies users in the app and, by their preference, by e-mail right away (through the job queue,
 * so a failing mail server delays mail and loses none) or in the daily digest. Call inside the
 * transaction of the change the notification is about.
 */
export async function notify(trx: Db, ctx: Ctx, input: NotifyInput): Promise<void> {
  const recipients = (await repo.findRecipients(trx, [...new Set(input.userIds)])).filter(
    (user) => user.isActive === 1,
  )
  const now = ctx.now().toISOString()
  const mail = isMailConfigured(ctx.config)
  const rows = recipients.map((user) => {
    const language = user.locale === 'en' ? 'en' : 'de'
    const emailStatus =
      !mail || !user.email ? 'skipped' : user.notifyMode === 'daily' && !input.urgent ? 'digest' : 'pending'
    return {
      id: newId(),
      userId: user.id,
      kind: input.kind,
      subject: input.subject[language],
      body: input.body[language],
      link: input.link,
      entityType: input.entity?.type ?? null,
      entityId: input.entity?.id ?? null,
      createdAt: now,
      readAt: null,
      emailStatus,
      emailedAt: null,
    }
  })
  await repo.insertNotifications(trx, rows)
  for (const row of rows) {
    if (row.emailStatus === 'pending')
      await enqueue(trx, ctx, sendNotificationEmail, { notificationId: row.id })
  }
}

/** The signed-in user's notifications, newest first, and the unread count. */
export async function listMyNotifications(ctx: Ctx): Promise<{ unread: number; items: Notification[] }> {
  authorize(ctx.actor, 'notification.list')
  const rows = await repo.listForUser(ctx.db, ctx.actor.id, 100)
  return {
    unread: await repo.countUnread(ctx.db, ctx.actor.id),
    items: rows.map((row) => ({
      id: row.id,
      kind: NotificationKindSchema.catch('status_changed').parse(row.kind),
      subject: row.subject,
      body: row.body,
      link: row.link,
      createdAt: row.createdAt,
      readAt: row.readAt,
    })),
  }
}

/**
 * Marks one of my notifications (or all, without an id) as read.
 * @throws AppError('not_found') for a notification that is not mine or already read
 */
export async function markNotificationsRead(ctx: Ctx, id?: string): Promise<void> {
  authorize(ctx.actor, 'notification.update')
  const changed = await repo.markRead(ctx.db, ctx.actor.id, ctx.now().toISOString(), id)
  if (id && changed === 0) throw new AppError('not_found', 'No such unread notification.')
}

/** Chooses immediate e-mails or a daily digest. */
export async function updateNotificationSettings(
  ctx: Ctx,
  input: NotificationSettings,
): Promise<NotificationSettings> {
  authorize(ctx.actor, 'notification.update')
  await repo.setNotifyMode(ctx.db, ctx.actor.id, input.mode)
  return input
}
