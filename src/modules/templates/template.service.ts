import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Ctx } from '../../platform/context.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../shared/ids.js'
import { type Actor, authorize, can, type PolicyResource } from '../access/index.js'
import { getNoGoRules } from '../assessment/index.js'
import { recordAudit } from '../audit/index.js'
import { collaborationResource, loadCaseSnapshot, researchAreas } from '../collaborations/index.js'
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

/**
 * Imports the shipped templates as version 1 when no template is stored yet, so every
 * installation starts with a usable MoU and cooperation agreement.
 */
export async function ensureShippedTemplates(ctx: Ctx): Promise<void> {
  if ((await repo.countVersions(ctx.db)) > 0) return
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if ((await repo.countVersions(trx)) > 0) return
      for (const template of shippedTemplates()) {
        const id = newId()
        await repo.insertVersion(trx, {
          id,
          templateKey: template.key,
          language: template.language,
          version: 1,
          title: template.title,
          body: template.body,
          changeNote: 'Mit Liaison ausgeliefert / shipped with Liaison (data/templates)',
          createdBy: null,
          createdByName: 'Liaison',
          createdAt: ctx.now().toISOString(),
        })
        await recordAudit(trx, ctx, {
          action: 'template.imported',
          entityType: 'contract_template',
          entityId: id,
          after: { key: template.key, language: template.language, version: 1 },
        })
      }
    })
  } catch (error) {
    // Two first requests at once: the other one imported them (unique key); nothing is missing.
    if ((await repo.countVersions(ctx.db)) === 0) throw error
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

function toSummary(row: repo.TemplateVersionRow): TemplateSummary {
  let placeholders: string[] = []
  try {
    placeholders = placeholdersOf(row.body)
  } catch {
    // A stored template always parsed when it was saved; an unparsable one lists no placeholders.
  }
  return {
    key: row.templateKey,
    language: TemplateLanguageSchema.parse(row.language),
    title: row.title,
    version: row.version,
    versionId: row.id,
    updatedAt: row.createdAt,
    updatedByName: row.createdByName,
    placeholders,
  }
}

/** The templates, with the placeholders they may use and whether the reader may edit them. */
export async function listTemplates(ctx: Ctx): Promise<TemplateCatalogue> {
  authorize(ctx.actor, 'template.read')
  await ensureShippedTemplates(ctx)
  const rows = await repo.listCurrentVersions(ctx.db)
  const resource: PolicyResource = {
    kind: 'contract',
    memberIds: [],
    legalOfficeId: await legalOfficeId(ctx.db),
  }
  return {
    templates: rows.map(toSummary),
    placeholders: documentedPlaceholders(),
    canEdit: can(ctx.actor, 'template.edit', resource),
  }
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
  authorize(ctx.actor, 'template.read')
  await ensureShippedTemplates(ctx)
  const row = await repo.findVersion(ctx.db, key, language, version)
  if (!row) throw new AppError('not_found', 'No such template.')
  const resource: PolicyResource = {
    kind: 'contract',
    memberIds: [],
    legalOfficeId: await legalOfficeId(ctx.db),
  }
  return {
    ...toSummary(row),
    body: row.body,
    changeNote: row.changeNote,
    canEdit: can(ctx.actor, 'template.edit', resource),
  }
}

/** The versions of a template, newest first. */
export async function listTemplateVersions(ctx: Ctx, key: string, language: TemplateLanguage) {
  authorize(ctx.actor, 'template.read')
  await ensureShippedTemplates(ctx)
  return repo.listVersions(ctx.db, key, language)
}

/**
 * Saves a new version of a template (or its first version). The template must parse and name only
 * known placeholders; a save on top of a version other than the current one is refused.
 * @throws AppError('validation') naming each problem with its line, AppError('conflict') when stale
 */
export async function saveTemplate(
  ctx: Ctx,
  key: string,
  language: TemplateLanguage,
  input: SaveTemplate,
): Promise<ContractTemplate> {
  const legal = await legalOfficeId(ctx.db)
  authorize(ctx.actor, 'template.edit', { kind: 'contract', memberIds: [], legalOfficeId: legal })
  const actor = ctx.actor
  const templateKey = TemplateKeySchema.parse(key)
  const data = SaveTemplateSchema.parse(input)
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
      },
    )
  }
  await ensureShippedTemplates(ctx)
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findVersion(trx, templateKey, language)
    if ((current?.version ?? null) !== data.baseVersion) {
      throw new AppError(
        'conflict',
        current
          ? `Version ${current.version} was saved by ${current.createdByName} in the meantime; reload and apply your changes to it.`
          : 'This template does not exist yet; save it without a base version.',
      )
    }
    const row: repo.TemplateVersionRow = {
      id: newId(),
      templateKey,
      language,
      version: (current?.version ?? 0) + 1,
      title: data.title,
      body: data.body,
      changeNote: data.changeNote,
      createdBy: actor.id,
      createdByName: actor.displayName,
      createdAt: ctx.now().toISOString(),
    }
    await repo.insertVersion(trx, row)
    await recordAudit(trx, ctx, {
      action: 'template.saved',
      entityType: 'contract_template',
      entityId: row.id,
      before: current ? { version: current.version } : undefined,
      after: {
        key: templateKey,
        language,
        version: row.version,
        title: row.title,
        changeNote: row.changeNote,
      },
    })
    return row
  })
  return { ...toSummary(saved), body: saved.body, changeNote: saved.changeNote, canEdit: true }
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
  const [drafts, templates] = await Promise.all([
    repo.listDrafts(ctx.db, collaborationId),
    repo.listCurrentVersions(ctx.db),
  ])
  return {
    drafts: drafts.map(toDraft),
    canGenerate: can(actor, 'contract_draft.generate', resource),
    templates: templates.map((row) => ({
      key: row.templateKey,
      language: TemplateLanguageSchema.parse(row.language),
      title: row.title,
      version: row.version,
    })),
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
  await ensureShippedTemplates(ctx)
  const template = await repo.findVersion(ctx.db, request.templateKey, request.language)
  if (!template) {
    throw new AppError('not_found', 'No such template in this language.', {
      fields: [{ field: 'templateKey', message: 'No such template in this language' }],
    })
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
