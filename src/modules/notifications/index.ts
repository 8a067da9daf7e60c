export { dailyDigestSchedule, sendDailyDigests, sendNotificationEmail } from './notification.jobs.js'
export * from './notification.schema.js'
export { type Bilingual, listMyNotifications, type NotifyInput, notify } from './notification.service.js'

import './notification.personal-data.js'
