import { z } from 'zod'
import { cleanText, requiredText } from '../../shared/text.js'
import { DataSheetSchema } from '../collaborations/collaboration.schema.js'
import { OfficeKeySchema } from '../organisation/organisation.schema.js'

// ---- reference data

/** The kinds of versioned reference data the assessment uses. */
export const ReferenceKindSchema = z.enum([
  'annex',
  'vocabulary',
  'sensitive_areas',
  'no_go_rules',
  'weights',
  'checklist',
])
export type ReferenceKind = z.infer<typeof ReferenceKindSchema>

/** One stored version of a piece of reference data. */
export const ReferenceVersionSchema = z
  .object({
    kind: ReferenceKindSchema,
    key: z.string(),
    version: z.number().int(),
    label: z.string(),
    contentHash: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'ReferenceVersion' })
export type ReferenceVersion = z.infer<typeof ReferenceVersionSchema>

/** One entry of Annex I (a control-list code with its full text). */
export const AnnexEntrySchema = z
  .object({
    code: z.string(),
    category: z.string(),
    heading: z.string(),
    text: z.string(),
    notes: z.array(z.string()),
  })
  .meta({ id: 'AnnexEntry' })
export type AnnexEntry = z.infer<typeof AnnexEntrySchema>

/** A general text of the Annex (definitions, General Technology Note, section notes …). */
export const AnnexDocumentSchema = z.object({ type: z.string(), title: z.string(), text: z.string() })
export type AnnexDocument = z.infer<typeof AnnexDocumentSchema>

/** An Annex entry as the API shows it, with the list version it belongs to. */
export const AnnexEntryViewSchema = AnnexEntrySchema.extend({
  version: z.number().int(),
  label: z.string(),
}).meta({ id: 'AnnexEntryView' })
export type AnnexEntryView = z.infer<typeof AnnexEntryViewSchema>

/** One critical technology area with its search terms, in German and English. */
export const SensitiveAreaSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9_]{1,64}$/),
    nameEn: requiredText(200),
    nameDe: requiredText(200),
    descriptionEn: cleanText(2000).default(''),
    descriptionDe: cleanText(2000).default(''),
    termsEn: z.array(requiredText(100)).max(200).default([]),
    termsDe: z.array(requiredText(100)).max(200).default([]),
  })
  .meta({ id: 'SensitiveArea' })
export type SensitiveArea = z.infer<typeof SensitiveAreaSchema>

const uniqueKeys = <T extends { key: string }>(items: T[]) =>
  new Set(items.map((item) => item.key)).size === items.length

/** A new version of the sensitive-area taxonomy. */
export const SensitiveAreasInputSchema = z
  .strictObject({
    areas: z.array(SensitiveAreaSchema).min(1).max(100).refine(uniqueKeys, 'Area keys must be unique'),
  })
  .meta({ id: 'SensitiveAreasInput' })
export type SensitiveAreasInput = z.input<typeof SensitiveAreasInputSchema>

/** What happens when a no-go rule fires. */
export const NoGoConsequenceSchema = z.enum(['blocks_submission', 'needs_decision_maker', 'warning'])
export type NoGoConsequence = z.infer<typeof NoGoConsequenceSchema>

/** An institutional no-go rule, written by the admin as data. */
export const NoGoRuleSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9_]{1,64}$/),
    name: requiredText(200),
    nameDe: cleanText(200).default(''),
    explanation: requiredText(2000),
    explanationDe: cleanText(2000).default(''),
    /** A condition in the rule language, e.g. `trl >= 7 and partner_kind = company`. */
    condition: requiredText(1000),
    consequence: NoGoConsequenceSchema,
  })
  .meta({ id: 'NoGoRule' })
export type NoGoRule = z.infer<typeof NoGoRuleSchema>

/** A new version of the no-go rules. */
export const NoGoRulesInputSchema = z
  .strictObject({ rules: z.array(NoGoRuleSchema).max(100).refine(uniqueKeys, 'Rule keys must be unique') })
  .meta({ id: 'NoGoRulesInput' })
export type NoGoRulesInput = z.input<typeof NoGoRulesInputSchema>

/** Factor weights, risk-level thresholds and ranking parameters. */
export const WeightsSchema = z.object({
  factors: z.record(z.string(), z.number()),
  levels: z.object({ elevated: z.number(), high: z.number() }),
  ranking: z.object({
    k1: z.number(),
    b: z.number(),
    headingWeight: z.number(),
    bigramWeight: z.number(),
    conceptBoost: z.number(),
    conceptTermWeight: z.number(),
    candidateThreshold: z.number(),
    directThreshold: z.number(),
    strongThreshold: z.number(),
    maxCandidates: z.number().int(),
    areaMinScore: z.number(),
  }),
})
export type Weights = z.infer<typeof WeightsSchema>

/** One concept of the domain vocabulary: everyday and German words mapped to Annex words and entries. */
export const VocabularyConceptSchema = z.object({
  key: z.string(),
  en: z.array(z.string()),
  de: z.array(z.string()),
  expand: z.string(),
  entries: z.array(z.string()),
})
export type VocabularyConcept = z.infer<typeof VocabularyConceptSchema>

/** A note of the Annex that excludes an item, with the words showing a project falls under it. */
export const VocabularyExclusionSchema = z.object({
  entry: z.string(),
  /** The title of an Annex document holding the note; without it, the note is in the entry itself. */
  document: z.string().optional(),
  locator: z.string(),
  en: z.array(z.string()),
  de: z.array(z.string()),
})
export type VocabularyExclusion = z.infer<typeof VocabularyExclusionSchema>

/** The curated bilingual domain vocabulary. */
export const VocabularySchema = z.object({
  concepts: z.array(VocabularyConceptSchema),
  exclusions: z.array(VocabularyExclusionSchema),
})
export type Vocabulary = z.infer<typeof VocabularySchema>

/** One question of a checklist. */
export const ChecklistQuestionSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]{1,64}$/),
  textEn: requiredText(1000),
  textDe: requiredText(1000),
})

/** A dual-use checklist for research areas, owned by an office and reviewed by a date. */
export const ChecklistInputSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z0-9_]{1,64}$/),
    titleEn: requiredText(300),
    titleDe: requiredText(300),
    ownerOffice: OfficeKeySchema,
    /** DFG codes (or their prefixes, e.g. `315`) and sensitive-area keys. */
    appliesTo: z
      .array(z.string().regex(/^[a-z0-9_-]{1,64}$/))
      .min(1)
      .max(50),
    nextReviewOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date as YYYY-MM-DD'),
    questions: z
      .array(ChecklistQuestionSchema)
      .min(1)
      .max(50)
      .refine(uniqueKeys, 'Question keys must be unique'),
  })
  .meta({ id: 'ChecklistInput' })
export type ChecklistInput = z.input<typeof ChecklistInputSchema>
/** A checklist as stored. */
export type ChecklistContent = z.infer<typeof ChecklistInputSchema>

/** A checklist version as the API shows it. */
export const ChecklistSchema = ChecklistInputSchema.extend({
  version: z.number().int(),
  isStale: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
}).meta({ id: 'Checklist' })
export type Checklist = z.infer<typeof ChecklistSchema>

/** The current sensitive areas with their version. */
export const SensitiveAreasSchema = z
  .object({ version: z.number().int(), areas: z.array(SensitiveAreaSchema) })
  .meta({ id: 'SensitiveAreas' })
export type SensitiveAreas = z.infer<typeof SensitiveAreasSchema>

/** The current no-go rules with their version. */
export const NoGoRulesSchema = z
  .object({ version: z.number().int(), rules: z.array(NoGoRuleSchema) })
  .meta({ id: 'NoGoRules' })
export type NoGoRules = z.infer<typeof NoGoRulesSchema>

// ---- engine input

/**
 * What the screening module reports about one partner organisation. Only organisations are
 * screened; a person's nationality or origin is never part of it.
 */
export const PartnerScreeningSchema = z
  .object({
    partnerId: z.string(),
    status: z.enum(['clear', 'possible_match', 'confirmed_match']),
    /** Whether a matched list is binding (EU or UN sanctions) rather than advisory. */
    isBinding: z.boolean(),
    lists: z.array(z.string()),
  })
  .meta({ id: 'PartnerScreening' })
export type PartnerScreening = z.infer<typeof PartnerScreeningSchema>

/** The reference versions one assessment used. */
export const AssessmentVersionsSchema = z
  .object({
    annex: z.number().int(),
    annexLabel: z.string(),
    vocabulary: z.number().int(),
    sensitiveAreas: z.number().int(),
    noGoRules: z.number().int(),
    weights: z.number().int(),
    engine: z.string(),
  })
  .meta({ id: 'AssessmentVersions' })
export type AssessmentVersions = z.infer<typeof AssessmentVersionsSchema>

// ---- engine output

/** A highlighted range within a passage (character offsets, end exclusive). */
export const HighlightSchema = z.object({ start: z.number().int(), end: z.number().int(), term: z.string() })
export type Highlight = z.infer<typeof HighlightSchema>

/** A passage with highlighted matching terms. */
export const PassageSchema = z.object({
  /** Where the passage comes from: the project field, or the entry's sub-paragraph code. */
  source: z.string(),
  text: z.string(),
  /** Offset of the passage within its source text. */
  offset: z.number().int(),
  highlights: z.array(HighlightSchema),
})
export type Passage = z.infer<typeof PassageSchema>

/** A number with unit from the text set beside the entry's threshold for the same quantity. */
export const ThresholdComparisonSchema = z.object({
  subParagraph: z.string(),
  quantity: z.string(),
  found: z.string(),
  threshold: z.string(),
  /** Whether the value found would meet the entry's criterion. */
  isMet: z.boolean(),
})
export type ThresholdComparison = z.infer<typeof ThresholdComparisonSchema>

/** Why a term from the project maps to the entry (a vocabulary concept or a plain word match). */
export const TermMappingSchema = z.object({ found: z.string(), means: z.string() })

/** A control-list entry the project may touch. */
export const CandidateSchema = z
  .object({
    code: z.string(),
    category: z.string(),
    heading: z.string(),
    score: z.number(),
    strength: z.enum(['strong', 'moderate', 'weak']),
    /**
     * `match`: counts for the risk; `excluded`: a note of the Annex takes the project out;
     * `below_threshold`: the numbers in the text stay below every threshold found.
     */
    status: z.enum(['match', 'excluded', 'below_threshold']),
    subParagraphs: z.array(z.string()),
    mappings: z.array(TermMappingSchema),
    evidence: z.object({ project: z.array(PassageSchema), entry: z.array(PassageSchema) }),
    thresholds: z.array(ThresholdComparisonSchema),
    /** The note quoted from the Annex when the status is `excluded`. */
    exclusionNote: z.string().nullable(),
  })
  .meta({ id: 'Candidate' })
export type Candidate = z.infer<typeof CandidateSchema>

/** A sensitive technology area the project touches. */
export const AreaFlagSchema = z
  .object({
    key: z.string(),
    nameEn: z.string(),
    nameDe: z.string(),
    score: z.number(),
    terms: z.array(z.string()),
    evidence: z.array(PassageSchema),
  })
  .meta({ id: 'AreaFlag' })
export type AreaFlag = z.infer<typeof AreaFlagSchema>

/** The technology readiness band and the General Technology Note exemptions that plausibly apply. */
export const ProportionalitySchema = z
  .object({
    trl: z.number().int().nullable(),
    band: z.enum(['basic_research', 'development', 'application', 'unknown']),
    exemptions: z.array(
      z.object({
        kind: z.enum(['basic_scientific_research', 'public_domain']),
        reasonEn: z.string(),
        reasonDe: z.string(),
        note: z.string(),
      }),
    ),
  })
  .meta({ id: 'Proportionality' })
export type Proportionality = z.infer<typeof ProportionalitySchema>

/** One factor of the risk level, with its weight and why it applies. */
export const FactorSchema = z
  .object({ key: z.string(), weight: z.number(), reasonEn: z.string(), reasonDe: z.string() })
  .meta({ id: 'Factor' })
export type Factor = z.infer<typeof FactorSchema>

/** A no-go rule that fired. */
export const FiredRuleSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    nameDe: z.string(),
    explanation: z.string(),
    explanationDe: z.string(),
    condition: z.string(),
    consequence: NoGoConsequenceSchema,
  })
  .meta({ id: 'FiredRule' })
export type FiredRule = z.infer<typeof FiredRuleSchema>

/** The risk levels of a pre-assessment. */
export const RiskLevelSchema = z.enum(['low', 'elevated', 'high', 'no_go'])
export type RiskLevel = z.infer<typeof RiskLevelSchema>

/** A checklist that applies to the project, attached to the result. */
export const AttachedChecklistSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  titleEn: z.string(),
  titleDe: z.string(),
  ownerOffice: OfficeKeySchema,
  nextReviewOn: z.string(),
  isStale: z.boolean(),
  appliesBecause: z.string(),
  questions: z.array(z.object({ key: z.string(), textEn: z.string(), textDe: z.string() })),
})
export type AttachedChecklist = z.infer<typeof AttachedChecklistSchema>

/** The full result of a pre-assessment: it prepares a decision and never makes one. */
export const AssessmentResultSchema = z
  .object({
    riskLevel: RiskLevelSchema,
    riskScore: z.number(),
    language: z.enum(['de', 'en']),
    candidates: z.array(CandidateSchema),
    areas: z.array(AreaFlagSchema),
    proportionality: ProportionalitySchema,
    factors: z.array(FactorSchema),
    noGos: z.array(FiredRuleSchema),
    offices: z.array(OfficeKeySchema),
    nextSteps: z.array(z.object({ en: z.string(), de: z.string() })),
    summary: z.object({ en: z.string(), de: z.string() }),
    checklists: z.array(AttachedChecklistSchema),
    versions: AssessmentVersionsSchema,
  })
  .meta({ id: 'AssessmentResult' })
export type AssessmentResult = z.infer<typeof AssessmentResultSchema>

/** A stored assessment of a collaboration. */
export const AssessmentSchema = z
  .object({
    id: z.string(),
    collaborationId: z.string(),
    collaborationVersion: z.number().int(),
    sheetUpdatedAt: z.string(),
    result: AssessmentResultSchema,
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Assessment' })
export type Assessment = z.infer<typeof AssessmentSchema>

/** The largest description the ad-hoc assessment accepts. */
export const maxAdHocCharacters = 100_000

/** An ad-hoc text to assess (the side panel while the form is filled, or the CLI). */
export const AdHocAssessmentSchema = z
  .strictObject({
    text: requiredText(maxAdHocCharacters),
    trl: z.number().int().min(1).max(9).nullable().default(null),
    researchAreas: DataSheetSchema.shape.researchAreas,
    /** Optionally the whole draft sheet, so answers, partners and activities count as well. */
    sheet: DataSheetSchema.optional(),
  })
  .meta({ id: 'AdHocAssessment' })
export type AdHocAssessment = z.input<typeof AdHocAssessmentSchema>

/** Result of importing an Annex file. */
export const AnnexImportReportSchema = z
  .object({ version: z.number().int(), label: z.string(), entries: z.number().int(), isNew: z.boolean() })
  .meta({ id: 'AnnexImportReport' })
export type AnnexImportReport = z.infer<typeof AnnexImportReportSchema>
