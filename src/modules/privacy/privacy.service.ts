import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import {
  type DataSubject,
  type Erasure,
  type ErasureCounts,
  identifyingStrings,
  personalDataProviders,
  registerPersonalDataProvider,
  scrubText,
} from '../../platform/personal-data.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../access/index.js'
import { erasureAction, recordAudit } from '../audit/index.js'
import * as repo from './privacy.repo.js'
import type {
  DataSubjectSummary,
  EraseRequest,
  ErasureResult,
  PersonalDataExport,
  RetentionRun,
} from './privacy.schema.js'

// The last provider of every erasure: free-text mentions anywhere (descriptions, comments, JSON).
registerPersonalDataProvider({
  name: 'free_text',
  order: 1000,
  async export() {
    return undefined
  },
  async erase(ctx, erasure, trx) {
    return { textFieldsChanged: await repo.scrubAllText(trx, ctx.dialect, erasure) }
  },
})

/** People matching a search, for the personal-data page. */
export async function searchDataSubjects(ctx: Ctx, q: string): Promise<DataSubjectSummary[]> {
  authorize(ctx.actor, 'personal_data.manage')
  return (await repo.searchUsers(ctx.db, q)).map(toSummary)
}

/**
 * Everything Liaison holds about a person, as JSON: one section per registered provider.
 * @throws AppError('not_found') for an unknown user
 */
export async function exportPersonalData(ctx: Ctx, userId: string): Promise<PersonalDataExport> {
  authorize(ctx.actor, 'personal_data.manage')
  return exportUnchecked(ctx, userId)
}

/** The signed-in person's own data. */
export async function exportMyData(ctx: Ctx): Promise<PersonalDataExport> {
  authorize(ctx.actor, 'personal_data.export_own', { kind: 'user', id: ctx.actor?.id ?? '' })
  return exportUnchecked(ctx, ctx.actor.id)
}

async function exportUnchecked(ctx: Ctx, userId: string): Promise<PersonalDataExport> {
  const subject = await loadSubject(ctx.db, userId)
  const sections: Record<string, unknown> = {}
  for (const provider of personalDataProviders()) {
    const data = await provider.export(ctx, subject)
    if (data !== undefined) sections[provider.name] = data
  }
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'personal_data.exported',
      entityType: 'user',
      entityId: userId,
      after: { sections: Object.keys(sections) },
    }),
  )
  return { exportedAt: ctx.now().toISOString(), subject, sections }
}

/**
 * Erases a person on request: identifying data are replaced by a pseudonym in every table,
 * sessions end, tokens are revoked, the account is disabled, and audit entries are
 * pseudonymised without breaking the chain. The erasure is audited with counts only.
 * @throws AppError('not_found') for an unknown user, AppError('validation') when the
 *   confirmation does not match or the person is the actor, AppError('conflict') when already erased
 */
export async function erasePersonalData(
  ctx: Ctx,
  userId: string,
  input: EraseRequest,
): Promise<ErasureResult> {
  authorize(ctx.actor, 'personal_data.manage')
  if (userId === ctx.actor.id) {
    throw new AppError('validation', 'You cannot erase your own account; ask another administrator.', {
      fields: [{ field: 'userId', message: 'Your own account' }],
    })
  }
  const row = await repo.findUserRow(ctx.db, userId)
  if (!row) throw new AppError('not_found', 'No such user.')
  if (row.erasedAt) throw new AppError('conflict', 'This person has already been erased.')
  if (input.confirmUsername !== row.username) {
    throw new AppError('validation', 'Type the username of the person to confirm the erasure.', {
      fields: [{ field: 'confirmUsername', message: 'Does not match the username' }],
    })
  }
  const subject: DataSubject = {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
  }
  const tag = newId().replaceAll('-', '').slice(-8)
  const pseudonym = {
    username: `erased-${tag}`,
    displayName: `Person ${tag}`,
    email: `erased-${tag}@invalid.invalid`,
  }
  const erasure: Erasure = {
    subject,
    pseudonym,
    erasureId: newId(),
    needles: identifyingStrings(subject),
    record: {},
  }
  const counts: Record<string, ErasureCounts> = {}
  const erasedAt = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    for (const provider of personalDataProviders()) {
      counts[provider.name] = await provider.erase(ctx, erasure, trx)
    }
    await recordAudit(trx, ctx, {
      id: erasure.erasureId,
      action: erasureAction,
      entityType: 'user',
      entityId: userId,
      after: {
        pseudonym: pseudonym.username,
        // The reason is recorded, but not any mention of the person in it.
        reason: scrubText(input.reason, erasure),
        counts,
        ...erasure.record,
      },
    })
  })
  return { userId, pseudonym: pseudonym.username, erasedAt, counts }
}

async function loadSubject(db: Db, userId: string): Promise<DataSubject> {
  const row = await repo.findUserRow(db, userId)
  if (!row) throw new AppError('not_found', 'No such user.')
  return { id: row.id, username: row.username, displayName: row.displayName, email: row.email }
}

function toSummary(row: NonNullable<Awaited<ReturnType<typeof repo.findUserRow>>>): DataSubjectSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    isActive: row.isActive === 1,
    erasedAt: row.erasedAt ?? null,
  }
}

// ---- retention

/** The label that replaces people's names on archived cases. */
export const archivedPersonLabel = '[archiviert / archived]'

/**
 * Archives ended and withdrawn cases whose last change is older than the configured period:
 * they keep the decision record (decision, conditions, office advice) and lose what the
 * configuration says to drop (attachments, with their files, and personal data). Each case is
 * archived in its own transaction and audited.
 */
export async function archiveExpiredCases(ctx: Ctx, limit = 200): Promise<RetentionRun> {
  const { archiveAfterDays, dropAttachments, dropPersonalData } = ctx.config.retention
  const cutoff = new Date(ctx.now().getTime() - archiveAfterDays * 86_400_000).toISOString()
  const archived: RetentionRun['archived'] = []
  let attachmentsDeleted = 0
  if (archiveAfterDays <= 0) return { archived, attachmentsDeleted, cutoff }
  for (const row of await repo.findCasesToArchive(ctx.db, cutoff, limit)) {
    const keys: string[] = []
    await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.now().toISOString()
      const dropped: Record<string, number> = {}
      if (dropAttachments) {
        const files = await repo.liveAttachments(trx, row.id)
        await repo.removeAttachments(trx, row.id, now)
        keys.push(...files.map((file) => file.storageKey))
        dropped.attachments = files.length
      }
      if (dropPersonalData)
        Object.assign(dropped, await repo.dropCasePersonalData(trx, row.id, archivedPersonLabel))
      const note = { dropped, archiveAfterDays }
      await repo.markArchived(trx, row.id, now, JSON.stringify(note))
      await recordAudit(trx, ctx, {
        action: 'collaboration.archived',
        entityType: 'collaboration',
        entityId: row.id,
        before: { status: row.status },
        after: note,
      })
    })
    // Files go after the commit, and only when no other live attachment shares the content.
    for (const key of new Set(keys)) {
      if (!(await repo.isStorageKeyInUse(ctx.db, key))) {
        await ctx.storage.delete(key)
        attachmentsDeleted++
      }
    }
    archived.push({ id: row.id, reference: row.reference })
  }
  if (archived.length > 0) ctx.log.info({ archived: archived.length, attachmentsDeleted }, 'retention run')
  return { archived, attachmentsDeleted, cutoff }
}

/** Runs retention now (admin, from the personal-data page or the API). */
export async function runRetention(ctx: Ctx): Promise<RetentionRun> {
  authorize(ctx.actor, 'personal_data.manage')
  return archiveExpiredCases(ctx)
}
