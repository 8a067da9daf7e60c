import { registerPersonalDataProvider, renameInColumns } from '../../platform/personal-data.js'

/** Pre-assessments a person ran and reference data they published (recorded by username or id). */
registerPersonalDataProvider({
  name: 'assessment',
  order: 70,
  async export(ctx, subject) {
    const assessments = await ctx.db
      .selectFrom('assessments')
      .innerJoin('collaborations', 'collaborations.id', 'assessments.collaborationId')
      .select([
        'assessments.id',
        'collaborations.reference',
        'assessments.riskLevel',
        'assessments.createdAt',
      ])
      .where('assessments.createdBy', 'in', [subject.username, subject.id])
      .execute()
    const references = await ctx.db
      .selectFrom('referenceVersions')
      .select(['kind', 'key', 'version', 'label', 'createdAt'])
      .where('createdBy', 'in', [subject.username, subject.id])
      .execute()
    return { assessmentsRun: assessments, referenceVersionsPublished: references }
  },
  async erase(_ctx, { subject, pseudonym }, trx) {
    const changed = await renameInColumns(
      trx,
      [
        ['assessments', 'created_by'],
        ['reference_versions', 'created_by'],
        ['questionnaires', 'created_by'],
      ],
      [subject.username],
      pseudonym.username,
    )
    return { assessmentRecords: changed }
  },
})
