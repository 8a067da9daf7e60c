import { createHash } from 'node:crypto'
import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import type { ScreeningEntryTable, ScreeningHitTable, ScreeningListTable } from '../../platform/db/tables.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize, can } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import { getCollaboration } from '../collaborations/index.js'
import { notify } from '../notifications/index.js'
import { defaultListOf, type ImportFiles, parseListFile } from './screening.importers.js'
import { compareWithLists, type IndexEntry, type IndexHit, ScreeningIndex } from './screening.index.js'
import { compareNames, defaultThresholds, type Thresholds } from './screening.matcher.js'
import * as repo from './screening.repo.js'
import {
  type AdHocResult,
  type AdHocScreening,
  AdHocScreeningSchema,
  type CollaborationScreening,
  type Disposition,
  type DispositionInput,
  DispositionInputSchema,
  EntityTypeSchema,
  type ImportList,
  ImportListSchema,
  type ListChange,
  type ListEntry,
  type ListFormat,
  type ListKind,
  ListKindSchema,
  type ListVersion,
  listKindMeanings,
  type OwnEntryInput,
  OwnEntryInputSchema,
  type ParsedEntry,
  type PartnerPage,
  type PartnerScreening,
  type RegisterPartner,
  type ScreeningHit,
  type ScreeningList,
  ThresholdsSchema,
} from './screening.schema.js'

/** Collaborations in these statuses are re-screened when a list changes. */
export const screenedStatuses = ['draft', 'submitted', 'in_review', 'active', 'amendment_draft'] as const

const dayMs = 24 * 60 * 60 * 1000
const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
const strings = (text: string): string[] => {
  const value: unknown = parseJson(text, [])
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

// ---- lists

function toList(
  list: ScreeningListTable,
  version: repo.ListWithVersion['version'],
  now: Date,
): ScreeningList {
  const kind = ListKindSchema.parse(list.kind)
  const staleAt = version ? new Date(Date.parse(version.importedAt) + list.expectedUpdateDays * dayMs) : null
  return {
    id: list.id,
    key: list.key,
    name: list.name,
    kind,
    kindMeaning: listKindMeanings[kind],
    format: list.format,
    expectedUpdateDays: list.expectedUpdateDays,
    currentVersion: version?.version ?? null,
    importedAt: version?.importedAt ?? null,
    entryCount: version?.entryCount ?? 0,
    isStale: staleAt !== null && staleAt < now,
    staleSince: staleAt !== null && staleAt < now ? staleAt.toISOString() : null,
  }
}

/** Every list with its current version, counts and staleness. */
export async function listScreeningLists(ctx: Ctx): Promise<ScreeningList[]> {
  authorize(ctx.actor, 'screening.lists_read')
  const rows = await repo.listListsWithVersions(ctx.db)
  return rows.map(({ list, version }) => toList(list, version, ctx.now()))
}

function toVersion(row: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>): ListVersion {
  return { ...row, warnings: strings(row.warnings) }
}

/**
 * The versions of a list, newest first.
 * @throws AppError('not_found') for an unknown list
 */
export async function listListVersions(ctx: Ctx, listId: string): Promise<ListVersion[]> {
  authorize(ctx.actor, 'screening.lists_read')
  const list = await repo.findList(ctx.db, listId)
  if (!list) throw new AppError('not_found', 'No such list.')
  return (await repo.listVersions(ctx.db, listId)).map(toVersion)
}

/**
 * What a version added, removed and changed against the previous one.
 * @throws AppError('not_found') for an unknown version
 */
export async function listVersionChanges(ctx: Ctx, versionId: string): Promise<ListChange[]> {
  authorize(ctx.actor, 'screening.lists_read')
  const version = await repo.findVersion(ctx.db, versionId)
  if (!version) throw new AppError('not_found', 'No such list version.')
  const rows = await repo.listChanges(ctx.db, versionId)
  return rows.map((row) => ({
    change: row.change as ListChange['change'],
    entityKey: row.entityKey,
    name: row.name,
  }))
}

function toEntry(row: ScreeningEntryTable): ListEntry {
  return {
    id: row.id,
    entityKey: row.entityKey,
    entryHash: row.entryHash,
    entityType: EntityTypeSchema.parse(row.entityType),
    name: row.name,
    aliases: strings(row.aliases),
    formerNames: strings(row.formerNames),
    countries: strings(row.countries),
    details: parseJson<Record<string, string>>(row.details, {}),
  }
}

/**
 * The entries of a list's current version.
 * @throws AppError('not_found') for an unknown list
 */
export async function listListEntries(
  ctx: Ctx,
  listId: string,
  query: { q?: string; limit?: number; offset?: number },
): Promise<ListEntry[]> {
  authorize(ctx.actor, 'screening.lists_read')
  const version = await repo.findCurrentVersion(ctx.db, listId)
  if (!version) {
    if (!(await repo.findList(ctx.db, listId))) throw new AppError('not_found', 'No such list.')
    return []
  }
  return (await repo.listEntries(ctx.db, version.id, query)).map(toEntry)
}

/** The hash of an entry's content: a disposition holds for exactly this content. */
export function entryHashOf(entry: ParsedEntry): string {
  const { entityKey: _key, ...content } = entry
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32)
}

async function ensureList(
  trx: Db,
  ctx: Ctx,
  spec: { key: string; name: string; kind: ListKind; format: string; expectedUpdateDays: number },
): Promise<ScreeningListTable> {
  const existing = await repo.findListByKey(trx, spec.key)
  if (existing) return existing
  const row = { id: newId(), ...spec, createdAt: ctx.now().toISOString() }
  await repo.insertList(trx, row)
  return row
}

/** Writes a new version of a list with its diff against the previous one, and enqueues the re-screening. */
async function writeVersion(
  trx: Db,
  ctx: Ctx,
  list: ScreeningListTable,
  entries: readonly ParsedEntry[],
  file: { fileName: string; sha256: string; warnings: string[] },
): Promise<ListVersion> {
  const previous = await repo.findCurrentVersion(trx, list.id)
  const before = new Map(
    (previous ? await repo.listEntries(trx, previous.id) : []).map((row) => [row.entityKey, row] as const),
  )
  const versionId = newId()
  const rows: ScreeningEntryTable[] = []
  const changes: { entityKey: string; change: string; name: string }[] = []
  const seen = new Set<string>()
  for (const item of entries) {
    if (seen.has(item.entityKey)) continue
    seen.add(item.entityKey)
    const entryHash = entryHashOf(item)
    rows.push({
      id: newId(),
      versionId,
      entityKey: item.entityKey,
      entryHash,
      entityType: item.entityType,
      name: item.name,
      aliases: JSON.stringify(item.aliases),
      formerNames: JSON.stringify(item.formerNames),
      countries: JSON.stringify(item.countries),
      details: JSON.stringify(item.details),
    })
    const old = before.get(item.entityKey)
    if (!old) changes.push({ entityKey: item.entityKey, change: 'added', name: item.name })
    else if (old.entryHash !== entryHash)
      changes.push({ entityKey: item.entityKey, change: 'changed', name: item.name })
  }
  for (const [key, old] of before)
    if (!seen.has(key)) changes.push({ entityKey: key, change: 'removed', name: old.name })
  const count = (change: string) => changes.filter((item) => item.change === change).length
  const version = {
    id: versionId,
    listId: list.id,
    version: (previous?.version ?? 0) + 1,
    importedAt: ctx.now().toISOString(),
    importedBy: ctx.actor?.username ?? 'system',
    fileName: file.fileName,
    sha256: file.sha256,
    entryCount: rows.length,
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
    warnings: JSON.stringify(file.warnings),
  }
  await repo.insertVersion(trx, version, rows, changes)
  await recordAudit(trx, ctx, {
    action: 'screening.list_imported',
    entityType: 'screening_list',
    entityId: list.id,
    after: {
      list: list.key,
      version: version.version,
      entries: rows.length,
      added: version.added,
      removed: version.removed,
      changed: version.changed,
    },
  })
  const { rescreenAfterImport } = await import('./screening.jobs.js')
  const { enqueue } = await import('../../platform/jobs/index.js')
  await enqueue(trx, ctx, rescreenAfterImport, { versionId })
  return toVersion(version)
}

/**
 * Imports a list file as a new version of its list. A broken file is rejected whole and the
 * previous version stays current.
 * @throws AppError('validation') when the file does not have the format's structure
 */
export async function importList(ctx: Ctx, input: ImportList & { listKey?: string }): Promise<ListVersion> {
  authorize(ctx.actor, 'screening.lists_manage')
  const data = ImportListSchema.parse(input)
  const files: ImportFiles = { content: data.content, alt: data.alt, add: data.add }
  const parsed = parseListFile(data.format, files)
  const spec = defaultListOf[data.format]
  const sha256 = createHash('sha256')
    .update(data.content)
    .update(data.alt ?? '')
    .update(data.add ?? '')
    .digest('hex')
  return ctx.db.transaction().execute(async (trx) => {
    const list = await ensureList(trx, ctx, { ...spec, key: input.listKey ?? spec.key, format: data.format })
    return writeVersion(trx, ctx, list, parsed.entries, {
      fileName: data.fileName,
      sha256,
      warnings: parsed.warnings,
    })
  })
}

/** Adds an entry to the institution's own list (a new version of it). */
export async function addOwnListEntry(ctx: Ctx, input: OwnEntryInput): Promise<ListVersion> {
  authorize(ctx.actor, 'screening.lists_manage')
  const data = OwnEntryInputSchema.parse(input)
  return changeOwnList(ctx, (entries) => [
    ...entries,
    {
      entityKey: newId(),
      entityType: data.entityType,
      name: data.name,
      aliases: data.aliases,
      formerNames: [],
      countries: data.countries,
      details: data.reason ? { reason: data.reason } : {},
    },
  ])
}

/**
 * Removes an entry from the institution's own list (a new version without it).
 * @throws AppError('not_found') when the entry is not on the list
 */
export async function removeOwnListEntry(ctx: Ctx, entityKey: string): Promise<ListVersion> {
  authorize(ctx.actor, 'screening.lists_manage')
  return changeOwnList(ctx, (entries) => {
    if (!entries.some((item) => item.entityKey === entityKey))
      throw new AppError('not_found', 'No such entry on the own list.')
    return entries.filter((item) => item.entityKey !== entityKey)
  })
}

async function changeOwnList(
  ctx: Ctx,
  change: (entries: ParsedEntry[]) => ParsedEntry[],
): Promise<ListVersion> {
  return ctx.db.transaction().execute(async (trx) => {
    const list = await ensureList(trx, ctx, {
      key: 'own',
      name: 'Own list',
      kind: 'own',
      format: 'own',
      expectedUpdateDays: 3650,
    })
    const current = await repo.findCurrentVersion(trx, list.id)
    const entries = (current ? await repo.listEntries(trx, current.id) : []).map((row) => {
      const entry = toEntry(row)
      return { ...entry, entityKey: row.entityKey }
    })
    const next = change(entries.map(({ id: _id, entryHash: _hash, ...rest }) => rest))
    return writeVersion(trx, ctx, list, next, {
      fileName: 'own list (edited in Liaison)',
      sha256: '',
      warnings: [],
    })
  })
}

// ---- the index

const indexCache = new Map<
  string,
  Promise<{ index: ScreeningIndex; versions: Record<string, number>; stale: string[] }>
>()

/** The index over the current versions of every list (cached until a list changes). */
export async function currentIndex(ctx: Pick<Ctx, 'db' | 'now'>) {
  const lists = await repo.listListsWithVersions(ctx.db)
  const current = lists.filter((item) => item.version !== null)
  const key = current.map((item) => item.version?.id).join(',')
  let cached = indexCache.get(key)
  if (!cached) {
    cached = (async () => {
      const entries = await repo.listEntriesOfVersions(
        ctx.db,
        current.flatMap((item) => (item.version ? [item.version.id] : [])),
      )
      const byVersion = new Map(current.map((item) => [item.version?.id ?? '', item] as const))
      const indexEntries: IndexEntry[] = entries.flatMap((row) => {
        const owner = byVersion.get(row.versionId)
        if (!owner) return []
        const entry = toEntry(row)
        return [
          {
            id: row.id,
            listKey: owner.list.key,
            listName: owner.list.name,
            listKind: ListKindSchema.parse(owner.list.kind),
            entityKey: row.entityKey,
            entryHash: row.entryHash,
            entityType: entry.entityType,
            name: entry.name,
            aliases: entry.aliases,
            formerNames: entry.formerNames,
            countries: entry.countries,
          },
        ]
      })
      const versions = Object.fromEntries(current.map((item) => [item.list.key, item.version?.version ?? 0]))
      return { index: ScreeningIndex.build(indexEntries), versions, stale: [] }
    })()
    // Only the newest state is worth keeping.
    indexCache.clear()
    indexCache.set(key, cached)
  }
  const built = await cached
  const stale = current
    .filter((item) => toList(item.list, item.version, ctx.now()).isStale)
    .map((item) => item.list.name)
  return { ...built, stale, listCount: current.length }
}

/** The institution's thresholds (the shipped defaults until an admin sets them). */
export async function getThresholds(ctx: Pick<Ctx, 'db'>): Promise<Thresholds> {
  const row = await repo.findSettings(ctx.db)
  return row ? { match: row.matchThreshold, review: row.reviewThreshold } : defaultThresholds
}

/** Sets the two thresholds. */
export async function setThresholds(ctx: Ctx, input: Thresholds): Promise<Thresholds> {
  authorize(ctx.actor, 'screening.lists_manage')
  const data = ThresholdsSchema.parse(input)
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getThresholds({ db: trx })
    await repo.saveSettings(trx, {
      matchThreshold: data.match,
      reviewThreshold: data.review,
      updatedAt: ctx.now().toISOString(),
      updatedBy: ctx.actor?.username ?? 'system',
    })
    await recordAudit(trx, ctx, {
      action: 'screening.thresholds_set',
      entityType: 'screening_settings',
      entityId: 'default',
      before,
      after: data,
    })
  })
  return data
}

/** The institution's thresholds, for reading. */
export async function readThresholds(ctx: Ctx): Promise<Thresholds> {
  authorize(ctx.actor, 'screening.lists_read')
  return getThresholds(ctx)
}

/** Screens a name against the current lists without recording anything (the CLI and jobs build on it). */
export async function matchName(
  ctx: Pick<Ctx, 'db' | 'now'>,
  input: { name: string; country?: string | null; isPerson?: boolean },
): Promise<AdHocResult> {
  const { index, stale, listCount } = await currentIndex(ctx)
  const thresholds = await getThresholds(ctx)
  const hits = index.search(input.name, { isPerson: input.isPerson, country: input.country, thresholds })
  return { query: input.name, matches: hits.map(toNameMatch), staleLists: stale, listsScreened: listCount }
}

function toNameMatch(hit: IndexHit) {
  return {
    entityId: hit.entry.entityKey,
    list: hit.entry.listName,
    listKind: hit.entry.listKind,
    name: hit.entry.name,
    matchedName: hit.matchedName,
    score: hit.comparison.score,
    // The index returns only hits at or above the review threshold.
    verdict: hit.comparison.verdict === 'match' ? ('match' as const) : ('review' as const),
    explanation: hit.comparison.explanation,
  }
}

/**
 * Compares two names with the institution's thresholds and the aliases of the current lists
 * (the `liaison compare` command).
 */
export async function compareTwoNames(ctx: Pick<Ctx, 'db' | 'now'>, a: string, b: string, isPerson = false) {
  const { index, listCount } = await currentIndex(ctx)
  return compareWithLists(listCount > 0 ? index : null, a, b, {
    isPerson,
    thresholds: await getThresholds(ctx),
  })
}

/** Screens a name ad hoc (a reviewer's search box); every screening is logged. */
export async function screenNameAdHoc(ctx: Ctx, input: AdHocScreening): Promise<AdHocResult> {
  authorize(ctx.actor, 'screening.screen')
  const data = AdHocScreeningSchema.parse(input)
  const result = await matchName(ctx, data)
  const { versions } = await currentIndex(ctx)
  await ctx.db.transaction().execute(async (trx) => {
    const runId = newId()
    await repo.insertRun(
      trx,
      {
        id: runId,
        partnerId: null,
        collaborationId: null,
        partnerRef: null,
        query: data.name,
        country: data.country,
        isPerson: data.isPerson ? 1 : 0,
        trigger: 'ad_hoc',
        actorName: ctx.actor?.username ?? 'system',
        at: ctx.now().toISOString(),
        hitCount: result.matches.length,
        listVersions: JSON.stringify(versions),
      },
      [],
    )
    await recordAudit(trx, ctx, {
      action: 'screening.ad_hoc',
      entityType: 'screening_run',
      entityId: runId,
      after: {
        query: data.name,
        country: data.country,
        isPerson: data.isPerson,
        hits: result.matches.length,
      },
    })
  })
  return result
}

// ---- partners of collaborations

function toHitRow(runId: string, hit: IndexHit, versions: Record<string, number>): ScreeningHitTable {
  return {
    id: newId(),
    runId,
    listKey: hit.entry.listKey,
    listName: hit.entry.listName,
    listKind: hit.entry.listKind,
    listVersion: versions[hit.entry.listKey] ?? 0,
    entityKey: hit.entry.entityKey,
    entryHash: hit.entry.entryHash,
    name: hit.entry.name,
    matchedName: hit.matchedName,
    score: hit.comparison.score,
    verdict: hit.comparison.verdict,
    explanation: hit.comparison.explanation,
  }
}

/** Finds the register record a partner name means (same matcher), or creates one. */
async function resolveRegisterPartner(
  trx: Db,
  ctx: Ctx,
  partner: { nameOriginal: string; nameEnglish: string; country: string | null },
  thresholds: Thresholds,
): Promise<string> {
  const names = [partner.nameEnglish, partner.nameOriginal].filter((name) => name.trim() !== '')
  const register = await repo.listRegisterPartners(trx)
  for (const record of register) {
    const known = [record.name, record.nameOriginal, ...strings(record.aliases)].filter(Boolean)
    const isSame = names.some((name) =>
      known.some((other) => compareNames(name, other, { thresholds }).score >= thresholds.match),
    )
    if (isSame) {
      const aliases = [
        ...new Set([...strings(record.aliases), ...names.filter((name) => !known.includes(name))]),
      ]
      if (aliases.length !== strings(record.aliases).length) {
        await repo.updateRegisterPartner(trx, record.id, {
          aliases: JSON.stringify(aliases),
          updatedAt: ctx.now().toISOString(),
        })
      }
      return record.id
    }
  }
  const id = newId()
  const now = ctx.now().toISOString()
  await repo.insertRegisterPartner(trx, {
    id,
    name: partner.nameEnglish || partner.nameOriginal,
    nameOriginal: partner.nameOriginal,
    country: partner.country,
    aliases: '[]',
    mergedInto: null,
    createdAt: now,
    updatedAt: now,
  })
  await recordAudit(trx, ctx, {
    action: 'screening.partner_registered',
    entityType: 'screening_partner',
    entityId: id,
    after: partner,
  })
  return id
}

/** Screens one partner's names and merges the hits per entry. */
function screenPartnerNames(
  index: ScreeningIndex,
  partner: { nameOriginal: string; nameEnglish: string; country: string | null },
  thresholds: Thresholds,
): IndexHit[] {
  const best = new Map<string, IndexHit>()
  for (const name of [partner.nameEnglish, partner.nameOriginal]) {
    if (name.trim() === '') continue
    for (const hit of index.search(name, { country: partner.country, thresholds })) {
      const previous = best.get(hit.entry.id)
      if (!previous || previous.comparison.score < hit.comparison.score) best.set(hit.entry.id, hit)
    }
  }
  return [...best.values()].sort((a, b) => b.comparison.score - a.comparison.score)
}

/**
 * Screens every partner of a collaboration against the current lists and records the results
 * (used on save, on submit and on demand). Runs as the system; callers authorize.
 */
export async function screenCollaborationPartners(
  ctx: Ctx,
  collaborationId: string,
  trigger: string,
): Promise<number> {
  const { index, versions } = await currentIndex(ctx)
  const thresholds = await getThresholds(ctx)
  const partners = await repo.listCollaborationPartners(ctx.db, { collaborationId })
  let newHits = 0
  await ctx.db.transaction().execute(async (trx) => {
    const previous = await repo.listLatestRuns(trx, collaborationId)
    const previousHits = await repo.listHits(
      trx,
      [...previous.values()].map((run) => run.id),
    )
    for (const partner of partners) {
      const partnerId = partner.partnerId ?? (await resolveRegisterPartner(trx, ctx, partner, thresholds))
      if (!partner.partnerId) await repo.linkPartner(trx, collaborationId, partner.partnerRef, partnerId)
      const hits = screenPartnerNames(index, partner, thresholds)
      const before = previous.get(partner.partnerRef)
      const known = new Set(
        previousHits
          .filter((hit) => hit.runId === before?.id)
          .map((hit) => `${hit.listKey}|${hit.entityKey}|${hit.entryHash}`),
      )
      newHits += hits.filter(
        (hit) => !known.has(`${hit.entry.listKey}|${hit.entry.entityKey}|${hit.entry.entryHash}`),
      ).length
      const runId = newId()
      await repo.insertRun(
        trx,
        {
          id: runId,
          partnerId,
          collaborationId,
          partnerRef: partner.partnerRef,
          query: [partner.nameEnglish, partner.nameOriginal].filter(Boolean).join(' / '),
          country: partner.country,
          isPerson: 0,
          trigger,
          actorName: ctx.actor?.username ?? 'system',
          at: ctx.now().toISOString(),
          hitCount: hits.length,
          listVersions: JSON.stringify(versions),
        },
        hits.map((hit) => toHitRow(runId, hit, versions)),
      )
    }
    await recordAudit(trx, ctx, {
      action: 'screening.collaboration_screened',
      entityType: 'collaboration',
      entityId: collaborationId,
      after: { trigger, partners: partners.length, newHits },
    })
    if (newHits > 0) await notifyNewHits(trx, ctx, [collaborationId])
  })
  return newHits
}

async function notifyNewHits(trx: Db, ctx: Ctx, collaborationIds: readonly string[]): Promise<void> {
  const reviewers = await repo.listUserIdsWithRole(trx, ['office_reviewer'])
  for (const collaborationId of collaborationIds) {
    const members = await repo.listMemberIds(trx, collaborationId)
    await notify(trx, ctx, {
      userIds: [...members, ...reviewers],
      kind: 'screening_hit',
      subject: { de: 'Neue Treffer beim Partner-Screening', en: 'New partner screening hits' },
      body: {
        de: 'Ein Partner des Falls steht (möglicherweise) auf einer Liste. Die Treffer und ihre Begründung stehen auf der Fallseite.',
        en: 'A partner of the case (possibly) appears on a list. The hits and why they match are on the case page.',
      },
      link: `/collaborations/${collaborationId}`,
      entity: { type: 'collaboration', id: collaborationId },
    })
  }
}

/**
 * Re-screens the partners of every open collaboration after a list version was imported,
 * matching only the entries that changed (removed or changed entries drop their old hits).
 */
export async function rescreenAfterListVersion(
  ctx: Ctx,
  versionId: string,
): Promise<{ partners: number; newHits: number }> {
  const version = await repo.findVersion(ctx.db, versionId)
  if (!version) return { partners: 0, newHits: 0 }
  const list = await repo.findList(ctx.db, version.listId)
  if (!list) return { partners: 0, newHits: 0 }
  const changes = await repo.listChanges(ctx.db, versionId)
  const fresh = new Set(
    changes.filter((change) => change.change !== 'removed').map((change) => change.entityKey),
  )
  const gone = new Set(
    changes.filter((change) => change.change !== 'added').map((change) => change.entityKey),
  )
  const { versions } = await currentIndex(ctx)
  const thresholds = await getThresholds(ctx)
  const delta = ScreeningIndex.build(
    (await repo.listEntries(ctx.db, versionId))
      .filter((row) => fresh.has(row.entityKey))
      .map((row) => {
        const entry = toEntry(row)
        return {
          ...entry,
          id: row.id,
          listKey: list.key,
          listName: list.name,
          listKind: ListKindSchema.parse(list.kind),
        }
      }),
    { bridge: false },
  )
  const partners = await repo.listCollaborationPartners(ctx.db, { statuses: screenedStatuses })
  const touched = new Set<string>()
  let newHits = 0
  await ctx.db.transaction().execute(async (trx) => {
    const unscreened = new Set<string>()
    for (const partner of partners) {
      const latest = (await repo.listLatestRuns(trx, partner.collaborationId)).get(partner.partnerRef)
      if (!latest || !partner.partnerId) {
        unscreened.add(partner.collaborationId)
        continue
      }
      const previousHits = await repo.listHits(trx, [latest.id])
      const kept = previousHits.filter((hit) => !(hit.listKey === list.key && gone.has(hit.entityKey)))
      const added = changes.length === 0 ? [] : screenPartnerNames(delta, partner, thresholds)
      if (added.length === 0 && kept.length === previousHits.length) continue
      const runId = newId()
      await repo.insertRun(
        trx,
        {
          ...latest,
          id: runId,
          trigger: 'list_update',
          actorName: ctx.actor?.username ?? 'system',
          at: ctx.now().toISOString(),
          hitCount: kept.length + added.length,
          listVersions: JSON.stringify(versions),
        },
        [
          ...kept.map((hit) => ({ ...hit, id: newId(), runId })),
          ...added.map((hit) => toHitRow(runId, hit, versions)),
        ],
      )
      if (added.length > 0) {
        newHits += added.length
        touched.add(partner.collaborationId)
      }
    }
    await recordAudit(trx, ctx, {
      action: 'screening.rescreened',
      entityType: 'screening_list_version',
      entityId: versionId,
      after: { list: list.key, version: version.version, partners: partners.length, newHits },
    })
    if (touched.size > 0) await notifyNewHits(trx, ctx, [...touched])
    for (const collaborationId of unscreened) touched.add(collaborationId)
  })
  // Partners never screened before get a full screening.
  for (const partner of partners) {
    if (!partner.partnerId) {
      newHits += await screenCollaborationPartners(ctx, partner.collaborationId, 'list_update')
    }
  }
  return { partners: partners.length, newHits }
}

/**
 * Screens the partners of a case now (a reviewer's request) and answers the results.
 * @throws AppError('not_found') when the case does not exist or is not visible
 */
export async function screenCollaborationNow(
  ctx: Ctx,
  collaborationId: string,
): Promise<CollaborationScreening> {
  authorize(ctx.actor, 'screening.screen')
  await getCollaboration(ctx, collaborationId)
  await screenCollaborationPartners(ctx, collaborationId, 'on_demand')
  return readCollaborationScreening(ctx, collaborationId)
}

/**
 * The screening results of a case: each partner's latest screening with hits, explanations and
 * remembered dispositions. A partner never screened is "not_screened", never "no hits".
 * @throws AppError('not_found') when the case does not exist or is not visible
 */
export async function getCollaborationScreening(
  ctx: Ctx,
  collaborationId: string,
): Promise<CollaborationScreening> {
  authorize(ctx.actor, 'screening.results_read')
  await getCollaboration(ctx, collaborationId)
  return readCollaborationScreening(ctx, collaborationId)
}

async function readCollaborationScreening(
  ctx: Ctx,
  collaborationId: string,
): Promise<CollaborationScreening> {
  const partners = await repo.listCollaborationPartners(ctx.db, { collaborationId })
  const latest = await repo.listLatestRuns(ctx.db, collaborationId)
  const hits = await repo.listHits(
    ctx.db,
    [...latest.values()].map((run) => run.id),
  )
  const partnerIds = partners.flatMap((partner) => (partner.partnerId ? [partner.partnerId] : []))
  const dispositions = await repo.listDispositions(ctx.db, partnerIds)
  const lists = await repo.listListsWithVersions(ctx.db)
  const stale = lists
    .filter((item) => toList(item.list, item.version, ctx.now()).isStale)
    .map((item) => item.list.name)
  const result: PartnerScreening[] = partners.map((partner) => {
    const run = latest.get(partner.partnerRef)
    const partnerHits: ScreeningHit[] = hits
      .filter((hit) => hit.runId === run?.id)
      .map((hit) => {
        const disposition = dispositions.find(
          (item) =>
            item.partnerId === partner.partnerId &&
            item.listKey === hit.listKey &&
            item.entityKey === hit.entityKey &&
            item.entryHash === hit.entryHash,
        )
        return {
          id: hit.id,
          listKey: hit.listKey,
          listName: hit.listName,
          listKind: ListKindSchema.parse(hit.listKind),
          listVersion: hit.listVersion,
          entityKey: hit.entityKey,
          entryHash: hit.entryHash,
          name: hit.name,
          matchedName: hit.matchedName,
          score: hit.score,
          verdict: hit.verdict === 'match' ? 'match' : 'review',
          explanation: hit.explanation,
          disposition: disposition
            ? {
                decision: disposition.decision === 'confirmed' ? 'confirmed' : 'false_positive',
                reason: disposition.reason,
                decidedBy: disposition.decidedBy,
                decidedAt: disposition.decidedAt,
              }
            : null,
        }
      })
    const open = partnerHits.some((hit) => hit.disposition === null)
    return {
      partnerRef: partner.partnerRef,
      partnerId: partner.partnerId,
      name: partner.nameEnglish || partner.nameOriginal,
      country: partner.country,
      status: !run ? 'not_screened' : partnerHits.length === 0 ? 'no_hits' : open ? 'open_hits' : 'hits',
      screenedAt: run?.at ?? null,
      hits: partnerHits,
    }
  })
  return {
    collaborationId,
    partners: result,
    staleLists: stale,
    listsScreened: lists.filter((item) => item.version).length,
  }
}

/**
 * Records a reviewer's disposition of a hit: remembered for this partner and this entry version.
 * @throws AppError('not_found') for an unknown partner
 */
export async function recordDisposition(ctx: Ctx, input: DispositionInput): Promise<Disposition> {
  authorize(ctx.actor, 'screening.dispose')
  const data = DispositionInputSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => {
    const partner = await repo.findRegisterPartner(trx, data.partnerId)
    if (!partner) throw new AppError('not_found', 'No such partner.')
    const row = {
      id: newId(),
      ...data,
      decidedBy: ctx.actor?.username ?? 'system',
      decidedAt: ctx.now().toISOString(),
    }
    await repo.insertDisposition(trx, row)
    await recordAudit(trx, ctx, {
      action: 'screening.hit_dispositioned',
      entityType: 'screening_partner',
      entityId: data.partnerId,
      after: data,
    })
    return row
  })
}

// ---- the partner register

function toRegisterPartner(
  row: NonNullable<Awaited<ReturnType<typeof repo.findRegisterPartner>>>,
): RegisterPartner {
  return {
    id: row.id,
    name: row.name,
    nameOriginal: row.nameOriginal,
    country: row.country,
    aliases: strings(row.aliases),
    mergedInto: row.mergedInto,
    createdAt: row.createdAt,
  }
}

/** Register records a typed name may mean (the same matcher), best first. */
export async function suggestPartners(ctx: Ctx, name: string): Promise<RegisterPartner[]> {
  authorize(ctx.actor, 'partner.suggest')
  const thresholds = await getThresholds(ctx)
  const register = await repo.listRegisterPartners(ctx.db)
  return register
    .map((record) => {
      const known = [record.name, record.nameOriginal, ...strings(record.aliases)].filter(Boolean)
      // Either may be the unit of the other ("School of …, X" typed, "X" registered, or the reverse).
      const scores = known.flatMap((other) => [
        compareNames(name, other).score,
        compareNames(other, name).score,
      ])
      return { record, score: Math.max(0, ...scores) }
    })
    .filter((item) => item.score >= thresholds.review)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map((item) => toRegisterPartner(item.record))
}

/**
 * A partner's page: collaborations, screening history, dispositions and notes, including those
 * of records merged into it.
 * @throws AppError('not_found') for an unknown partner
 */
export async function getPartnerPage(ctx: Ctx, partnerId: string): Promise<PartnerPage> {
  authorize(ctx.actor, 'partner.read')
  const partner = await repo.findRegisterPartner(ctx.db, partnerId)
  if (!partner) throw new AppError('not_found', 'No such partner.')
  const all = await ctx.db.selectFrom('screeningPartners').select(['id', 'mergedInto']).execute()
  const ids = [partnerId]
  for (let added = true; added; ) {
    added = false
    for (const row of all) {
      if (row.mergedInto && ids.includes(row.mergedInto) && !ids.includes(row.id)) {
        ids.push(row.id)
        added = true
      }
    }
  }
  const runs = await repo.listPartnerRuns(ctx.db, ids)
  return {
    partner: toRegisterPartner(partner),
    collaborations: await repo.listPartnerCollaborations(ctx.db, ids),
    screenings: runs.map((run) => ({ id: run.id, at: run.at, trigger: run.trigger, hitCount: run.hitCount })),
    dispositions: (await repo.listDispositions(ctx.db, ids)).map((row) => ({
      ...row,
      decision: row.decision === 'confirmed' ? 'confirmed' : 'false_positive',
    })),
    notes: await repo.listNotes(ctx.db, ids),
  }
}

/** Every register partner (not merged away). */
export async function listPartners(ctx: Ctx): Promise<RegisterPartner[]> {
  authorize(ctx.actor, 'partner.read')
  return (await repo.listRegisterPartners(ctx.db)).map(toRegisterPartner)
}

/**
 * Adds a reviewer's note to a partner.
 * @throws AppError('not_found') for an unknown partner
 */
export async function addPartnerNote(ctx: Ctx, partnerId: string, body: string): Promise<PartnerPage> {
  authorize(ctx.actor, 'partner.edit')
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findRegisterPartner(trx, partnerId))) throw new AppError('not_found', 'No such partner.')
    const id = newId()
    await repo.insertNote(trx, {
      id,
      partnerId,
      body,
      author: ctx.actor?.username ?? 'system',
      createdAt: ctx.now().toISOString(),
    })
    await recordAudit(trx, ctx, {
      action: 'screening.partner_note_added',
      entityType: 'screening_partner',
      entityId: partnerId,
      after: { body },
    })
  })
  return getPartnerPage(ctx, partnerId)
}

/**
 * Merges another register record into this one: links move, both histories stay readable.
 * @throws AppError('not_found') for unknown partners, AppError('conflict') when merging a record into itself
 */
export async function mergePartners(ctx: Ctx, partnerId: string, otherId: string): Promise<PartnerPage> {
  authorize(ctx.actor, 'partner.edit')
  if (partnerId === otherId) throw new AppError('conflict', 'A partner cannot be merged into itself.')
  await ctx.db.transaction().execute(async (trx) => {
    const target = await repo.findRegisterPartner(trx, partnerId)
    const other = await repo.findRegisterPartner(trx, otherId)
    if (!target || !other || target.mergedInto || other.mergedInto)
      throw new AppError('not_found', 'No such partner.')
    const aliases = [
      ...new Set([...strings(target.aliases), other.name, other.nameOriginal, ...strings(other.aliases)]),
    ].filter((name) => name && name !== target.name)
    await repo.updateRegisterPartner(trx, partnerId, {
      aliases: JSON.stringify(aliases),
      updatedAt: ctx.now().toISOString(),
    })
    await repo.updateRegisterPartner(trx, otherId, {
      mergedInto: partnerId,
      updatedAt: ctx.now().toISOString(),
    })
    await repo.relinkPartner(trx, otherId, partnerId)
    await recordAudit(trx, ctx, {
      action: 'screening.partners_merged',
      entityType: 'screening_partner',
      entityId: partnerId,
      after: { merged: otherId },
    })
  })
  return getPartnerPage(ctx, partnerId)
}

/** Whether the actor may see screening results at all (for the UI). */
export function canScreen(ctx: Ctx): boolean {
  return can(ctx.actor, 'screening.screen')
}

/** The format's default list (for the CLI's report). */
export function listSpecOf(format: ListFormat) {
  return defaultListOf[format]
}
