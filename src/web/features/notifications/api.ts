import { z } from 'zod'
import {
  NotificationSchema,
  NotificationSettingsSchema,
  type NotifyMode,
} from '../../../modules/notifications/notification.schema.js'
import { request, requestEmpty } from '../../api/client.js'

/** My notifications with the unread count, as the API lists them. */
export const NotificationListSchema = z.object({
  unread: z.number().int(),
  items: z.array(NotificationSchema),
})
export type NotificationList = z.infer<typeof NotificationListSchema>

/** The notifications API, one typed function per endpoint. */
export const notificationsApi = {
  list: () => request(NotificationListSchema, 'GET', '/notifications'),
  markRead: (notificationId: string) =>
    requestEmpty('POST', `/notifications/${encodeURIComponent(notificationId)}/read`),
  markAllRead: () => requestEmpty('POST', '/notifications/read-all'),
  saveSettings: (mode: NotifyMode) =>
    request(NotificationSettingsSchema, 'PUT', '/me/notification-settings', { body: { mode } }),
}

const changedEvent = 'liaison:notifications-changed'

/** Tells the bell in the header to count again (after marking notifications read). */
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(changedEvent))
}

/** Runs `listener` whenever notifications were marked read somewhere in the app; returns the unsubscribe. */
export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(changedEvent, listener)
  return () => window.removeEventListener(changedEvent, listener)
}
