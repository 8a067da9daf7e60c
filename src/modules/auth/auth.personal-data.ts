import { registerPersonalDataProvider } from '../../platform/personal-data.js'

/** Sessions and API tokens (metadata only: the secrets are never stored) and sign-in limits. */
registerPersonalDataProvider({
  name: 'access',
  order: 20,
  async export(ctx, subject) {
    const sessions = await ctx.db
      .selectFrom('sessions')
      .select(['createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent', 'via'])
      .where('userId', '=', subject.id)
      .execute()
    const tokens = await ctx.db
      .selectFrom('apiTokens')
      .select(['id', 'name', 'prefix', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'])
      .where('userId', '=', subject.id)
      .execute()
    return { sessions, apiTokens: tokens }
  },
  async erase(ctx, { subject }, trx) {
    const sessions = await trx.deleteFrom('sessions').where('userId', '=', subject.id).executeTakeFirst()
    const tokens = await trx
      .updateTable('apiTokens')
      .set({ revokedAt: ctx.now().toISOString() })
      .where('userId', '=', subject.id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst()
    await trx
      .deleteFrom('rateLimits')
      .where('key', '=', `login:user:${subject.username.toLowerCase()}`)
      .execute()
    return { sessionsEnded: Number(sessions.numDeletedRows), tokensRevoked: Number(tokens.numUpdatedRows) }
  },
})
