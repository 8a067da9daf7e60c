import { registerPersonalDataProvider } from '../../platform/personal-data.js'

/** The person's notifications (their inbox is theirs alone and goes with the erasure). */
registerPersonalDataProvider({
  name: 'notifications',
  order: 30,
  async export(ctx, subject) {
    return ctx.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'subject', 'body', 'link', 'createdAt', 'readAt', 'emailStatus', 'emailedAt'])
      .where('userId', '=', subject.id)
      .orderBy('createdAt')
      .execute()
  },
  async erase(_ctx, { subject }, trx) {
    const deleted = await trx.deleteFrom('notifications').where('userId', '=', subject.id).executeTakeFirst()
    return { notificationsDeleted: Number(deleted.numDeletedRows) }
  },
})
