import { registerPersonalDataProvider, scrubValue } from '../../platform/personal-data.js'
import { digestContent, newContentSalt } from './audit.hash.js'
import * as repo from './audit.repo.js'

/**
 * Audit entries the person caused or that mention them. Erasure pseudonymises their content and
 * deletes the content salt; the chain hash covers only the salted digest, so it still verifies,
 * and each such entry names the erasure entry that changed it (ADR 0007).
 */
registerPersonalDataProvider({
  name: 'audit',
  order: 900,
  async export(ctx, subject) {
    const rows = await ctx.db
      .selectFrom('auditEvents')
      .select(['seq', 'at', 'action', 'entityType', 'entityId', 'after'])
      .where('actorId', '=', subject.id)
      .orderBy('seq')
      .execute()
    return rows.map((row) => ({ ...row, after: row.after === null ? null : JSON.parse(row.after) }))
  },
  async erase(ctx, erasure, trx) {
    const { subject, pseudonym, erasureId, needles } = erasure
    const rows = await repo.findEntriesOfPerson(trx, ctx.dialect, subject.id, [...needles, subject.username])
    // The erasure entry records the digest of each pseudonymised entry's new content, so that
    // the new content is as tamper-evident as the old one was.
    const redacted: Record<string, string> = {}
    for (const row of rows) {
      const rewrite = (text: string | null) =>
        text === null ? null : JSON.stringify(scrubValue(JSON.parse(text), erasure))
      const content = {
        actorName: row.actorName === subject.username ? pseudonym.username : row.actorName,
        before: rewrite(row.before),
        after: rewrite(row.after),
      }
      const touchesPerson =
        row.actorId === subject.id ||
        content.actorName !== row.actorName ||
        content.before !== row.before ||
        content.after !== row.after
      if (!touchesPerson) continue
      const salt = newContentSalt()
      await repo.redactEntry(trx, row.seq, content, salt, erasureId)
      redacted[String(row.seq)] = digestContent(salt, content)
    }
    erasure.record.redactedAuditEntries = redacted
    return { redactedAuditEntries: Object.keys(redacted).length }
  },
})
