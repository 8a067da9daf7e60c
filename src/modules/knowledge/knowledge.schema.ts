import { z } from 'zod'
import { cleanText, requiredText } from '../../shared/text.js'
import { OfficeKeySchema } from '../organisation/organisation.schema.js'

/** What a living document is. */
export const DocumentKindSchema = z.enum([
  'guidance',
  'checklist',
  'resource',
  'regulation',
  'template',
  'best-practice',
])
export type DocumentKind = z.infer<typeof DocumentKindSchema>

/** The languages documents are written in; translations of each other share the slug. */
export const DocumentLanguageSchema = z.enum(['de', 'en'])
export type DocumentLanguage = z.infer<typeof DocumentLanguageSchema>

/** Who a document is written for. */
export const AudienceSchema = z.enum(['everyone', 'researchers', 'administrators'])
export type Audience = z.infer<typeof AudienceSchema>

/**
 * The topics a regulation can touch; the same vocabulary names what a collaboration's data sheet
 * touches (see `knowledge.topics.ts`).
 */
export const RegulationTopicSchema = z.enum([
  'data-export',
  'personal-data',
  'human-genetic-resources',
  'samples',
  'export-control',
  'sanctions',
  'security',
  'ip',
  'mobility',
  'publication',
  'funding',
])
export type RegulationTopic = z.infer<typeof RegulationTopicSchema>

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Not a valid date')

/** A document's address: lower-case words joined by hyphens. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower-case letters, digits and hyphens')
  .max(120)

/** Everything that describes a document besides its text; stored with every version. */
export const DocumentMetadataSchema = z.strictObject({
  kind: DocumentKindSchema,
  ownerOffice: OfficeKeySchema.nullable().default(null),
  ownerUserId: z.uuid().nullable().default(null),
  audience: AudienceSchema.default('everyone'),
  tags: z.array(requiredText(60)).max(30).default([]),
  researchAreas: z
    .array(z.string().regex(/^\d{3}(-\d{2})?$/, 'A DFG subject area code such as 443-04'))
    .max(20)
    .default([]),
  reviewIntervalMonths: z.number().int().min(1).max(120).default(12),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}$/, 'Two-letter code such as CN, EU, DE, US')
    .nullable()
    .default(null),
  effectiveDate: isoDate.nullable().default(null),
  topics: z.array(RegulationTopicSchema).max(RegulationTopicSchema.options.length).default([]),
})
export type DocumentMetadata = z.infer<typeof DocumentMetadataSchema>

/** Creates a document (no `documentId`) or saves a new version of it (`documentId` and `baseVersion`). */
export const SaveDocumentSchema = DocumentMetadataSchema.extend({
  documentId: z.uuid().optional(),
  /** The version the editor started from; a save on top of a newer version is refused (409). */
  baseVersion: z.number().int().min(1).optional(),
  slug: SlugSchema,
  language: DocumentLanguageSchema,
  title: requiredText(300),
  summary: cleanText(2000).default(''),
  body: cleanText(200_000).default(''),
  changeNote: cleanText(500).default(''),
  /** Date of the last review when importing (YYYY-MM-DD); otherwise the save counts as a review. */
  lastReviewed: isoDate.optional(),
})
  .superRefine((value, context) => {
    if (value.ownerOffice === null && value.ownerUserId === null)
      context.addIssue({
        code: 'custom',
        path: ['ownerOffice'],
        message: 'An owner office or person is required',
      })
    if (value.documentId !== undefined && value.baseVersion === undefined)
      context.addIssue({
        code: 'custom',
        path: ['baseVersion'],
        message: 'Required when saving a new version',
      })
    if (value.kind === 'regulation' && value.topics.length === 0)
      context.addIssue({
        code: 'custom',
        path: ['topics'],
        message: 'A regulation names the topics it touches',
      })
  })
  .meta({ id: 'SaveKnowledgeDocument' })
export type SaveDocumentInput = z.input<typeof SaveDocumentSchema>

/** One stored version of a document, as other modules (templates) read it. */
export const DocumentVersionSchema = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    kind: DocumentKindSchema,
    language: DocumentLanguageSchema,
    title: z.string(),
    summary: z.string(),
    version: z.number().int(),
    versionId: z.string(),
    body: z.string(),
    metadata: DocumentMetadataSchema,
    changeNote: z.string(),
    restoredFrom: z.number().int().nullable(),
    createdByName: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KnowledgeDocumentVersion' })
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>

/** A document as readers see it: current text, metadata and review state. */
export const DocumentSchema = DocumentMetadataSchema.extend({
  documentId: z.string(),
  slug: z.string(),
  language: DocumentLanguageSchema,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  version: z.number().int(),
  versionId: z.string(),
  updatedAt: z.string(),
  createdAt: z.string(),
  ownerName: z.string(),
  nextReviewOn: z.string(),
  lastReviewedAt: z.string().nullable(),
  lastReviewedByName: z.string().nullable(),
  isDueForReview: z.boolean(),
  /** The other languages of the same slug. */
  translations: z.array(
    z.object({ language: DocumentLanguageSchema, documentId: z.string(), title: z.string() }),
  ),
  canEdit: z.boolean(),
}).meta({ id: 'KnowledgeDocument' })
export type Document = z.infer<typeof DocumentSchema>

/** One line of the library. */
export const DocumentSummarySchema = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    kind: DocumentKindSchema,
    language: DocumentLanguageSchema,
    title: z.string(),
    summary: z.string(),
    audience: AudienceSchema,
    ownerOffice: z.string().nullable(),
    tags: z.array(z.string()),
    researchAreas: z.array(z.string()),
    version: z.number().int(),
    updatedAt: z.string(),
    nextReviewOn: z.string(),
    lastReviewedAt: z.string().nullable(),
    isDueForReview: z.boolean(),
    jurisdiction: z.string().nullable(),
    effectiveDate: z.string().nullable(),
    topics: z.array(RegulationTopicSchema),
  })
  .meta({ id: 'KnowledgeDocumentSummary' })
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>

/** Filters of the library; `q` searches the full text. */
export const DocumentQuerySchema = z.object({
  q: cleanText(200).optional(),
  kind: DocumentKindSchema.optional(),
  tag: cleanText(60).optional(),
  researchArea: z
    .string()
    .regex(/^\d{3}(-\d{2})?$/)
    .optional(),
  language: DocumentLanguageSchema.optional(),
  dueForReview: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type DocumentQuery = z.input<typeof DocumentQuerySchema>

/** A piece of highlighted text: `hit` pieces match the query. Never HTML. */
export const SnippetPartSchema = z.object({ text: z.string(), hit: z.boolean() })
export type SnippetPart = z.infer<typeof SnippetPartSchema>

/** A search result: the document and where the query was found. */
export const SearchHitSchema = DocumentSummarySchema.extend({
  titleParts: z.array(SnippetPartSchema),
  snippet: z.array(SnippetPartSchema),
  rank: z.number(),
}).meta({ id: 'KnowledgeSearchHit' })
export type SearchHit = z.infer<typeof SearchHitSchema>

/** A line-level change between two texts. */
export const DiffPartSchema = z.object({
  kind: z.enum(['same', 'added', 'removed']),
  text: z.string(),
})
export type DiffPart = z.infer<typeof DiffPartSchema>

/** What changed between two versions of a document. */
export const VersionDiffSchema = z
  .object({
    documentId: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    fields: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
    body: z.array(DiffPartSchema),
  })
  .meta({ id: 'KnowledgeVersionDiff' })
export type VersionDiff = z.infer<typeof VersionDiffSchema>

/** The body of a 409 answer to a stale save: what happened since the editor's base version. */
export const SaveConflictSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.literal(409),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string().nullable(),
    conflict: z.object({
      baseVersion: z.number().int(),
      currentVersion: z.number().int(),
      current: z.object({ title: z.string(), summary: z.string(), body: z.string() }),
      diff: VersionDiffSchema,
    }),
  })
  .meta({ id: 'KnowledgeSaveConflict' })
export type SaveConflict = z.infer<typeof SaveConflictSchema>['conflict']

/** One entry of a document's history. */
export const HistoryEntrySchema = z.object({
  version: z.number().int(),
  versionId: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  changeNote: z.string(),
  restoredFrom: z.number().int().nullable(),
})
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

/** A comment on a document: a question, an answer or a remark. */
export const CommentSchema = z
  .object({
    id: z.string(),
    documentId: z.string(),
    parentId: z.string().nullable(),
    authorName: z.string(),
    body: z.string(),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
    answeredByName: z.string().nullable(),
  })
  .meta({ id: 'KnowledgeComment' })
export type Comment = z.infer<typeof CommentSchema>

/** A new comment, or a reply to one. */
export const NewCommentSchema = z
  .strictObject({ body: requiredText(5000), parentId: z.uuid().nullable().default(null) })
  .meta({ id: 'NewKnowledgeComment' })

/** Restoring an old version makes it the new current one. */
export const RestoreSchema = z.strictObject({
  version: z.number().int().min(1),
  baseVersion: z.number().int().min(1),
})

/** A collaboration a regulation touches, with the data-sheet fields that say so. */
export const TouchedCaseSchema = z
  .object({
    collaborationId: z.string(),
    reference: z.string(),
    title: z.string(),
    status: z.string(),
    evidence: z.array(z.object({ topic: RegulationTopicSchema, field: z.string(), value: z.string() })),
  })
  .meta({ id: 'KnowledgeTouchedCase' })
export type TouchedCase = z.infer<typeof TouchedCaseSchema>

// ---- bundles: sharing best practice across institutions

/** The kinds of item a bundle carries; other modules (trainings) add their own kinds. */
export const BundleItemKindSchema = z.enum(['knowledge-document'])

/** A document as it travels in a bundle: content and metadata, nothing about people or cases. */
export const BundledDocumentSchema = z.strictObject({
  slug: SlugSchema,
  language: DocumentLanguageSchema,
  kind: DocumentKindSchema,
  title: requiredText(300),
  summary: cleanText(2000),
  body: cleanText(200_000),
  version: z.number().int().min(1),
  ownerOffice: OfficeKeySchema.nullable(),
  audience: AudienceSchema,
  tags: z.array(requiredText(60)).max(30),
  researchAreas: z.array(z.string().regex(/^\d{3}(-\d{2})?$/)).max(20),
  reviewIntervalMonths: z.number().int().min(1).max(120),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  effectiveDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  topics: z.array(RegulationTopicSchema),
})
export type BundledDocument = z.infer<typeof BundledDocumentSchema>

/** One item of a bundle; `kind` says how to read `content`. */
export const BundleItemSchema = z.strictObject({
  kind: z.string().min(1).max(60),
  key: z.string().min(1).max(200),
  content: z.unknown(),
})

/** The signed part of a bundle: who made it, when, and a hash of every item. */
export const BundleManifestSchema = z.strictObject({
  institution: z.string().max(300),
  createdAt: z.string(),
  signer: z.strictObject({ fingerprint: z.string(), publicKey: z.string().max(2000) }),
  items: z
    .array(z.strictObject({ kind: z.string(), key: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
    .max(1000),
})

/** A bundle file: manifest, items and an Ed25519 signature over the manifest's canonical JSON. */
export const BundleSchema = z
  .strictObject({
    format: z.literal('liaison-knowledge-bundle'),
    formatVersion: z.literal(1),
    manifest: BundleManifestSchema,
    items: z.array(BundleItemSchema).max(1000),
    signature: z.string().max(200),
  })
  .meta({ id: 'KnowledgeBundle' })
export type Bundle = z.infer<typeof BundleSchema>

/** Which documents to export. */
export const BundleExportSchema = z
  .strictObject({
    documentIds: z.array(z.uuid()).max(500).default([]),
    /** Training modules (by key) to share along with the documents. */
    trainingModuleKeys: z
      .array(z.string().regex(/^[a-z0-9-]{1,60}$/))
      .max(50)
      .default([]),
  })
  .refine((value) => value.documentIds.length + value.trainingModuleKeys.length > 0, {
    message: 'Choose at least one document or training',
    path: ['documentIds'],
  })
  .meta({ id: 'KnowledgeBundleExport' })

/** This institution's signing key, to give to institutions that import our bundles. */
export const SigningKeySchema = z
  .object({ institution: z.string(), fingerprint: z.string(), publicKey: z.string(), createdAt: z.string() })
  .meta({ id: 'KnowledgeSigningKey' })

/** What importing a staged bundle would do, item by item. */
export const BundlePreviewSchema = z
  .object({
    importId: z.string(),
    status: z.enum(['staged', 'applied', 'discarded']),
    institution: z.string(),
    createdAt: z.string(),
    fingerprint: z.string(),
    /** Whether an admin of this institution already trusts the signer's key. */
    isKeyTrusted: z.boolean(),
    items: z.array(
      z.object({
        kind: z.string(),
        key: z.string(),
        title: z.string(),
        change: z.enum(['new', 'changed', 'unchanged']),
        documentId: z.string().nullable(),
        currentVersion: z.number().int().nullable(),
        diff: VersionDiffSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'KnowledgeBundlePreview' })
export type BundlePreview = z.infer<typeof BundlePreviewSchema>

/** Applying a staged bundle; an unknown signer must be confirmed explicitly by an admin. */
export const BundleApplySchema = z
  .strictObject({ confirmUnknownKey: z.boolean().default(false) })
  .meta({ id: 'KnowledgeBundleApply' })

/** A regulation with the cases it touches. */
export const RegulationWatchEntrySchema = z
  .object({
    regulation: DocumentSummarySchema,
    /** The first touched cases the reader may see (newest reference first); the regulation's page lists all. */
    cases: z.array(TouchedCaseSchema),
    /** How many touched cases the reader may see in all. */
    totalCases: z.number().int(),
  })
  .meta({ id: 'KnowledgeRegulationWatchEntry' })
