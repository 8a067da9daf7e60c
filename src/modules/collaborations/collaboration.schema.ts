import { z } from 'zod'
import { cleanText, requiredText } from '../../shared/text.js'

/** Where a collaboration stands in its life. */
export const CollaborationStatusSchema = z.enum([
  'draft',
  'submitted',
  'in_review',
  'approved',
  'approved_with_conditions',
  'declined',
  'active',
  'ended',
  'withdrawn',
  'amendment_draft',
])
export type CollaborationStatus = z.infer<typeof CollaborationStatusSchema>

/** The outcomes of a decision. */
export const DecisionOutcomeSchema = z.enum(['approved', 'approved_with_conditions', 'declined'])
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>

/** Kinds of partner organisation. */
export const PartnerKindSchema = z.enum([
  'university',
  'research_institute',
  'company',
  'government_body',
  'other',
])
export type PartnerKind = z.infer<typeof PartnerKindSchema>

/** Kinds of data and samples a collaboration may involve. */
export const DataKindSchema = z.enum([
  'personal_data',
  'human_genetic_resources',
  'human_subjects',
  'biological_samples',
  'geodata',
  'environmental_data',
  'technical_data',
  'software_source_code',
  'confidential_business_data',
  'public_data',
])
export type DataKind = z.infer<typeof DataKindSchema>

/** A three-way answer: every "no" and "unknown" asks for an explanation. */
export const TriStateSchema = z.enum(['yes', 'no', 'unknown'])
export type TriState = z.infer<typeof TriStateSchema>

/** ISO 3166-1 alpha-2 country code. */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'Two-letter country code (ISO 3166-1)')

const optionalUuid = z.uuid().nullable().default(null)
const money = z.number().min(0).max(1e10).nullable().default(null)
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Not a valid date')
  .nullable()
  .default(null)

/** An internal person: a user of Liaison or just a name. */
export const InternalPersonSchema = z.strictObject({
  userId: optionalUuid,
  name: requiredText(200),
})
export type InternalPerson = z.infer<typeof InternalPersonSchema>

/**
 * A partner organisation as the researcher describes it. There is deliberately no field for a
 * person's nationality or origin: the contact person is a name and a role.
 */
export const PartnerSchema = z.strictObject({
  id: z.uuid(),
  nameOriginal: cleanText(300).default(''),
  nameEnglish: cleanText(300).default(''),
  country: CountryCodeSchema.nullable().default(null),
  kind: PartnerKindSchema.nullable().default(null),
  department: cleanText(300).default(''),
  contactName: cleanText(200).default(''),
  contactRole: cleanText(200).default(''),
})
export type Partner = z.infer<typeof PartnerSchema>

/** The planned activities. */
export const ActivitiesSchema = z.strictObject({
  jointResearch: z.boolean().default(false),
  dataSharing: z.boolean().default(false),
  sampleTransfer: z.boolean().default(false),
  mobility: z.boolean().default(false),
  mobilityDirection: z.enum(['outgoing', 'incoming', 'both']).nullable().default(null),
  mobilityMonths: z.number().int().min(0).max(120).nullable().default(null),
  visitingResearchers: z.boolean().default(false),
  infrastructureAccess: z.boolean().default(false),
  jointPublications: z.boolean().default(false),
  ipLicensing: z.boolean().default(false),
  equipmentDelivery: z.boolean().default(false),
  contractOrMou: z.boolean().default(false),
  notes: cleanText(5000).default(''),
})
export type Activities = z.infer<typeof ActivitiesSchema>

/** The data and samples involved, where they live and who sees them. */
export const DataSamplesSchema = z.strictObject({
  kinds: z.array(DataKindSchema).max(DataKindSchema.options.length).default([]),
  storage: cleanText(2000).default(''),
  processing: cleanText(2000).default(''),
  access: cleanText(2000).default(''),
  notes: cleanText(5000).default(''),
})
export type DataSamples = z.infer<typeof DataSamplesSchema>

/** One funder of the collaboration. */
export const FunderSchema = z.strictObject({
  name: requiredText(300),
  programme: cleanText(300).default(''),
})

/** Funding and the resources set aside for research security. */
export const FundingSchema = z.strictObject({
  funders: z.array(FunderSchema).max(10).default([]),
  totalBudgetEur: money,
  ownShareEur: money,
  callHasSecurityGuidelines: TriStateSchema.nullable().default(null),
  securityBudgetEur: money,
  securityBudgetNote: cleanText(2000).default(''),
})
export type Funding = z.infer<typeof FundingSchema>

/** Interests, expectations, reciprocity and exits. */
export const InterestsSchema = z.strictObject({
  researcherInterest: cleanText(5000).default(''),
  institutionInterest: cleanText(5000).default(''),
  expectedBenefits: cleanText(5000).default(''),
  reciprocity: cleanText(5000).default(''),
  exitOptions: cleanText(5000).default(''),
  startDate: isoDate,
  endDate: isoDate,
})
export type Interests = z.infer<typeof InterestsSchema>

/** An answer to one questionnaire question. */
export const AnswerSchema = z.strictObject({
  answer: TriStateSchema.nullable().default(null),
  explanation: cleanText(5000).default(''),
})
export type Answer = z.infer<typeof AnswerSchema>

/** The project data sheet: everything the researcher tells about the collaboration. */
export const DataSheetSchema = z
  .strictObject({
    title: cleanText(300).default(''),
    acronym: cleanText(40).default(''),
    summary: cleanText(3000).default(''),
    description: cleanText(100_000).default(''),
    researchAreas: z
      .array(z.string().regex(/^\d{3}-\d{2}$/, 'A DFG subject area code such as 443-04'))
      .max(10)
      .default([]),
    keywords: z.array(requiredText(80)).max(30).default([]),
    trl: z.number().int().min(1).max(9).nullable().default(null),
    unitId: optionalUuid,
    principalInvestigators: z.array(InternalPersonSchema).max(10).default([]),
    members: z.array(InternalPersonSchema).max(50).default([]),
    partners: z.array(PartnerSchema).max(50).default([]),
    activities: ActivitiesSchema.default(ActivitiesSchema.parse({})),
    dataSamples: DataSamplesSchema.default(DataSamplesSchema.parse({})),
    funding: FundingSchema.default(FundingSchema.parse({})),
    interests: InterestsSchema.default(InterestsSchema.parse({})),
    /** Answers keyed by question key, for the questionnaire version in `questionnaireVersion`. */
    answers: z.record(z.string().regex(/^[a-z0-9_]{1,64}$/), AnswerSchema).default({}),
  })
  .meta({ id: 'DataSheet' })
export type DataSheet = z.infer<typeof DataSheetSchema>
/** A data sheet as sent by a client (every field optional; defaults fill the rest). */
export type DataSheetInput = z.input<typeof DataSheetSchema>

/** One question of the export-control and data-security questionnaire. */
export const QuestionSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9_]{1,64}$/),
  section: z.enum([
    'export_control',
    'end_use',
    'data_security',
    'personal_data',
    'publication',
    'ip',
    'sanctions',
    'checklist',
  ]),
  textDe: requiredText(1000),
  textEn: requiredText(1000),
  helpDe: cleanText(2000).default(''),
  helpEn: cleanText(2000).default(''),
})
export type Question = z.infer<typeof QuestionSchema>

/** A dual-use checklist that applies to the case (by research area or sensitive area), to be answered like the questionnaire. */
export const CaseChecklistSchema = z
  .object({
    key: z.string(),
    version: z.number().int(),
    titleDe: z.string(),
    titleEn: z.string(),
    ownerOffice: z.string(),
    nextReviewOn: z.string(),
    isStale: z.boolean(),
    questions: z.array(QuestionSchema),
  })
  .meta({ id: 'CaseChecklist' })
export type CaseChecklist = z.infer<typeof CaseChecklistSchema>

/** A version of the questionnaire. */
export const QuestionnaireSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    questions: z.array(QuestionSchema),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Questionnaire' })
export type Questionnaire = z.infer<typeof QuestionnaireSchema>

/** Input for a new questionnaire version. */
export const NewQuestionnaireSchema = z
  .strictObject({
    questions: z
      .array(QuestionSchema)
      .min(1)
      .max(100)
      .refine(
        (questions) => new Set(questions.map((question) => question.key)).size === questions.length,
        'Question keys must be unique',
      ),
  })
  .meta({ id: 'NewQuestionnaire' })
export type NewQuestionnaire = z.input<typeof NewQuestionnaireSchema>

/** Who currently holds the file and what is asked of whom. */
export const NextStepSchema = z
  .object({
    step: z.enum([
      'complete_sheet',
      'intake',
      'office_reviews',
      'decision',
      'activation',
      'running',
      'closed',
    ]),
    holder: z.object({ kind: z.enum(['researcher', 'office', 'role']), key: z.string() }),
    responsibilities: z.array(
      z.object({
        who: z.object({ kind: z.enum(['researcher', 'office', 'role']), key: z.string() }),
        does: z.enum(['assesses', 'advises', 'decides', 'is_informed', 'completes']),
      }),
    ),
    askedOfResearcher: z.string().nullable(),
    dueAt: z.string().nullable(),
  })
  .meta({ id: 'NextStep' })
export type NextStep = z.infer<typeof NextStepSchema>

/** A field that must be completed (or fixed) before the case can be submitted. */
export const SubmissionProblemSchema = z.object({
  field: z.string(),
  message: z.string(),
  code: z.string().optional(),
})
export type SubmissionProblem = z.infer<typeof SubmissionProblemSchema>

/** A collaboration as the API shows it. */
export const CollaborationSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: CollaborationStatusSchema,
    sheet: DataSheetSchema,
    questionnaireVersion: z.number().int(),
    version: z.number().int(),
    decidedVersion: z.number().int().nullable(),
    followUpOf: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    /** Set when retention archived the case: attachments and personal data dropped as configured. */
    archivedAt: z.string().nullable(),
    decision: z
      .object({
        outcome: DecisionOutcomeSchema,
        reasons: z.string(),
        conditions: z.array(z.string()),
        decidedBy: z.string(),
      })
      .nullable(),
    nextStep: NextStepSchema,
    submissionProblems: z.array(SubmissionProblemSchema),
    /** The checklists that apply to the case; their questions are answered in `sheet.answers`. */
    checklists: z.array(CaseChecklistSchema),
    canEdit: z.boolean(),
  })
  .meta({ id: 'Collaboration' })
export type Collaboration = z.infer<typeof CollaborationSchema>

/** One line of a list of collaborations. */
export const CollaborationSummarySchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: CollaborationStatusSchema,
    title: z.string(),
    acronym: z.string(),
    partnerNames: z.array(z.string()),
    countries: z.array(z.string()),
    unitId: z.string().nullable(),
    trl: z.number().int().nullable(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    archivedAt: z.string().nullable(),
    nextStep: NextStepSchema,
  })
  .meta({ id: 'CollaborationSummary' })
export type CollaborationSummary = z.infer<typeof CollaborationSummarySchema>

/** Filters for listing collaborations. */
export const CollaborationQuerySchema = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  status: CollaborationStatusSchema.optional(),
  q: cleanText(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type CollaborationQuery = z.infer<typeof CollaborationQuerySchema>

/** Creating a draft: any part of the sheet may be given already. */
export const CreateCollaborationSchema = z
  .strictObject({ sheet: DataSheetSchema.default(DataSheetSchema.parse({})) })
  .meta({ id: 'CreateCollaboration' })
export type CreateCollaboration = z.input<typeof CreateCollaborationSchema>

/** Saving a draft: the whole sheet, with the version the editor started from (refused if stale). */
export const SaveDraftSchema = z
  .strictObject({ sheet: DataSheetSchema, baseUpdatedAt: z.string().max(40) })
  .meta({ id: 'SaveDraft' })
export type SaveDraft = z.input<typeof SaveDraftSchema>

/** A reason, for withdrawing or similar steps. */
export const ReasonSchema = z.strictObject({ reason: requiredText(2000) }).meta({ id: 'Reason' })

/** A decision on a case (the reviews module adds the full process around it). */
export const DecideSchema = z
  .strictObject({
    outcome: DecisionOutcomeSchema,
    reasons: requiredText(5000),
    conditions: z.array(requiredText(1000)).max(30).default([]),
  })
  .meta({ id: 'Decide' })
export type Decide = z.input<typeof DecideSchema>

/** One field that differs between two versions of a sheet. */
export const FieldChangeSchema = z
  .object({ field: z.string(), before: z.unknown(), after: z.unknown() })
  .meta({ id: 'FieldChange' })
export type FieldChange = z.infer<typeof FieldChangeSchema>

/** An entry of a case's history. */
export const HistoryEntrySchema = z
  .object({ at: z.string(), actorName: z.string(), action: z.string(), details: z.unknown().nullable() })
  .meta({ id: 'HistoryEntry' })
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>

/** A stored version of the sheet (made at every submission). */
export const CollaborationVersionSchema = z
  .object({
    version: z.number().int(),
    kind: z.enum(['submission', 'amendment']),
    sheet: DataSheetSchema,
    questionnaireVersion: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'CollaborationVersion' })
export type CollaborationVersion = z.infer<typeof CollaborationVersionSchema>

/** Metadata of an attached file. */
export const AttachmentSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    description: z.string(),
    uploadedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Attachment' })
export type Attachment = z.infer<typeof AttachmentSchema>

/** What happened to each row of an imported register. */
export const ImportReportSchema = z
  .object({
    imported: z.boolean(),
    dryRun: z.boolean(),
    rows: z.array(
      z.object({
        row: z.number().int(),
        status: z.enum(['ok', 'rejected']),
        reference: z.string().nullable(),
        title: z.string(),
        problems: z.array(z.object({ column: z.string(), message: z.string() })),
      }),
    ),
    importedCount: z.number().int(),
    rejectedCount: z.number().int(),
  })
  .meta({ id: 'ImportReport' })
export type ImportReport = z.infer<typeof ImportReportSchema>

/** A DFG subject-classification entry (research area, review board or subject area). */
export const ResearchAreaSchema = z
  .object({
    code: z.string(),
    level: z.number().int(),
    labelDe: z.string(),
    labelEn: z.string(),
    parent: z.string().nullable(),
  })
  .meta({ id: 'ResearchArea' })
export type ResearchArea = z.infer<typeof ResearchAreaSchema>

/** One opening of a case by a person (the access log the security administration sees). */
export const CaseAccessSchema = z
  .object({ at: z.string(), userId: z.string(), userName: z.string(), via: z.string() })
  .meta({ id: 'CaseAccess' })
export type CaseAccess = z.infer<typeof CaseAccessSchema>
