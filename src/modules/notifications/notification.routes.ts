import { z } from 'zod'
import { createRouter, defineRoute, problemResponses } from '../../server/route.js'
import { NotificationSchema, NotificationSettingsSchema } from './notification.schema.js'
import {
  listMyNotifications,
  markNotificationsRead,
  updateNotificationSettings,
} from './notification.service.js'

const tags = ['notifications']

const listRoute = defineRoute('notification.list', {
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'My notifications, newest first, with the unread count',
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({ unread: z.number().int(), items: z.array(NotificationSchema) }),
        },
      },
      description: 'Notifications',
    },
    ...problemResponses,
  },
})
const readOneRoute = defineRoute('notification.update', {
  method: 'post',
  path: '/notifications/{id}/read',
  tags,
  summary: 'Mark one notification read',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    204: { description: 'Marked' },
    404: { description: 'No such unread notification' },
    ...problemResponses,
  },
})
const readAllRoute = defineRoute('notification.update', {
  method: 'post',
  path: '/notifications/read-all',
  tags,
  summary: 'Mark all my notifications read',
  responses: { 204: { description: 'Marked' }, ...problemResponses },
})
const settingsRoute = defineRoute('notification.update', {
  method: 'put',
  path: '/me/notification-settings',
  tags,
  summary: 'Immediate e-mails or a daily digest',
  request: {
    body: { required: true, content: { 'application/json': { schema: NotificationSettingsSchema } } },
  },
  responses: {
    200: { content: { 'application/json': { schema: NotificationSettingsSchema } }, description: 'Saved' },
    ...problemResponses,
  },
})

/** In-app notifications and delivery settings. */
export const notificationRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listMyNotifications(c.var.ctx), 200))
  .openapi(readAllRoute, async (c) => {
    await markNotificationsRead(c.var.ctx)
    return c.body(null, 204)
  })
  .openapi(readOneRoute, async (c) => {
    await markNotificationsRead(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(settingsRoute, async (c) =>
    c.json(await updateNotificationSettings(c.var.ctx, c.req.valid('json')), 200),
  )
