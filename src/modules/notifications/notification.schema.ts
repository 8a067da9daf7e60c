import { z } from 'zod'

/** How notifications reach a user by e-mail. */
export const NotifyModeSchema = z.enum(['immediate', 'daily'])
export type NotifyMode = z.infer<typeof NotifyModeSchema>

/** What a notification is about; the UI picks an icon and wording by kind. */
export const NotificationKindSchema = z.enum([
  'assignment',
  'information_requested',
  'information_provided',
  'mention',
  'deadline_soon',
  'overdue',
  'decision',
  'status_changed',
  'screening_hit',
  'regulation_changed',
  'document_review_due',
  'training_due',
  'account_locked',
])
export type NotificationKind = z.infer<typeof NotificationKindSchema>

/** One notification as the recipient sees it. */
export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: NotificationKindSchema,
    subject: z.string(),
    body: z.string(),
    link: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' })
export type Notification = z.infer<typeof NotificationSchema>

/** A user's notification settings. */
export const NotificationSettingsSchema = z
  .strictObject({ mode: NotifyModeSchema })
  .meta({ id: 'NotificationSettings' })
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>
