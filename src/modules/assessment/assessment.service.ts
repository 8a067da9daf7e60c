import { z } from 'zod'
import type { Ctx } from '../../platform/context.js'
import { type Db, lockUntilCommit } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize, type PolicyResource } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import {
  type Collaboration,
  collaborationResource,
  DataSheetSchema,
  getCollaboration,
  loadCaseSnapshot,
} from '../collaborations/index.js'
import { contentHash, parseAnnex, shippedReferenceData } from './assessment.data.js'
import { assess } from './assessment.engine.js'
import { type AssessmentIndex, buildIndex, type ReferenceSet } from './assessment.index.js'
import * as repo from './assessment.repo.js'
import { parseCondition, RuleSyntaxError } from './assessment.rules.js'
import {
  type AdHocAssessment,
  AdHocAssessmentSchema,
  AnnexDocumentSchema,
  type AnnexEntryView,
  type AnnexImportReport,
  type Assessment,
  type AssessmentResult,
  AssessmentResultSchema,
  type Checklist,
  type ChecklistContent,
  type ChecklistInput,
  ChecklistInputSchema,
  type NoGoRule,
  NoGoRuleSchema,
  type NoGoRules,
  type NoGoRulesInput,
  NoGoRulesInputSchema,
  type ReferenceKind,
  ReferenceKindSchema,
  type ReferenceVersion,
  type SensitiveArea,
  SensitiveAreaSchema,
  type SensitiveAreas,
  type SensitiveAreasInput,
  SensitiveAreasInputSchema,
  VocabularySchema,
  WeightsSchema,
} from './assessment.schema.js'

// ---- reference data

interface StoredVersion {
  id: string
  version: number
  label: string
  content: string
}

async function insertReferenceVersion(
  trx: Db,
  ctx: Ctx,
  kind: ReferenceKind,
  key: string,
  label: string,
  content: unknown,
  hashed: unknown = content,
): Promise<StoredVersion> {
  const latest = await repo.findLatestVersion(trx, kind, key)
  const row = {
    id: newId(),
    kind,
    key,
    version: (latest?.version ?? 0) + 1,
    label,
    contentHash: contentHash(hashed),
    content: JSON.stringify(content),
    createdAt: ctx.now().toISOString(),
    createdBy: ctx.actor?.username ?? 'system',
  }
  await repo.insertVersion(trx, row)
  await recordAudit(trx, ctx, {
    action: 'reference.version_created',
    entityType: `reference.${kind}`,
    entityId: row.id,
    // The Annex is large and its entries are rows of their own: the trail records its version and hash.
    before: latest
      ? { version: latest.version, content: kind === 'annex' ? undefined : JSON.parse(latest.content) }
      : undefined,
    after: {
      key,
      version: row.version,
      label,
      contentHash: row.contentHash,
      content: kind === 'annex' ? undefined : content,
    },
  })
  return row
}

/**
 * Publishes the data shipped in `data/` on first use: the Annex, the areas, the rules and the
 * checklists once (afterwards the admin owns them), the vocabulary and the weights whenever the
 * shipped file changed (they are maintained with the code).
 */
export async function ensureReferenceData(ctx: Ctx): Promise<void> {
  const missing = await Promise.all(
    (['annex', 'vocabulary', 'sensitive_areas', 'no_go_rules', 'weights'] as const).map(
      async (kind) => (await repo.findLatestVersion(ctx.db, kind)) === undefined,
    ),
  )
  const shipped = lazyShipped()
  const vocabularyLatest = await repo.findLatestVersion(ctx.db, 'vocabulary')
  const weightsLatest = await repo.findLatestVersion(ctx.db, 'weights')
  const isStale =
    (vocabularyLatest !== undefined && vocabularyLatest.contentHash !== contentHash(shipped().vocabulary)) ||
    (weightsLatest !== undefined && weightsLatest.contentHash !== contentHash(shipped().weights))
  if (!missing.includes(true) && !isStale) return
  await ctx.db.transaction().execute(async (trx) => {
    const data = shipped()
    const trxCtx = { ...ctx, db: trx }
    // Another instance may be seeding at this moment: one at a time, and every check is repeated
    // inside the transaction.
    await lockUntilCommit(trx, ctx.dialect, 'liaison.reference-data')
    if (!(await repo.findLatestVersion(trx, 'annex'))) await storeAnnex(trx, trxCtx, data.annex)
    for (const [kind, content] of [
      ['vocabulary', data.vocabulary],
      ['weights', data.weights],
    ] as const) {
      const latest = await repo.findLatestVersion(trx, kind)
      if (!latest || latest.contentHash !== contentHash(content))
        await insertReferenceVersion(trx, trxCtx, kind, '', 'shipped', content)
    }
    if (!(await repo.findLatestVersion(trx, 'sensitive_areas')))
      await insertReferenceVersion(trx, trxCtx, 'sensitive_areas', '', 'EU critical technology areas 2023', {
        areas: data.areas,
      })
    if (!(await repo.findLatestVersion(trx, 'no_go_rules')))
      await insertReferenceVersion(trx, trxCtx, 'no_go_rules', '', 'shipped', { rules: data.noGoRules })
    if ((await repo.listLatestByKey(trx, 'checklist')).length === 0)
      for (const checklist of data.checklists)
        await insertReferenceVersion(trx, trxCtx, 'checklist', checklist.key, checklist.titleEn, checklist)
  })
}

// The shipped files are read at most once per process, and only when needed.
let shippedCache: ReturnType<typeof shippedReferenceData> | undefined
function lazyShipped() {
  return () => {
    shippedCache ??= shippedReferenceData()
    return shippedCache
  }
}

async function storeAnnex(
  trx: Db,
  ctx: Ctx,
  annex: ReturnType<typeof parseAnnex>,
): Promise<{ version: StoredVersion; isNew: boolean }> {
  const hashed = { label: annex.label, documents: annex.documents, entries: annex.entries }
  const latest = await repo.findLatestVersion(trx, 'annex')
  if (latest && latest.contentHash === contentHash(hashed)) return { version: latest, isNew: false }
  // The hash covers the entries; the version row keeps the documents, the entries go to their table.
  const content = { label: annex.label, documents: annex.documents }
  const stored = await insertReferenceVersion(trx, ctx, 'annex', '', annex.label, content, hashed)
  await repo.insertAnnexEntries(trx, stored.id, annex.entries)
  return { version: stored, isNew: true }
}

/**
 * Imports an Annex I file as a new version, unless its content equals the newest version.
 * For the command line (the system actor); every earlier version is kept.
 * @throws ZodError when the file is not an Annex file, SyntaxError when it is not JSON
 */
export async function importAnnexUnchecked(ctx: Ctx, json: string): Promise<AnnexImportReport> {
  const annex = parseAnnex(json)
  await ensureReferenceData(ctx)
  return ctx.db.transaction().execute(async (trx) => {
    const { version, isNew } = await storeAnnex(trx, { ...ctx, db: trx }, annex)
    return { version: version.version, label: version.label, entries: annex.entries.length, isNew }
  })
}

const indexCache = new Map<string, AssessmentIndex>()

async function requireLatest(db: Db, kind: ReferenceKind): Promise<repo.ReferenceVersionRow> {
  const row = await repo.findLatestVersion(db, kind)
  if (!row) throw new AppError('internal', `No ${kind} reference data is stored.`)
  return row
}

/** The compiled index over the newest reference versions (built once per combination of versions). */
async function currentIndex(ctx: Ctx): Promise<AssessmentIndex> {
  await ensureReferenceData(ctx)
  const [annex, vocabulary, areas, rules, weights] = await Promise.all([
    requireLatest(ctx.db, 'annex'),
    requireLatest(ctx.db, 'vocabulary'),
    requireLatest(ctx.db, 'sensitive_areas'),
    requireLatest(ctx.db, 'no_go_rules'),
    requireLatest(ctx.db, 'weights'),
  ])
  const checklists = await repo.listLatestByKey(ctx.db, 'checklist')
  const key = [annex, vocabulary, areas, rules, weights, ...checklists].map((row) => row.id).join('|')
  const cached = indexCache.get(key)
  if (cached) return cached
  const annexContent = z.object({ documents: AnnexDocumentSchema.array() }).parse(JSON.parse(annex.content))
  const refs: ReferenceSet = {
    annex: {
      version: annex.version,
      label: annex.label,
      entries: await repo.listAnnexEntries(ctx.db, annex.id),
      documents: annexContent.documents,
    },
    vocabulary: {
      version: vocabulary.version,
      content: VocabularySchema.parse(JSON.parse(vocabulary.content)),
    },
    areas: { version: areas.version, areas: parseAreas(areas.content) },
    noGoRules: { version: rules.version, rules: parseRules(rules.content) },
    weights: { version: weights.version, content: WeightsSchema.parse(JSON.parse(weights.content)) },
    checklists: checklists.map((row) => ({
      version: row.version,
      content: ChecklistInputSchema.parse(JSON.parse(row.content)),
    })),
  }
  const index = buildIndex(refs)
  // Old combinations are dropped: an index is a few megabytes.
  if (indexCache.size >= 4) indexCache.clear()
  indexCache.set(key, index)
  return index
}

function parseAreas(content: string): SensitiveArea[] {
  return SensitiveAreaSchema.array().parse(JSON.parse(content).areas)
}

function parseRules(content: string): NoGoRule[] {
  return NoGoRuleSchema.array().parse(JSON.parse(content).rules)
}

/** The reference data the next assessment would use, compiled (for the command line and tools). */
export async function getAssessmentIndex(ctx: Ctx): Promise<AssessmentIndex> {
  authorize(ctx.actor, 'reference.read')
  return currentIndex(ctx)
}

/** Every stored reference version, newest first within each kind. */
export async function listReferenceVersions(ctx: Ctx): Promise<ReferenceVersion[]> {
  authorize(ctx.actor, 'reference.read')
  await ensureReferenceData(ctx)
  const rows = await repo.listVersions(ctx.db)
  return rows.map((row) => ({ ...row, kind: ReferenceKindSchema.parse(row.kind) }))
}

/**
 * One Annex I entry of the newest list version (or of the version given).
 * @throws AppError('not_found') for an unknown code or version
 */
export async function getAnnexEntry(ctx: Ctx, code: string, version?: number): Promise<AnnexEntryView> {
  authorize(ctx.actor, 'reference.read')
  await ensureReferenceData(ctx)
  const row =
    version === undefined
      ? await repo.findLatestVersion(ctx.db, 'annex')
      : await repo.findVersion(ctx.db, 'annex', '', version)
  if (!row) throw new AppError('not_found', 'No such version of the control list.')
  const entry = await repo.findAnnexEntry(ctx.db, row.id, code.toUpperCase())
  if (!entry) throw new AppError('not_found', `Annex I has no entry ${code} in version ${row.version}.`)
  return { ...entry, version: row.version, label: row.label }
}

/** The current sensitive technology areas. */
export async function getSensitiveAreas(ctx: Ctx): Promise<SensitiveAreas> {
  authorize(ctx.actor, 'reference.read')
  await ensureReferenceData(ctx)
  const row = await requireLatest(ctx.db, 'sensitive_areas')
  return { version: row.version, areas: parseAreas(row.content) }
}

/** Publishes a new version of the sensitive areas (audited; earlier versions are kept). */
export async function saveSensitiveAreas(ctx: Ctx, input: SensitiveAreasInput): Promise<SensitiveAreas> {
  authorize(ctx.actor, 'reference.edit')
  const data = SensitiveAreasInputSchema.parse(input)
  await ensureReferenceData(ctx)
  const row = await ctx.db
    .transaction()
    .execute((trx) => insertReferenceVersion(trx, { ...ctx, db: trx }, 'sensitive_areas', '', 'edited', data))
  return { version: row.version, areas: data.areas }
}

/** The current institutional no-go rules. */
export async function getNoGoRules(ctx: Ctx): Promise<NoGoRules> {
  authorize(ctx.actor, 'reference.read')
  await ensureReferenceData(ctx)
  const row = await requireLatest(ctx.db, 'no_go_rules')
  return { version: row.version, rules: parseRules(row.content) }
}

/**
 * Publishes a new version of the no-go rules (audited; earlier versions are kept).
 * @throws AppError('validation') naming each rule whose condition does not parse
 */
export async function saveNoGoRules(ctx: Ctx, input: NoGoRulesInput): Promise<NoGoRules> {
  authorize(ctx.actor, 'reference.edit')
  const data = NoGoRulesInputSchema.parse(input)
  const problems = data.rules.flatMap((rule, position) => {
    try {
      parseCondition(rule.condition)
      return []
    } catch (error) {
      if (!(error instanceof RuleSyntaxError)) throw error
      return [
        {
          field: `rules.${position}.condition`,
          message: `${error.message} (at character ${error.position + 1})`,
        },
      ]
    }
  })
  if (problems.length > 0)
    throw new AppError('validation', 'A rule condition is not valid.', { fields: problems })
  await ensureReferenceData(ctx)
  const row = await ctx.db
    .transaction()
    .execute((trx) => insertReferenceVersion(trx, { ...ctx, db: trx }, 'no_go_rules', '', 'edited', data))
  return { version: row.version, rules: data.rules }
}

function toChecklist(row: repo.ReferenceVersionRow, today: string): Checklist {
  const content: ChecklistContent = ChecklistInputSchema.parse(JSON.parse(row.content))
  return {
    ...content,
    version: row.version,
    isStale: content.nextReviewOn < today,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  }
}

/** The current version of every checklist, with stale ones marked. */
export async function listChecklists(ctx: Ctx): Promise<Checklist[]> {
  authorize(ctx.actor, 'reference.read')
  await ensureReferenceData(ctx)
  const today = ctx.now().toISOString().slice(0, 10)
  return (await repo.listLatestByKey(ctx.db, 'checklist')).map((row) => toChecklist(row, today))
}

/** Publishes a new version of a checklist (or a new checklist); audited, earlier versions kept. */
export async function saveChecklist(ctx: Ctx, input: ChecklistInput): Promise<Checklist> {
  authorize(ctx.actor, 'reference.edit')
  const data = ChecklistInputSchema.parse(input)
  await ensureReferenceData(ctx)
  const row = await ctx.db
    .transaction()
    .execute((trx) =>
      insertReferenceVersion(trx, { ...ctx, db: trx }, 'checklist', data.key, data.titleEn, data),
    )
  return toChecklist(
    {
      ...row,
      kind: 'checklist',
      key: data.key,
      contentHash: '',
      createdAt: ctx.now().toISOString(),
      createdBy: ctx.actor.username,
    },
    ctx.now().toISOString().slice(0, 10),
  )
}

// ---- assessments

/**
 * Assesses an ad-hoc text (or a draft sheet) without storing anything: the side panel of the form.
 * @throws AppError('validation') for an empty or oversized text
 */
export async function assessAdHoc(ctx: Ctx, input: AdHocAssessment): Promise<AssessmentResult> {
  authorize(ctx.actor, 'assessment.ad_hoc')
  const data = AdHocAssessmentSchema.parse(input)
  const index = await currentIndex(ctx)
  const sheet = DataSheetSchema.parse({
    ...(data.sheet ?? {}),
    description: data.text,
    trl: data.trl ?? data.sheet?.trl ?? null,
    researchAreas: data.researchAreas.length > 0 ? data.researchAreas : (data.sheet?.researchAreas ?? []),
  })
  return assess(index, { sheet, today: ctx.now().toISOString().slice(0, 10) })
}

/** The collaboration module's own view of who may see the case (members, routed offices, …). */
async function resourceOf(ctx: Ctx, collaboration: Collaboration): Promise<PolicyResource> {
  const resource = await collaborationResource(ctx.db, collaboration.id)
  if (!resource) throw new AppError('not_found', 'No such collaboration.')
  return resource
}

/**
 * Assesses a saved collaboration and stores the result with the reference versions it used.
 * @throws AppError('not_found') when the collaboration does not exist or is not visible
 */
export async function assessCollaboration(ctx: Ctx, id: string): Promise<Assessment> {
  authorize(ctx.actor, 'assessment.run')
  const collaboration = await getCollaboration(ctx, id)
  authorize(ctx.actor, 'assessment.run', await resourceOf(ctx, collaboration))
  return storeAssessment(ctx, collaboration)
}

/**
 * Assesses a case on behalf of the system (after submission, through the job queue): no permission
 * check, the result is stored like any other.
 */
export async function assessCollaborationUnchecked(ctx: Ctx, id: string): Promise<Assessment | null> {
  const snapshot = await loadCaseSnapshot(ctx.db, id)
  if (!snapshot) return null
  const reader = {
    ...ctx,
    actor: {
      id: 'system',
      username: 'system',
      displayName: 'System',
      roles: [{ role: 'admin' as const, officeId: null }],
      via: 'system' as const,
    },
  }
  return storeAssessment(reader, await getCollaboration(reader, id))
}

async function storeAssessment(ctx: Ctx, collaboration: Collaboration): Promise<Assessment> {
  const id = collaboration.id
  const index = await currentIndex(ctx)
  // Partner screening results join here once the screening module provides them.
  const result = assess(index, { sheet: collaboration.sheet, today: ctx.now().toISOString().slice(0, 10) })
  const row = {
    id: newId(),
    collaborationId: id,
    collaborationVersion: collaboration.version,
    sheetUpdatedAt: collaboration.updatedAt,
    riskLevel: result.riskLevel,
    result: JSON.stringify(result),
    createdAt: ctx.now().toISOString(),
    createdBy: ctx.actor?.id ?? 'system',
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertAssessment(trx, row)
    await recordAudit(trx, ctx, {
      action: 'assessment.created',
      entityType: 'collaboration',
      entityId: id,
      after: {
        assessmentId: row.id,
        riskLevel: result.riskLevel,
        candidates: result.candidates.map((candidate) => `${candidate.code}:${candidate.status}`),
        versions: result.versions,
      },
    })
  })
  return { ...row, result }
}

/**
 * The newest stored assessment of a collaboration.
 * @throws AppError('not_found') when there is none, or the collaboration is not visible
 */
export async function getLatestAssessment(ctx: Ctx, id: string): Promise<Assessment> {
  authorize(ctx.actor, 'assessment.read')
  const collaboration = await getCollaboration(ctx, id)
  authorize(ctx.actor, 'assessment.read', await resourceOf(ctx, collaboration))
  const row = await repo.findLatestAssessment(ctx.db, id)
  if (!row) throw new AppError('not_found', 'This collaboration has not been assessed yet.')
  return { ...row, result: AssessmentResultSchema.parse(JSON.parse(row.result)) }
}
