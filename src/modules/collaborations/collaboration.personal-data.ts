import type { Db } from '../../platform/db/database.js'
import { type Erasure, registerPersonalDataProvider, scrubValue } from '../../platform/personal-data.js'

/** Cases the person created or is named on, attachments they uploaded, and the cases they opened. */
registerPersonalDataProvider({
  name: 'collaborations',
  order: 40,
  async export(ctx, subject) {
    const memberships = await ctx.db
      .selectFrom('collaborationMembers')
      .innerJoin('collaborations', 'collaborations.id', 'collaborationMembers.collaborationId')
      .select([
        'collaborations.id',
        'collaborations.reference',
        'collaborations.title',
        'collaborations.status',
        'collaborationMembers.role',
        'collaborations.createdAt',
      ])
      .where('collaborationMembers.userId', '=', subject.id)
      .execute()
    const created = await ctx.db
      .selectFrom('collaborations')
      .select(['id', 'reference', 'title', 'status', 'createdAt'])
      .where('createdBy', '=', subject.id)
      .execute()
    const attachments = await ctx.db
      .selectFrom('attachments')
      .innerJoin('collaborations', 'collaborations.id', 'attachments.collaborationId')
      .select([
        'attachments.id',
        'collaborations.reference',
        'attachments.fileName',
        'attachments.size',
        'attachments.createdAt',
        'attachments.removedAt',
      ])
      .where('attachments.uploadedBy', '=', subject.displayName)
      .execute()
    const caseAccess = await ctx.db
      .selectFrom('caseAccessLog')
      .innerJoin('collaborations', 'collaborations.id', 'caseAccessLog.collaborationId')
      .select(['collaborations.reference', 'caseAccessLog.via', 'caseAccessLog.at'])
      .where('caseAccessLog.userId', '=', subject.id)
      .orderBy('caseAccessLog.at')
      .execute()
    return { createdCases: created, namedOnCases: memberships, attachmentsUploaded: attachments, caseAccess }
  },
  async erase(_ctx, erasure, trx) {
    const { subject, pseudonym } = erasure
    const access = await trx
      .updateTable('caseAccessLog')
      .set({ userName: pseudonym.username })
      .where('userId', '=', subject.id)
      .executeTakeFirst()
    await trx
      .updateTable('attachments')
      .set({ uploadedBy: pseudonym.displayName })
      .where('uploadedBy', 'in', [subject.displayName, subject.username])
      .execute()
    const sheets = await renamePeopleInSheets(trx, erasure)
    return { caseAccessEntries: Number(access.numUpdatedRows), dataSheets: sheets }
  },
})

/** Internal people in data sheets that are linked to the user get the pseudonym as their name. */
async function renamePeopleInSheets(trx: Db, erasure: Erasure): Promise<number> {
  const { subject } = erasure
  const ids = (
    await trx
      .selectFrom('collaborationMembers')
      .select('collaborationId')
      .where('userId', '=', subject.id)
      .execute()
  ).map((row) => row.collaborationId)
  const created = (
    await trx.selectFrom('collaborations').select('id').where('createdBy', '=', subject.id).execute()
  ).map((row) => row.id)
  const caseIds = [...new Set([...ids, ...created])]
  if (caseIds.length === 0) return 0
  let changed = 0
  const cases = await trx
    .selectFrom('collaborations')
    .select(['id', 'sheet'])
    .where('id', 'in', caseIds)
    .execute()
  for (const row of cases) {
    const sheet = renameInSheet(row.sheet, erasure)
    if (sheet !== row.sheet) {
      await trx.updateTable('collaborations').set({ sheet }).where('id', '=', row.id).execute()
      changed++
    }
  }
  const versions = await trx
    .selectFrom('collaborationVersions')
    .select(['collaborationId', 'version', 'sheet'])
    .where('collaborationId', 'in', caseIds)
    .execute()
  for (const row of versions) {
    const sheet = renameInSheet(row.sheet, erasure)
    if (sheet !== row.sheet) {
      await trx
        .updateTable('collaborationVersions')
        .set({ sheet })
        .where('collaborationId', '=', row.collaborationId)
        .where('version', '=', row.version)
        .execute()
      changed++
    }
  }
  return changed
}

function renameInSheet(text: string, erasure: Erasure): string {
  const sheet = JSON.parse(text) as Record<string, unknown>
  for (const key of ['principalInvestigators', 'members']) {
    const people = sheet[key]
    if (!Array.isArray(people)) continue
    sheet[key] = people.map((person: { userId?: string | null; name?: string }) =>
      person.userId === erasure.subject.id ? { ...person, name: erasure.pseudonym.displayName } : person,
    )
  }
  return JSON.stringify(scrubValue(sheet, erasure))
}
