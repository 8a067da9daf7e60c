import { registerPersonalDataProvider, renameInColumns, scrubValue } from '../../platform/personal-data.js'

/** Messages, requests for information, reviews, obligations and funder notices a person wrote or handled. */
registerPersonalDataProvider({
  name: 'reviews',
  order: 50,
  async export(ctx, subject) {
    const names = [subject.displayName, subject.username]
    const messages = await ctx.db
      .selectFrom('messages')
      .innerJoin('collaborations', 'collaborations.id', 'messages.collaborationId')
      .select([
        'messages.id',
        'collaborations.reference',
        'messages.body',
        'messages.isInternal',
        'messages.createdAt',
      ])
      .where('messages.authorId', '=', subject.id)
      .orderBy('messages.createdAt')
      .execute()
    const requests = await ctx.db
      .selectFrom('informationRequests')
      .innerJoin('collaborations', 'collaborations.id', 'informationRequests.collaborationId')
      .select([
        'informationRequests.id',
        'collaborations.reference',
        'informationRequests.question',
        'informationRequests.askedBy',
        'informationRequests.askedAt',
        'informationRequests.answer',
        'informationRequests.answeredBy',
        'informationRequests.answeredAt',
      ])
      .where((eb) => eb.or([eb('askedBy', 'in', names), eb('answeredBy', 'in', names)]))
      .execute()
    const reviews = await ctx.db
      .selectFrom('officeReviews')
      .innerJoin('collaborations', 'collaborations.id', 'officeReviews.collaborationId')
      .select([
        'officeReviews.id',
        'collaborations.reference',
        'officeReviews.participant',
        'officeReviews.round',
        'officeReviews.recommendation',
        'officeReviews.findings',
        'officeReviews.conditions',
        'officeReviews.completedAt',
      ])
      .where('officeReviews.completedBy', 'in', names)
      .execute()
    const obligations = await ctx.db
      .selectFrom('obligations')
      .select(['id', 'collaborationId', 'text', 'fulfilledAt', 'note'])
      .where('fulfilledBy', 'in', names)
      .execute()
    const funderNotices = await ctx.db
      .selectFrom('funderNotices')
      .select(['id', 'collaborationId', 'recipients', 'text', 'sentAt'])
      .where('recordedBy', 'in', names)
      .execute()
    const processVersions = await ctx.db
      .selectFrom('processVersions')
      .select(['version', 'createdAt'])
      .where('createdBy', 'in', names)
      .execute()
    return {
      messages,
      informationRequests: requests,
      reviewsWritten: reviews,
      obligations,
      funderNotices,
      processVersions,
    }
  },
  async erase(_ctx, erasure, trx) {
    const { subject, pseudonym } = erasure
    const names = [subject.displayName, subject.username]
    const messages = await trx
      .updateTable('messages')
      .set({ authorName: pseudonym.displayName })
      .where('authorId', '=', subject.id)
      .executeTakeFirst()
    // Mentions are stored as usernames.
    const mentioning = (
      await trx.selectFrom('messages').select(['id', 'mentions']).where('mentions', '!=', '[]').execute()
    ).filter((row) => (JSON.parse(row.mentions) as unknown[]).includes(subject.username))
    for (const row of mentioning) {
      const mentions = scrubValue(JSON.parse(row.mentions), erasure, true)
      await trx
        .updateTable('messages')
        .set({ mentions: JSON.stringify(mentions) })
        .where('id', '=', row.id)
        .execute()
    }
    const handled = await renameInColumns(
      trx,
      [
        ['information_requests', 'asked_by'],
        ['information_requests', 'answered_by'],
        ['office_reviews', 'completed_by'],
        ['obligations', 'fulfilled_by'],
        ['funder_notices', 'recorded_by'],
        ['process_versions', 'created_by'],
      ],
      names,
      pseudonym.displayName,
    )
    return { messages: Number(messages.numUpdatedRows), mentions: mentioning.length, recordsHandled: handled }
  },
})
