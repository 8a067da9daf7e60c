import { registerPersonalDataProvider, renameInColumns } from '../../platform/personal-data.js'

/** Screening searches, dispositions, notes and list imports a person made (recorded by username). */
registerPersonalDataProvider({
  name: 'screening',
  order: 60,
  async export(ctx, subject) {
    const searches = await ctx.db
      .selectFrom('screeningRuns')
      .select(['id', 'query', 'country', 'trigger', 'at', 'hitCount', 'collaborationId'])
      .where('actorName', '=', subject.username)
      .orderBy('at')
      .execute()
    const dispositions = await ctx.db
      .selectFrom('screeningDispositions')
      .select(['id', 'partnerId', 'listKey', 'entityKey', 'decision', 'reason', 'decidedAt'])
      .where('decidedBy', '=', subject.username)
      .execute()
    const notes = await ctx.db
      .selectFrom('screeningPartnerNotes')
      .select(['id', 'partnerId', 'body', 'createdAt'])
      .where('author', '=', subject.username)
      .execute()
    const imports = await ctx.db
      .selectFrom('screeningListVersions')
      .select(['id', 'listId', 'version', 'fileName', 'importedAt'])
      .where('importedBy', '=', subject.username)
      .execute()
    return { searches, dispositions, partnerNotes: notes, listImports: imports }
  },
  async erase(_ctx, { subject, pseudonym }, trx) {
    const changed = await renameInColumns(
      trx,
      [
        ['screening_runs', 'actor_name'],
        ['screening_dispositions', 'decided_by'],
        ['screening_partner_notes', 'author'],
        ['screening_list_versions', 'imported_by'],
        ['screening_settings', 'updated_by'],
      ],
      [subject.username],
      pseudonym.username,
    )
    return { screeningRecords: changed }
  },
})
