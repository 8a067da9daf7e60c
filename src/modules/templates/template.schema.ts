import { z } from 'zod'
import { cleanText, requiredText } from '../../shared/text.js'

/** A template's key: lower-case words joined by hyphens (`mou`, `cooperation-agreement`). */
export const TemplateKeySchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower-case letters, digits and hyphens')
  .max(60)

/** The languages templates are written in. */
export const TemplateLanguageSchema = z.enum(['de', 'en'])

/** The file formats a draft is generated in. */
export const DraftFormatSchema = z.enum(['docx', 'pdf'])
export type DraftFormat = z.infer<typeof DraftFormatSchema>

/** One placeholder of the template vocabulary, documented for template authors. */
export const PlaceholderSchema = z
  .object({
    path: z.string(),
    /** The list a field belongs to (`partners` for `{{name}}` inside `{{#each partners}}`), or null. */
    listPath: z.string().nullable(),
    type: z.enum(['text', 'flag', 'list']),
    labelDe: z.string(),
    labelEn: z.string(),
    descriptionDe: z.string(),
    descriptionEn: z.string(),
  })
  .meta({ id: 'TemplatePlaceholder' })
export type Placeholder = z.infer<typeof PlaceholderSchema>

/** One line of the template list: the current version of a template in one language. */
export const TemplateSummarySchema = z
  .object({
    key: z.string(),
    language: TemplateLanguageSchema,
    title: z.string(),
    version: z.number().int(),
    versionId: z.string(),
    /** The knowledge document that holds the template in this language. */
    documentId: z.string(),
    updatedAt: z.string(),
    updatedByName: z.string(),
    /** The placeholders the template uses, in order of first use. */
    placeholders: z.array(z.string()),
  })
  .meta({ id: 'TemplateSummary' })
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>

/** A version of a template with its text. */
export const ContractTemplateSchema = TemplateSummarySchema.extend({
  body: z.string(),
  changeNote: z.string(),
  canEdit: z.boolean(),
}).meta({ id: 'ContractTemplate' })
export type ContractTemplate = z.infer<typeof ContractTemplateSchema>

/** Everything the templates page shows: the templates and the placeholders they may use. */
export const TemplateCatalogueSchema = z
  .object({
    templates: z.array(TemplateSummarySchema),
    placeholders: z.array(PlaceholderSchema),
    canEdit: z.boolean(),
  })
  .meta({ id: 'TemplateCatalogue' })
export type TemplateCatalogue = z.infer<typeof TemplateCatalogueSchema>

/** Saving a new version of a template (refused when someone saved in between, or when a placeholder is unknown). */
export const SaveTemplateSchema = z
  .strictObject({
    title: requiredText(200),
    body: requiredText(200_000),
    changeNote: cleanText(500).default(''),
    /** The version the editor started from; a save on top of an older one is refused. */
    baseVersion: z.number().int().min(1),
  })
  .meta({ id: 'SaveTemplate' })
export type SaveTemplate = z.input<typeof SaveTemplateSchema>

/** Asking for a contract draft from a case. */
export const GenerateDraftSchema = z
  .strictObject({
    templateKey: TemplateKeySchema,
    language: TemplateLanguageSchema,
    format: DraftFormatSchema,
  })
  .meta({ id: 'GenerateDraft' })
export type GenerateDraft = z.input<typeof GenerateDraftSchema>

/** A generated contract draft, as the case page lists it. */
export const ContractDraftSchema = z
  .object({
    id: z.string(),
    collaborationId: z.string(),
    templateKey: z.string(),
    templateTitle: z.string(),
    templateVersion: z.number().int(),
    language: TemplateLanguageSchema,
    format: DraftFormatSchema,
    fileName: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    caseVersion: z.number().int(),
    /** How many values the case did not provide ("to be completed" in the draft). */
    missingValues: z.number().int(),
    createdByName: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'ContractDraft' })
export type ContractDraft = z.infer<typeof ContractDraftSchema>

/** The drafts of a case and whether the reader may generate more. */
export const CaseDraftsSchema = z
  .object({
    drafts: z.array(ContractDraftSchema),
    canGenerate: z.boolean(),
    templates: z.array(
      z.object({
        key: z.string(),
        language: TemplateLanguageSchema,
        title: z.string(),
        version: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CaseDrafts' })
export type CaseDrafts = z.infer<typeof CaseDraftsSchema>
