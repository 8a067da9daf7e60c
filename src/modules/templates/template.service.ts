import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../shared/ids.js'
import { type Actor, authorize, can } from '../access/index.js'
import { getNoGoRules } from '../assessment/index.js'
import { recordAudit } from '../audit/index.js'
import { collaborationResource, loadCaseSnapshot, researchAreas } from '../collaborations/index.js'
import {
  getDocument,
  getDocumentVersion,
  listDocuments,
  listHistory,
  saveDocument,
} from '../knowledge/index.js'
import { listOfficesUnchecked, listUnits } from '../organisation/index.js'
import { buildTemplateContext, type TemplateLanguage } from './template.context.js'
import { renderDocx, renderPdf, splitTitle } from './template.document.js'
import { checkTemplate, placeholdersOf, renderTemplate, type VocabularyEntry } from './template.engine.js'
import * as repo from './template.repo.js'
import {
  type CaseDrafts,
  type ContractDraft,
  type ContractTemplate,
  type DraftFormat,
  type GenerateDraft,
  GenerateDraftSchema,
  type Placeholder,
  type SaveTemplate,
  SaveTemplateSchema,
  type TemplateCatalogue,
  TemplateKeySchema,
  TemplateLanguageSchema,
  type TemplateSummary,
} from './template.schema.js'
import { templateVocabulary } from './template.vocabulary.js'

const shippedFolder = fileURLToPath(new URL('../../../data/templates/', import.meta.url))

/** The templates shipped in data/templates/<language>/<key>.md, read from disk. */
export function shippedTemplates(): Array<{
  key: string
  language: TemplateLanguage
  title: string
  body: string
}> {
  const templates: Array<{ key: string; language: TemplateLanguage; title: string; body: string }> = []
  for (const language of TemplateLanguageSchema.options) {
    for (const file of readdirSync(`${shippedFolder}${language}`).sort()) {
      if (!file.endsWith('.md')) continue
      const body = readFileSync(`${shippedFolder}${language}/${file}`, 'utf8')
      templates.push({ key: file.slice(0, -3), language, title: splitTitle(body).title ?? file, body })
    }
  }
  return templates
}

/** Liaison itself, importing the templates it ships (an administrator's rights, recorded as "system"). */
const shippingActor: Actor = {
  id: 'system',
  username: 'system',
  displayName: 'Liaison',
  roles: [{ role: 'admin', officeId: null }],
  via: 'system',
}

/** Template documents are kept by the legal office and reviewed once a year. */
const templateMetadata = {
  kind: 'template' as const,
  ownerOffice: 'legal' as const,
  ownerUserId: null,
  audience: 'everyone' as const,
  tags: ['contract', 'template'],
  reviewIntervalMonths: 12,
}

/**
 * Imports each shipped template as a knowledge document of kind `template` (version 1) unless the
 * knowledge base holds it already, so every installation starts with a usable MoU and cooperation
 * agreement. Afterwards they are living documents with versions, edited like any other document.
 */
export async function ensureShippedTemplates(ctx: Ctx): Promise<void> {
  const system: Ctx = { ...ctx, actor: shippingActor }
  const stored = await listDocuments(system, { kind: 'template', limit: 200 })
  const has = (key: string, language: string) =>
    stored.some((document) => document.slug === key && document.language === language)
  for (const template of shippedTemplates()) {
    if (has(template.key, template.language)) continue
    try {
      await saveDocument(system, {
        ...templateMetadata,
        slug: template.key,
        language: template.language,
        title: template.title,
        summary:
          template.language === 'de'
            ? 'Vertragsvorlage von Liaison (CC BY 4.0), keine Rechtsberatung: Die Rechtsabteilung passt sie an.'
            : 'Contract template written for Liaison (CC BY 4.0); not legal advice: the legal office adapts it.',
        body: template.body,
        changeNote: 'Mit Liaison ausgeliefert / shipped with Liaison (data/templates)',
      })
    } catch (error) {
      // Two first requests at once: the other one imported this template already (slug taken).
      if (!(error instanceof AppError && error.code === 'conflict')) throw error
    }
  }
}

async function legalOfficeId(db: Db): Promise<string | null> {
  const offices = await listOfficesUnchecked(db)
  return offices.find((office) => office.key === 'legal')?.id ?? null
}

/** The vocabulary as documentation rows: top-level placeholders, then each list's fields. */
export function documentedPlaceholders(): Placeholder[] {
  const rows: Placeholder[] = []
  const add = (path: string, entry: VocabularyEntry, listPath: string | null) => {
    rows.push({
      path,
      listPath,
      type: entry.type,
      labelDe: entry.label.de,
      labelEn: entry.label.en,
      descriptionDe: entry.description.de,
      descriptionEn: entry.description.en,
    })
    if (entry.type === 'list' && entry.fields) {
      for (const [field, fieldEntry] of Object.entries(entry.fields)) add(field, fieldEntry, path)
    }
  }
  for (const [path, entry] of Object.entries(templateVocabulary)) add(path, entry, null)
  return rows
}

function usedPlaceholders(body: string): string[] {
  try {
    return placeholdersOf(body)
  } catch {
    // A template that does not parse lists no placeholders; generating from it names the problem.
    return []
  }
}

function toTemplate(
  document: {
    documentId: string
    slug: string
    language: TemplateLanguage
    title: string
    version: number
    versionId: string
    updatedAt: string
    body: string
  },
  extra: { updatedByName: string; changeNote: string; canEdit: boolean },
): ContractTemplate {
  return {
    key: document.slug,
    language: document.language,
    title: document.title,
    version: document.version,
    versionId: document.versionId,
    documentId: document.documentId,
    updatedAt: document.updatedAt,
    updatedByName: extra.updatedByName,
    placeholders: usedPlaceholders(document.body),
    body: document.body,
    changeNote: extra.changeNote,
    canEdit: extra.canEdit,
  }
}

/**
 * The current version of a template in one language, read from the knowledge base.
 * @throws AppError('not_found') when there is no such template in that language
 */
async function currentTemplate(ctx: Ctx, key: string, language: TemplateLanguage) {
  await ensureShippedTemplates(ctx)
  const document = await getDocument(ctx, key, language)
  // getDocument falls back to another language of the slug; a template is wanted in this one.
  if (document.kind !== 'template' || document.language !== language) {
    throw new AppError('not_found', 'No such template in this language.')
  }
  return document
}

/** The templates, with the placeholders they may use and whether the reader may edit them. */
export async function listTemplates(ctx: Ctx): Promise<TemplateCatalogue> {
  authorize(ctx.actor, 'knowledge.read')
  await ensureShippedTemplates(ctx)
  const summaries = await listDocuments(ctx, { kind: 'template', limit: 200 })
  const templates: TemplateSummary[] = []
  let canEdit = false
  for (const summary of summaries) {
    const document = await getDocument(ctx, summary.documentId)
    const version = await getDocumentVersion(ctx, summary.documentId)
    canEdit ||= document.canEdit
    const {
      body: _body,
      changeNote: _note,
      canEdit: _edit,
      ...line
    } = toTemplate(document, {
      updatedByName: version.createdByName,
      changeNote: version.changeNote,
      canEdit: document.canEdit,
    })
    templates.push(line)
  }
  templates.sort((a, b) => a.key.localeCompare(b.key) || a.language.localeCompare(b.language))
  return { templates, placeholders: documentedPlaceholders(), canEdit }
}

/**
 * One version of a template (the current one without `version`).
 * @throws AppError('not_found')
 */
export async function getTemplate(
  ctx: Ctx,
  key: string,
  language: TemplateLanguage,
  version?: number,
): Promise<ContractTemplate> {
  authorize(ctx.actor, 'knowledge.read')
  const document = await currentTemplate(ctx, key, language)
  const stored = await getDocumentVersion(ctx, document.documentId, version)
  return toTemplate(
    {
      ...document,
      title: stored.title,
      version: stored.version,
      versionId: stored.versionId,
      body: stored.body,
      updatedAt: stored.updatedAt,
    },
    { updatedByName: stored.createdByName, changeNote: stored.changeNote, canEdit: document.canEdit },
  )
}

/** The versions of a template, newest first. */
export async function listTemplateVersions(ctx: Ctx, key: string, language: TemplateLanguage) {
  authorize(ctx.actor, 'knowledge.read')
  const document = await currentTemplate(ctx, key, language)
  return (await listHistory(ctx, document.documentId)).map((entry) => ({
    id: entry.versionId,
    version: entry.version,
    title: document.title,
    changeNote: entry.changeNote,
    createdByName: entry.createdByName,
    createdAt: entry.createdAt,
  }))
}

/**
 * Saves a new version of a template as a new version of its knowledge document. The template must
 * parse and name only known placeholders; a save on top of an older version is refused (409).
 * @throws AppError('validation') naming each problem with its line, AppError('conflict') when
 *   stale, AppError('forbidden') unless the actor may edit the document (legal office, admins)
 */
export async function saveTemplate(
  ctx: Ctx,
  key: string,
  language: TemplateLanguage,
  input: SaveTemplate,
): Promise<ContractTemplate> {
  authorize(ctx.actor, 'knowledge.edit')
  const data = SaveTemplateSchema.parse(input)
  const document = await currentTemplate(ctx, TemplateKeySchema.parse(key), language)
  if (!document.canEdit) throw new AppError('forbidden', 'You may not edit this template.')
  const problems = checkTemplate(data.body, templateVocabulary)
  if (problems.length > 0) {
    throw new AppError(
      'validation',
      `The template has ${problems.length} problem(s): ${problems[0]?.message ?? ''}`,
      {
        fields: problems.map((problem) => ({
          field: 'body',
          message: `Line ${problem.line}: ${problem.message}`,
        })),
        // The same problems in both languages, for the editor to show in the reader's.
        data: { problems },
      },
    )
  }
  const saved = await saveDocument(ctx, {
    kind: 'template',
    ownerOffice: document.ownerOffice,
    ownerUserId: document.ownerUserId,
    audience: document.audience,
    tags: document.tags,
    researchAreas: document.researchAreas,
    reviewIntervalMonths: document.reviewIntervalMonths,
    documentId: document.documentId,
    baseVersion: data.baseVersion,
    slug: document.slug,
    language,
    title: data.title,
    summary: document.summary,
    body: data.body,
    changeNote: data.changeNote,
  })
  return toTemplate(
    {
      ...document,
      title: saved.title,
      version: saved.version,
      versionId: saved.versionId,
      body: saved.body,
      updatedAt: saved.updatedAt,
    },
    { updatedByName: saved.createdByName, changeNote: saved.changeNote, canEdit: true },
  )
}

/** The case's policy view for contract drafts, with whether the actor may read the case. */
async function contractResource(ctx: Ctx, collaborationId: string, actor: Actor) {
  const caseResource = await collaborationResource(ctx.db, collaborationId)
  if (caseResource?.kind !== 'collaboration') return undefined
  return {
    kind: 'contract' as const,
    memberIds: caseResource.memberIds,
    legalOfficeId: await legalOfficeId(ctx.db),
    caseReadable: can(actor, 'collaboration.read', caseResource),
  }
}

async function loadCaseFor(
  ctx: Ctx,
  collaborationId: string,
  action: 'contract_draft.read' | 'contract_draft.generate',
) {
  authorize(ctx.actor, action)
  const actor = ctx.actor
  const resource = await contractResource(ctx, collaborationId, actor)
  // A case one may not see answers like a missing one, so ids cannot be probed.
  if (!resource || !can(actor, 'contract_draft.read', resource)) {
    throw new AppError('not_found', 'No such collaboration.')
  }
  authorize(actor, action, resource)
  return { actor, resource }
}

function toDraft(row: repo.DraftRow): ContractDraft {
  return {
    id: row.id,
    collaborationId: row.collaborationId,
    templateKey: row.templateKey,
    templateTitle: row.templateTitle,
    templateVersion: row.templateVersion,
    language: TemplateLanguageSchema.parse(row.language),
    format: row.format === 'pdf' ? 'pdf' : 'docx',
    fileName: row.fileName,
    size: row.size,
    sha256: row.sha256,
    caseVersion: row.caseVersion,
    missingValues: row.missingValues,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
  }
}

/**
 * The contract drafts generated for a case, whether the reader may generate more, and the
 * templates to choose from.
 * @throws AppError('not_found') when the case does not exist or the reader may not see it
 */
export async function listCaseDrafts(ctx: Ctx, collaborationId: string): Promise<CaseDrafts> {
  const { actor, resource } = await loadCaseFor(ctx, collaborationId, 'contract_draft.read')
  await ensureShippedTemplates(ctx)
  const drafts = await repo.listDrafts(ctx.db, collaborationId)
  const templates = await listDocuments(ctx, { kind: 'template', limit: 200 })
  return {
    drafts: drafts.map(toDraft),
    canGenerate: can(actor, 'contract_draft.generate', resource),
    templates: templates
      .map((document) => ({
        key: document.slug,
        language: document.language,
        title: document.title,
        version: document.version,
      }))
      .sort((a, b) => a.key.localeCompare(b.key) || a.language.localeCompare(b.language)),
  }
}

const contentTypes: Record<DraftFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}

/** A file name that is safe in every file system and header. */
function fileNameOf(reference: string, key: string, language: string, version: number, format: DraftFormat) {
  const safe = `${reference}-${key}-${language}-v${version}`.replace(/[^A-Za-z0-9._-]+/g, '-')
  return `${safe}.${format}`
}

/**
 * Fills a template from the case and stores the draft as a file, recording the case, the
 * template and its version, the language, the format, who and when (audited).
 * @throws AppError('not_found') for an unknown case or template, AppError('validation') when the
 *   stored template no longer matches the vocabulary
 */
export async function generateDraft(
  ctx: Ctx,
  collaborationId: string,
  input: GenerateDraft,
): Promise<ContractDraft> {
  const { actor } = await loadCaseFor(ctx, collaborationId, 'contract_draft.generate')
  const request = GenerateDraftSchema.parse(input)
  const document = await currentTemplate(ctx, request.templateKey, request.language).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') {
        throw new AppError('not_found', 'No such template in this language.', {
          fields: [{ field: 'templateKey', message: 'No such template in this language' }],
        })
      }
      throw error
    },
  )
  const template = {
    templateKey: document.slug,
    title: document.title,
    body: document.body,
    version: document.version,
    id: document.versionId,
  }
  const snapshot = await loadCaseSnapshot(ctx.db, collaborationId)
  if (!snapshot) throw new AppError('not_found', 'No such collaboration.')
  const problems = checkTemplate(template.body, templateVocabulary)
  if (problems.length > 0) {
    throw new AppError('validation', 'The template has problems; the legal office must correct it first.', {
      fields: problems.map((problem) => ({
        field: 'templateKey',
        message: `Line ${problem.line}: ${problem.message}`,
      })),
      data: { problems },
    })
  }
  const language = request.language
  const units = await listUnits(ctx)
  const unit = units.find((candidate) => candidate.id === snapshot.sheet.unitId) ?? null
  const noGos = await getNoGoRules(ctx)
  const now = ctx.now()
  const context = buildTemplateContext({
    language,
    institutionName: ctx.config.institution.name,
    unit,
    reference: snapshot.reference,
    sheet: snapshot.sheet,
    conditions: snapshot.decision?.conditions ?? [],
    noGoRules: noGos.rules,
    researchAreas: researchAreas(),
    now,
  })
  const markdown = renderTemplate(template.body, templateVocabulary, context, language)
  const missingValues = (markdown.match(/\[(?:noch zu ergänzen|to be completed): /g) ?? []).length
  const meta = {
    title: template.title,
    language,
    institution: ctx.config.institution.name,
    reference: snapshot.reference,
    projectTitle: snapshot.sheet.title || snapshot.reference,
    templateVersion: template.version,
    author: actor.displayName,
    generatedAt: now,
  }
  const bytes =
    request.format === 'docx'
      ? await renderDocx(markdown, meta)
      : await renderPdf(markdown, meta, ctx.config.pdf.cjkFont)
  const stored = await ctx.storage.put(bytes)
  const row: repo.DraftRow = {
    id: newId(),
    collaborationId,
    templateKey: template.templateKey,
    templateTitle: template.title,
    templateVersionId: template.id,
    templateVersion: template.version,
    language,
    format: request.format,
    fileName: fileNameOf(
      snapshot.reference,
      template.templateKey,
      language,
      template.version,
      request.format,
    ),
    contentType: contentTypes[request.format],
    size: bytes.length,
    sha256: stored.sha256,
    storageKey: stored.key,
    caseVersion: snapshot.version,
    missingValues,
    createdBy: actor.id,
    createdByName: actor.displayName,
    createdAt: now.toISOString(),
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertDraft(trx, row)
    await recordAudit(trx, ctx, {
      action: 'contract_draft.generated',
      entityType: 'collaboration',
      entityId: collaborationId,
      after: {
        draftId: row.id,
        templateKey: row.templateKey,
        templateVersion: row.templateVersion,
        language,
        format: row.format,
        sha256: row.sha256,
      },
    })
  })
  return toDraft(row)
}

/**
 * The bytes of a generated draft, for download.
 * @throws AppError('not_found')
 */
export async function readDraft(
  ctx: Ctx,
  collaborationId: string,
  draftId: string,
): Promise<{ draft: ContractDraft; contentType: string; bytes: Buffer }> {
  await loadCaseFor(ctx, collaborationId, 'contract_draft.read')
  const row = await repo.findDraft(ctx.db, draftId)
  if (!row || row.collaborationId !== collaborationId) throw new AppError('not_found', 'No such draft.')
  return { draft: toDraft(row), contentType: row.contentType, bytes: await ctx.storage.get(row.storageKey) }
}
