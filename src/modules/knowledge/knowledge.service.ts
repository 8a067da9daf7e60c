import { diffLines } from 'diff'
import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { enqueue } from '../../platform/jobs/index.js'
import { isoDay } from '../../shared/dates.js'
import { isUuid, newId } from '../../shared/ids.js'
import { type Actor, authorize, can, hasRole, type PolicyResource } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import { collaborationResources } from '../collaborations/index.js'
import { notify } from '../notifications/index.js'
import { findUser, listOfficesUnchecked, listUsersUnchecked } from '../organisation/index.js'
import * as repo from './knowledge.repo.js'
import {
  type Audience,
  AudienceSchema,
  type Comment,
  type DiffPart,
  type Document,
  DocumentKindSchema,
  DocumentLanguageSchema,
  type DocumentMetadata,
  DocumentMetadataSchema,
  type DocumentQuery,
  DocumentQuerySchema,
  type DocumentSummary,
  type DocumentVersion,
  type HistoryEntry,
  NewCommentSchema,
  RegulationTopicSchema,
  type SaveConflict,
  type SaveDocumentInput,
  SaveDocumentSchema,
  type SearchHit,
  type SnippetPart,
  type TouchedCase,
  type VersionDiff,
} from './knowledge.schema.js'
import {
  findTouchedCases,
  findTouchedCasesForEach,
  type RegulationMatch,
  regulationWatchJob,
} from './knowledge.watch.js'

// ---- access

/** The offices by key and id, read once per operation. */
async function officeIds(db: Db): Promise<Map<string, string>> {
  return new Map((await listOfficesUnchecked(db)).map((office) => [office.key, office.id]))
}

/** The policy's view of a document (or of the knowledge base, for bundles). */
export async function knowledgeResource(
  db: Db,
  owner: { ownerOffice: string | null; ownerUserId: string | null },
): Promise<PolicyResource> {
  const offices = await officeIds(db)
  return {
    kind: 'knowledge',
    ownerOfficeId: owner.ownerOffice ? (offices.get(owner.ownerOffice) ?? null) : null,
    ownerUserId: owner.ownerUserId,
    researchSecurityOfficeId: offices.get('research_security') ?? null,
  }
}

/** The audiences whose documents the actor reads: administrative roles read everything. */
export function audiencesFor(actor: Actor): Audience[] {
  const administrative = actor.roles.some((grant) => grant.role !== 'researcher')
  if (administrative) return [...AudienceSchema.options]
  if (hasRole(actor, 'researcher')) return ['everyone', 'researchers']
  return ['everyone']
}

// ---- mapping

function metadataOf(row: repo.DocumentRow): DocumentMetadata {
  return {
    kind: DocumentKindSchema.parse(row.kind),
    ownerOffice: row.ownerOffice as DocumentMetadata['ownerOffice'],
    ownerUserId: row.ownerUserId,
    audience: AudienceSchema.parse(row.audience),
    tags: JSON.parse(row.tags) as string[],
    researchAreas: JSON.parse(row.researchAreas) as string[],
    reviewIntervalMonths: row.reviewIntervalMonths,
    jurisdiction: row.jurisdiction,
    effectiveDate: row.effectiveDate,
    topics: RegulationTopicSchema.array().parse(JSON.parse(row.topics)),
  }
}

function isDue(row: repo.DocumentRow, today: string): boolean {
  return row.nextReviewOn <= today
}

function toSummary(row: repo.DocumentRow, today: string): DocumentSummary {
  const metadata = metadataOf(row)
  return {
    documentId: row.id,
    slug: row.slug,
    kind: metadata.kind,
    language: DocumentLanguageSchema.parse(row.language),
    title: row.title,
    summary: row.summary,
    audience: metadata.audience,
    ownerOffice: row.ownerOffice,
    tags: metadata.tags,
    researchAreas: metadata.researchAreas,
    version: row.currentVersion,
    updatedAt: row.updatedAt,
    nextReviewOn: row.nextReviewOn,
    lastReviewedAt: row.lastReviewedAt,
    isDueForReview: isDue(row, today),
    jurisdiction: row.jurisdiction,
    effectiveDate: row.effectiveDate,
    topics: metadata.topics,
  }
}

function toVersion(document: repo.DocumentRow, row: repo.VersionRow): DocumentVersion {
  return {
    documentId: document.id,
    slug: document.slug,
    kind: DocumentKindSchema.parse(document.kind),
    language: DocumentLanguageSchema.parse(document.language),
    title: row.title,
    summary: row.summary,
    version: row.version,
    versionId: row.id,
    body: row.body,
    metadata: DocumentMetadataSchema.parse(JSON.parse(row.metadata)),
    changeNote: row.changeNote,
    restoredFrom: row.restoredFrom,
    createdByName: row.createdByName,
    updatedAt: row.createdAt,
  }
}

/** Adds whole months to a YYYY-MM-DD date (the 31st becomes the month's last day). */
export function addMonths(day: string, months: number): string {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number)
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(date, lastDay))
  return target.toISOString().slice(0, 10)
}

// ---- reading

async function loadReadable(
  ctx: Ctx,
  db: Db,
  idOrSlug: string,
  language?: string,
): Promise<repo.DocumentRow> {
  authorize(ctx.actor, 'knowledge.read')
  const audiences = audiencesFor(ctx.actor)
  let row: repo.DocumentRow | undefined
  if (isUuid(idOrSlug)) {
    row = await repo.findDocument(db, idOrSlug)
  } else {
    const candidates = await repo.listDocumentsBySlug(db, idOrSlug)
    row = candidates.find((candidate) => candidate.language === language) ?? candidates[0]
  }
  // A document the reader's audience does not include answers like a missing one.
  if (!row || !audiences.includes(row.audience as Audience))
    throw new AppError('not_found', 'No such document.')
  return row
}

/**
 * A document with its current text, metadata and review state; by id, or by slug in the language
 * (falling back to another language of the slug).
 * @throws AppError('not_found') when it does not exist or is not written for the reader
 */
export async function getDocument(ctx: Ctx, idOrSlug: string, language?: string): Promise<Document> {
  const row = await loadReadable(ctx, ctx.db, idOrSlug, language)
  const actor = ctx.actor as Actor // loadReadable authorized, so an actor is present
  const metadata = metadataOf(row)
  const today = isoDay(ctx.now())
  const siblings = await repo.listDocumentsBySlug(ctx.db, row.slug)
  const audiences = audiencesFor(actor)
  let ownerName = row.ownerOffice ?? ''
  if (row.ownerOffice) {
    const office = (await listOfficesUnchecked(ctx.db)).find((candidate) => candidate.key === row.ownerOffice)
    ownerName = office ? `${office.nameDe} / ${office.nameEn}` : row.ownerOffice
  } else if (row.ownerUserId) {
    ownerName = (await findUser(ctx.db, row.ownerUserId))?.displayName ?? ''
  }
  return {
    ...metadata,
    documentId: row.id,
    slug: row.slug,
    language: DocumentLanguageSchema.parse(row.language),
    title: row.title,
    summary: row.summary,
    body: row.body,
    version: row.currentVersion,
    versionId: row.currentVersionId,
    updatedAt: row.updatedAt,
    createdAt: row.createdAt,
    ownerName,
    nextReviewOn: row.nextReviewOn,
    lastReviewedAt: row.lastReviewedAt,
    lastReviewedByName: row.lastReviewedBy,
    isDueForReview: isDue(row, today),
    translations: siblings
      .filter((sibling) => sibling.id !== row.id && audiences.includes(sibling.audience as Audience))
      .map((sibling) => ({
        language: DocumentLanguageSchema.parse(sibling.language),
        documentId: sibling.id,
        title: sibling.title,
      })),
    canEdit: can(actor, 'knowledge.edit', await knowledgeResource(ctx.db, row)),
  }
}

/**
 * One version of a document (the current one without `version`).
 * @throws AppError('not_found') when the document or version does not exist or is not for the reader
 */
export async function getDocumentVersion(
  ctx: Ctx,
  documentId: string,
  version?: number,
): Promise<DocumentVersion> {
  const document = await loadReadable(ctx, ctx.db, documentId)
  const row = await repo.findVersion(ctx.db, document.id, version ?? document.currentVersion)
  if (!row) throw new AppError('not_found', 'No such version.')
  return toVersion(document, row)
}

/** The documents the reader may see, filtered (without full-text search; see `searchDocuments`). */
export async function listDocuments(ctx: Ctx, filter: DocumentQuery = {}): Promise<DocumentSummary[]> {
  authorize(ctx.actor, 'knowledge.read')
  const query = DocumentQuerySchema.parse(filter)
  const today = isoDay(ctx.now())
  const rows = await repo.listDocuments(ctx.db, {
    kind: query.kind,
    language: query.language,
    tag: query.tag,
    researchArea: query.researchArea,
    audiences: audiencesFor(ctx.actor),
    dueOn: query.dueForReview ? today : undefined,
    limit: query.limit,
  })
  return rows.map((row) => toSummary(row, today))
}

/** A document's versions, newest first. */
export async function listHistory(ctx: Ctx, documentId: string): Promise<HistoryEntry[]> {
  const document = await loadReadable(ctx, ctx.db, documentId)
  return (await repo.listVersions(ctx.db, document.id)).map((row) => ({
    version: row.version,
    versionId: row.id,
    createdAt: row.createdAt,
    createdByName: row.createdByName,
    changeNote: row.changeNote,
    restoredFrom: row.restoredFrom,
  }))
}

/** Line-level changes from one text to another. */
export function diffText(before: string, after: string): DiffPart[] {
  const withNewline = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`)
  return diffLines(withNewline(before), withNewline(after)).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }))
}

function versionDiff(documentId: string, from: repo.VersionRow, to: repo.VersionRow): VersionDiff {
  const fields: VersionDiff['fields'] = []
  if (from.title !== to.title) fields.push({ field: 'title', before: from.title, after: to.title })
  if (from.summary !== to.summary) fields.push({ field: 'summary', before: from.summary, after: to.summary })
  const before = JSON.parse(from.metadata) as Record<string, unknown>
  const after = JSON.parse(to.metadata) as Record<string, unknown>
  for (const key of Object.keys({ ...before, ...after }).sort()) {
    const a = JSON.stringify(before[key] ?? null)
    const b = JSON.stringify(after[key] ?? null)
    if (a !== b) fields.push({ field: key, before: a, after: b })
  }
  return { documentId, from: from.version, to: to.version, fields, body: diffText(from.body, to.body) }
}

/**
 * What changed between two versions of a document.
 * @throws AppError('not_found') when the document or one of the versions does not exist
 */
export async function diffVersions(
  ctx: Ctx,
  documentId: string,
  from: number,
  to: number,
): Promise<VersionDiff> {
  const document = await loadReadable(ctx, ctx.db, documentId)
  const [a, b] = await Promise.all([
    repo.findVersion(ctx.db, document.id, from),
    repo.findVersion(ctx.db, document.id, to),
  ])
  if (!a || !b) throw new AppError('not_found', 'No such version.')
  return versionDiff(document.id, a, b)
}

// ---- search

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

/** Splits text with \u0002 … \u0003 markers into highlighted and plain parts. */
function markedParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  for (const [index, piece] of marked.split(repo.hitStart).entries()) {
    if (index === 0) {
      if (piece) parts.push({ text: piece, hit: false })
      continue
    }
    const [hit = '', rest = ''] = piece.split(repo.hitEnd)
    if (hit) parts.push({ text: hit, hit: true })
    if (rest) parts.push({ text: rest, hit: false })
  }
  return parts
}

/** Highlights every occurrence of `needle` in `text` (case-insensitive), optionally cut around the first. */
function substringParts(text: string, needle: string, window?: number): SnippetPart[] {
  const lower = text.toLowerCase()
  const wanted = needle.toLowerCase()
  let start = 0
  let end = text.length
  const first = lower.indexOf(wanted)
  if (window !== undefined) {
    if (first < 0)
      return text
        ? [{ text: text.slice(0, window * 2) + (text.length > window * 2 ? '…' : ''), hit: false }]
        : []
    start = Math.max(0, first - window)
    end = Math.min(text.length, first + wanted.length + window)
  }
  const parts: SnippetPart[] = []
  if (start > 0) parts.push({ text: '…', hit: false })
  let cursor = start
  while (cursor < end) {
    const found = lower.indexOf(wanted, cursor)
    if (found < 0 || found >= end) break
    if (found > cursor) parts.push({ text: text.slice(cursor, found), hit: false })
    parts.push({ text: text.slice(found, found + wanted.length), hit: true })
    cursor = found + wanted.length
  }
  if (cursor < end) parts.push({ text: text.slice(cursor, end), hit: false })
  if (end < text.length) parts.push({ text: '…', hit: false })
  return parts
}

/**
 * Full-text search over the documents the reader may see: every word must occur (as a word or
 * word start, stemmed where the database can), title hits rank above body hits; text without
 * word breaks (Chinese) is found by substring. Snippets are plain text parts, never HTML.
 */
export async function searchDocuments(ctx: Ctx, filter: DocumentQuery): Promise<SearchHit[]> {
  authorize(ctx.actor, 'knowledge.read')
  const query = DocumentQuerySchema.parse(filter)
  const text = (query.q ?? '').normalize('NFKC').trim()
  const today = isoDay(ctx.now())
  const base = {
    kind: query.kind,
    language: query.language,
    tag: query.tag,
    researchArea: query.researchArea,
    audiences: audiencesFor(ctx.actor),
    dueOn: query.dueForReview ? today : undefined,
  }
  if (text === '') {
    const rows = await repo.listDocuments(ctx.db, { ...base, limit: query.limit })
    return rows.map((row) => ({
      ...toSummary(row, today),
      titleParts: [{ text: row.title, hit: false }],
      snippet: row.summary ? [{ text: row.summary, hit: false }] : [],
      rank: 0,
    }))
  }
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? []
  const matches = cjk.test(text) ? [] : await repo.searchText(ctx.db, ctx.dialect, words)
  if (matches.length > 0) {
    const byId = new Map(matches.map((match) => [match.id, match]))
    const rows = await repo.listDocuments(ctx.db, { ...base, ids: [...byId.keys()], limit: 500 })
    return rows
      .flatMap((row) => {
        const match = byId.get(row.id)
        if (!match) return []
        return [
          {
            ...toSummary(row, today),
            titleParts: markedParts(match.titleMarked),
            snippet: markedParts(match.snippetMarked),
            rank: match.rank,
            titleHit: match.titleHit,
          },
        ]
      })
      .sort((a, b) => Number(b.titleHit) - Number(a.titleHit) || b.rank - a.rank)
      .slice(0, query.limit)
      .map(({ titleHit: _titleHit, ...hit }) => hit)
  }
  // No word match: look for the text as a substring (Chinese, parts of compounds, codes).
  const found = new Set((await repo.searchSubstring(ctx.db, ctx.dialect, text)).map((row) => row.id))
  const rows = await repo.listDocuments(ctx.db, { ...base, ids: [...found], limit: 500 })
  const needle = text.toLowerCase()
  return rows
    .map((row) => {
      const inTitle = row.title.toLowerCase().includes(needle)
      const bodyText = row.body.toLowerCase().includes(needle) ? row.body : row.summary
      return {
        ...toSummary(row, today),
        titleParts: substringParts(row.title, text),
        snippet: substringParts(bodyText.replaceAll(/\s+/g, ' '), text, 60),
        rank: inTitle ? 2 : 1,
      }
    })
    .sort((a, b) => b.rank - a.rank)
    .slice(0, query.limit)
}

// ---- saving

/** Who saved, for the version record. */
function author(ctx: Ctx): { id: string; name: string } {
  return { id: ctx.actor?.id ?? 'system', name: ctx.actor?.displayName ?? 'System' }
}

/**
 * Creates a document (version 1) or saves a new version on top of `baseVersion`. A save whose base
 * is no longer the current version is refused, with the changes made since, so nobody's edit is
 * silently overwritten. Regulations that change notify the collaborations they touch.
 * @throws AppError('validation') for bad input, AppError('forbidden') when the actor may not edit,
 *   AppError('conflict') for a stale base or a slug already taken, AppError('not_found')
 */
export async function saveDocument(ctx: Ctx, input: SaveDocumentInput): Promise<DocumentVersion> {
  authorize(ctx.actor, 'knowledge.edit')
  const parsed = SaveDocumentSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => saveInTransaction(trx, ctx, parsed, null))
}

type ParsedSave = ReturnType<typeof SaveDocumentSchema.parse>

/** The save itself, inside the caller's transaction (also used by restore and bundle import). */
export async function saveInTransaction(
  trx: Db,
  ctx: Ctx,
  input: ParsedSave,
  restoredFrom: number | null,
): Promise<DocumentVersion> {
  const now = ctx.now().toISOString()
  const today = now.slice(0, 10)
  const who = author(ctx)
  const metadata = DocumentMetadataSchema.parse({
    kind: input.kind,
    ownerOffice: input.ownerOffice,
    ownerUserId: input.ownerUserId,
    audience: input.audience,
    tags: [...new Set(input.tags.map((tag) => tag.toLowerCase()))],
    researchAreas: input.researchAreas,
    reviewIntervalMonths: input.reviewIntervalMonths,
    jurisdiction: input.kind === 'regulation' ? input.jurisdiction : null,
    effectiveDate: input.kind === 'regulation' ? input.effectiveDate : null,
    topics: input.kind === 'regulation' ? input.topics : [],
  })
  const versionId = newId()
  const stored = {
    kind: metadata.kind,
    title: input.title,
    summary: input.summary,
    body: input.body,
    ownerOffice: metadata.ownerOffice,
    ownerUserId: metadata.ownerUserId,
    audience: metadata.audience,
    tags: JSON.stringify(metadata.tags),
    researchAreas: JSON.stringify(metadata.researchAreas),
    reviewIntervalMonths: metadata.reviewIntervalMonths,
    jurisdiction: metadata.jurisdiction,
    effectiveDate: metadata.effectiveDate,
    topics: JSON.stringify(metadata.topics),
    currentVersionId: versionId,
    updatedAt: now,
  }
  const resource = await knowledgeResource(trx, metadata)

  let previous: repo.DocumentRow | undefined
  let document: repo.DocumentRow
  if (input.documentId === undefined) {
    authorize(ctx.actor, 'knowledge.create')
    authorize(ctx.actor, 'knowledge.edit', resource)
    const taken = await repo.listDocumentsBySlug(trx, input.slug)
    if (taken.some((row) => row.language === input.language))
      throw new AppError('conflict', `A ${input.language} document "${input.slug}" exists already.`, {
        fields: [{ field: 'slug', message: 'Taken in this language' }],
      })
    const reviewed = input.lastReviewed ?? today
    document = {
      id: newId(),
      slug: input.slug,
      language: input.language,
      ...stored,
      nextReviewOn: addMonths(reviewed, metadata.reviewIntervalMonths),
      lastReviewedAt: input.lastReviewed ? `${input.lastReviewed}T00:00:00.000Z` : now,
      lastReviewedBy: input.lastReviewed ? null : who.name,
      currentVersion: 1,
      reviewRemindedFor: null,
      createdAt: now,
    }
    await repo.insertDocument(trx, document)
  } else {
    previous = await repo.findDocument(trx, input.documentId)
    if (!previous) throw new AppError('not_found', 'No such document.')
    authorize(ctx.actor, 'knowledge.edit', await knowledgeResource(trx, previous))
    if (metadata.ownerOffice !== previous.ownerOffice || metadata.ownerUserId !== previous.ownerUserId)
      authorize(ctx.actor, 'knowledge.edit', resource)
    if (previous.slug !== input.slug || previous.language !== input.language)
      throw new AppError('validation', 'Slug and language of a document do not change.', {
        fields: [{ field: previous.slug !== input.slug ? 'slug' : 'language', message: 'Cannot change' }],
      })
    const baseVersion = input.baseVersion ?? 0
    const reviewedAt = input.lastReviewed ? `${input.lastReviewed}T00:00:00.000Z` : previous.lastReviewedAt
    const intervalChanged = previous.reviewIntervalMonths !== metadata.reviewIntervalMonths
    const nextReviewOn =
      input.lastReviewed || intervalChanged
        ? addMonths((reviewedAt ?? previous.createdAt).slice(0, 10), metadata.reviewIntervalMonths)
        : previous.nextReviewOn
    document = {
      ...previous,
      ...stored,
      currentVersion: baseVersion + 1,
      lastReviewedAt: reviewedAt,
      nextReviewOn,
    }
    const updated =
      baseVersion === previous.currentVersion &&
      (await repo.updateDocumentAtVersion(trx, previous.id, baseVersion, {
        ...stored,
        currentVersion: baseVersion + 1,
        lastReviewedAt: reviewedAt,
        nextReviewOn,
      }))
    if (!updated) throw await staleSave(trx, previous.id, baseVersion)
  }
  const version = {
    id: versionId,
    documentId: document.id,
    version: document.currentVersion,
    title: input.title,
    summary: input.summary,
    body: input.body,
    metadata: JSON.stringify(metadata),
    changeNote: input.changeNote,
    restoredFrom,
    createdAt: now,
    createdBy: who.id,
    createdByName: who.name,
  }
  await repo.insertVersion(trx, version)
  await repo.indexDocument(trx, ctx.dialect, document)
  await recordAudit(trx, ctx, {
    action: previous ? 'knowledge.document_saved' : 'knowledge.document_created',
    entityType: 'knowledge_document',
    entityId: document.id,
    before: previous ? { version: previous.currentVersion, title: previous.title } : undefined,
    after: { version: version.version, title: version.title, kind: metadata.kind, restoredFrom },
  })
  if (metadata.kind === 'regulation') {
    const changed =
      previous === undefined ||
      [previous.kind, previous.effectiveDate, previous.topics, previous.jurisdiction, previous.body].join(
        '\u0000',
      ) !==
        ['regulation', metadata.effectiveDate, stored.topics, metadata.jurisdiction, input.body].join(
          '\u0000',
        )
    if (changed)
      await enqueue(trx, ctx, regulationWatchJob, {
        documentId: document.id,
        previousVersion: previous?.currentVersion ?? null,
        version: document.currentVersion,
      })
  }
  return toVersion(document, version)
}

/** The conflict error for a save on a stale base, carrying the changes made since that base. */
async function staleSave(trx: Db, documentId: string, baseVersion: number): Promise<AppError> {
  const current = await repo.findDocument(trx, documentId)
  const base = await repo.findVersion(trx, documentId, baseVersion)
  const head = current && (await repo.findVersion(trx, documentId, current.currentVersion))
  if (!current || !base || !head)
    return new AppError('conflict', 'The document changed and the version you started from is unknown.')
  const conflict: SaveConflict = {
    baseVersion,
    currentVersion: current.currentVersion,
    current: { title: head.title, summary: head.summary, body: head.body },
    diff: versionDiff(documentId, base, head),
  }
  return new AppError(
    'conflict',
    `Someone saved version ${current.currentVersion} while you were editing version ${baseVersion}. Merge their changes into yours and save again.`,
    { data: { conflict } },
  )
}

/**
 * Restores an old version as a new version (nothing is removed from the history).
 * @throws AppError('conflict') when `baseVersion` is stale, AppError('not_found'), AppError('forbidden')
 */
export async function restoreVersion(
  ctx: Ctx,
  documentId: string,
  input: { version: number; baseVersion: number },
): Promise<DocumentVersion> {
  authorize(ctx.actor, 'knowledge.edit')
  return ctx.db.transaction().execute(async (trx) => {
    const document = await repo.findDocument(trx, documentId)
    if (!document || !audiencesFor(ctx.actor as Actor).includes(document.audience as Audience))
      throw new AppError('not_found', 'No such document.')
    const old = await repo.findVersion(trx, documentId, input.version)
    if (!old) throw new AppError('not_found', 'No such version.')
    const metadata = DocumentMetadataSchema.parse(JSON.parse(old.metadata))
    return saveInTransaction(
      trx,
      ctx,
      SaveDocumentSchema.parse({
        ...metadata,
        documentId,
        baseVersion: input.baseVersion,
        slug: document.slug,
        language: document.language,
        title: old.title,
        summary: old.summary,
        body: old.body,
        changeNote: `Restored version ${old.version}`,
      }),
      old.version,
    )
  })
}

/**
 * Records that the owner reviewed the document: the next review is due one interval from today.
 * @throws AppError('forbidden') unless the actor may edit it, AppError('not_found')
 */
export async function markReviewed(ctx: Ctx, documentId: string): Promise<Document> {
  authorize(ctx.actor, 'knowledge.edit')
  await ctx.db.transaction().execute(async (trx) => {
    const document = await repo.findDocument(trx, documentId)
    if (!document) throw new AppError('not_found', 'No such document.')
    authorize(ctx.actor, 'knowledge.edit', await knowledgeResource(trx, document))
    const now = ctx.now().toISOString()
    const nextReviewOn = addMonths(now.slice(0, 10), document.reviewIntervalMonths)
    await repo.updateDocument(trx, documentId, {
      lastReviewedAt: now,
      lastReviewedBy: ctx.actor?.displayName ?? 'System',
      nextReviewOn,
    })
    await recordAudit(trx, ctx, {
      action: 'knowledge.document_reviewed',
      entityType: 'knowledge_document',
      entityId: documentId,
      before: { nextReviewOn: document.nextReviewOn, lastReviewedAt: document.lastReviewedAt },
      after: { nextReviewOn, lastReviewedAt: now },
    })
  })
  return getDocument(ctx, documentId)
}

// ---- review reminders

/**
 * Reminds the owners of documents whose review date has come, once per document and due date
 * (a document reviewed and due again later is reminded of again).
 * @returns how many documents were reminded of
 */
export async function remindOverdueReviews(ctx: Ctx): Promise<number> {
  const today = isoDay(ctx.now())
  const due = await repo.listDueUnreminded(ctx.db, today)
  if (due.length === 0) return 0
  const offices = await listOfficesUnchecked(ctx.db)
  const users = await listUsersUnchecked(ctx.db)
  let reminded = 0
  for (const document of due) {
    await ctx.db.transaction().execute(async (trx) => {
      // Re-read inside the transaction: another instance may have reminded in the meantime.
      const current = await repo.findDocument(trx, document.id)
      if (!current || current.nextReviewOn > today || current.reviewRemindedFor === current.nextReviewOn)
        return
      const officeId = offices.find((office) => office.key === current.ownerOffice)?.id
      const owners = current.ownerUserId
        ? [current.ownerUserId]
        : users
            .filter(
              (user) =>
                user.isActive &&
                user.roles.some((grant) => grant.role === 'office_reviewer' && grant.officeId === officeId),
            )
            .map((user) => user.id)
      const last = current.lastReviewedAt ? current.lastReviewedAt.slice(0, 10) : '–'
      await notify(trx, ctx, {
        userIds: owners,
        kind: 'document_review_due',
        subject: {
          de: `Zur Überprüfung fällig: ${current.title}`,
          en: `Due for review: ${current.title}`,
        },
        body: {
          de: `Fällig seit ${current.nextReviewOn}, zuletzt überprüft am ${last}. Bitte prüfen und als überprüft markieren.`,
          en: `Due since ${current.nextReviewOn}, last reviewed on ${last}. Please check it and mark it reviewed.`,
        },
        link: `/knowledge/documents/${current.id}`,
        entity: { type: 'knowledge_document', id: current.id },
      })
      await repo.updateDocument(trx, current.id, { reviewRemindedFor: current.nextReviewOn })
      reminded++
    })
  }
  return reminded
}

// ---- comments

/** The comments on a document, oldest first (replies carry their parent's id). */
export async function listComments(ctx: Ctx, documentId: string): Promise<Comment[]> {
  const document = await loadReadable(ctx, ctx.db, documentId)
  return (await repo.listComments(ctx.db, document.id)).map(toComment)
}

function toComment(row: repo.CommentRow): Comment {
  return {
    id: row.id,
    documentId: row.documentId,
    parentId: row.parentId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt,
    answeredAt: row.answeredAt,
    answeredByName: row.answeredBy,
  }
}

/**
 * Adds a comment (a question or remark) or a reply to one.
 * @throws AppError('not_found') for an unknown document or parent comment
 */
export async function addComment(
  ctx: Ctx,
  documentId: string,
  input: { body: string; parentId?: string | null },
): Promise<Comment> {
  authorize(ctx.actor, 'knowledge.comment')
  const parsed = NewCommentSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => {
    const document = await loadReadable(ctx, trx, documentId)
    if (parsed.parentId) {
      const parent = await repo.findComment(trx, parsed.parentId)
      if (!parent || parent.documentId !== document.id)
        throw new AppError('not_found', 'No such comment.', {
          fields: [{ field: 'parentId', message: 'Unknown' }],
        })
    }
    const row = {
      id: newId(),
      documentId: document.id,
      parentId: parsed.parentId,
      authorId: ctx.actor?.id ?? 'system',
      authorName: ctx.actor?.displayName ?? 'System',
      body: parsed.body,
      answeredAt: null,
      answeredBy: null,
      createdAt: ctx.now().toISOString(),
    }
    await repo.insertComment(trx, row)
    await recordAudit(trx, ctx, {
      action: 'knowledge.comment_added',
      entityType: 'knowledge_document',
      entityId: document.id,
      after: { commentId: row.id, parentId: row.parentId, body: row.body },
    })
    return toComment(row)
  })
}

/**
 * Marks a question answered; done by those who edit the document, or by the person who asked.
 * @throws AppError('not_found'), AppError('forbidden')
 */
export async function markCommentAnswered(ctx: Ctx, commentId: string): Promise<Comment> {
  authorize(ctx.actor, 'knowledge.comment')
  return ctx.db.transaction().execute(async (trx) => {
    const comment = await repo.findComment(trx, commentId)
    if (!comment) throw new AppError('not_found', 'No such comment.')
    const document = await loadReadable(ctx, trx, comment.documentId)
    const actor = ctx.actor as Actor // loadReadable authorized, so an actor is present
    if (comment.authorId !== actor.id)
      authorize(actor, 'knowledge.edit', await knowledgeResource(trx, document))
    const at = ctx.now().toISOString()
    await repo.markCommentAnswered(trx, commentId, at, actor.displayName)
    await recordAudit(trx, ctx, {
      action: 'knowledge.comment_answered',
      entityType: 'knowledge_document',
      entityId: document.id,
      after: { commentId },
    })
    return toComment({ ...comment, answeredAt: at, answeredBy: actor.displayName })
  })
}

// ---- regulation watch

/**
 * Which of the touched cases the reader may see (the policy checked for all of them at once), and
 * a function giving the visible ones of a list as the API shows them.
 */
async function touchedCaseView(ctx: Ctx, matches: readonly RegulationMatch[]) {
  const actor = ctx.actor as Actor
  const resources = await collaborationResources(
    ctx.db,
    matches.map((match) => match.snapshot.id),
  )
  const visible = new Set(
    [...resources].filter(([, resource]) => can(actor, 'collaboration.read', resource)).map(([id]) => id),
  )
  return (list: readonly RegulationMatch[]): TouchedCase[] =>
    list
      .filter(({ snapshot }) => visible.has(snapshot.id))
      .map(({ snapshot, evidence }) => ({
        collaborationId: snapshot.id,
        reference: snapshot.reference,
        title: snapshot.title,
        status: snapshot.status,
        evidence,
      }))
}

/**
 * The cases a regulation touches and why, limited to the cases the reader may see.
 * @throws AppError('not_found') for an unknown document; answers [] for documents that are not regulations
 */
export async function listTouchedCases(ctx: Ctx, documentId: string): Promise<TouchedCase[]> {
  const document = await loadReadable(ctx, ctx.db, documentId)
  if (document.kind !== 'regulation') return []
  const topics = RegulationTopicSchema.array().parse(JSON.parse(document.topics))
  const matches = await findTouchedCases(ctx.db, { topics, jurisdiction: document.jurisdiction })
  return (await touchedCaseView(ctx, matches))(matches)
}

/** How many touched cases the overview lists per regulation; the regulation's page lists them all. */
export const watchCasesShown = 20

/**
 * Every regulation with the cases it touches that the reader may see: their number and the first
 * of them (newest reference first). One pass over the running cases serves all regulations.
 */
export async function regulationWatch(
  ctx: Ctx,
): Promise<{ regulation: DocumentSummary; cases: TouchedCase[]; totalCases: number }[]> {
  const regulations = await listDocuments(ctx, { kind: 'regulation', limit: 200 })
  const sorted = regulations.sort((a, b) => (b.effectiveDate ?? '').localeCompare(a.effectiveDate ?? ''))
  const matches = await findTouchedCasesForEach(
    ctx.db,
    sorted.map((regulation) => ({
      id: regulation.documentId,
      topics: regulation.topics,
      jurisdiction: regulation.jurisdiction,
    })),
  )
  const view = await touchedCaseView(ctx, [...matches.values()].flat())
  return sorted.map((regulation) => {
    const visible = view(matches.get(regulation.documentId) ?? [])
    visible.sort((a, b) => b.reference.localeCompare(a.reference))
    return { regulation, cases: visible.slice(0, watchCasesShown), totalCases: visible.length }
  })
}
