import { z } from 'zod'
import { cleanText, requiredText } from '../../shared/text.js'
import { OfficeKeySchema } from '../organisation/organisation.schema.js'

/** What a party does in a step: the paper's "who assesses, who advises, who decides". */
export const ResponsibilitySchema = z.enum(['assesses', 'advises', 'decides', 'is_informed'])
export type Responsibility = z.infer<typeof ResponsibilitySchema>

/** Who takes part: an office, the expert team, or a role such as the decision-maker. */
export const ParticipantSchema = z.union([
  z.object({ kind: z.literal('office'), key: OfficeKeySchema }),
  z.object({ kind: z.literal('expert_team'), key: z.literal('expert_team') }),
  z.object({
    kind: z.literal('role'),
    key: z.enum(['decision_maker', 'researcher', 'funder', 'supervisory_board']),
  }),
])
export type Participant = z.infer<typeof ParticipantSchema>

/** The kinds of steps a process is built from. */
export const StepKindSchema = z.enum(['intake', 'office_reviews', 'expert_team', 'inform_funder', 'decision'])

/** One step of the configured process. */
export const ProcessStepSchema = z.strictObject({
  key: z.string().regex(/^[a-z_]{1,40}$/),
  kind: StepKindSchema,
  labelDe: requiredText(120),
  labelEn: requiredText(120),
  labelZh: cleanText(120).default(''),
  descriptionDe: cleanText(1000).default(''),
  descriptionEn: cleanText(1000).default(''),
  descriptionZh: cleanText(1000).default(''),
  responsibilities: z.array(z.strictObject({ who: ParticipantSchema, does: ResponsibilitySchema })).max(20),
})
export type ProcessStep = z.infer<typeof ProcessStepSchema>

/**
 * Facts of a case that routing rules can test. Facts from the pre-assessment and the partner
 * screening are filled in when those modules have results; otherwise they count as absent.
 */
export const FactSchema = z.enum([
  'partner_abroad',
  'partner_company',
  'activity.jointResearch',
  'activity.dataSharing',
  'activity.sampleTransfer',
  'activity.mobility',
  'activity.visitingResearchers',
  'activity.infrastructureAccess',
  'activity.ipLicensing',
  'activity.equipmentDelivery',
  'activity.contractOrMou',
  'data.personal_data',
  'data.human_genetic_resources',
  'data.human_subjects',
  'data.biological_samples',
  'funding.external',
  'trl_at_least_5',
  'trl_at_least_7',
  'questionnaire.any_no_or_unknown',
  'assessment.control_list_candidate',
  'assessment.risk_elevated_or_high',
  'screening.hit',
])
export type Fact = z.infer<typeof FactSchema>

/** A routing rule: when any of the facts holds, the office takes part. Rules are data, not code. */
export const RoutingRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/),
  office: OfficeKeySchema,
  whenAny: z.array(FactSchema).min(1).max(20),
  explanationDe: requiredText(500),
  explanationEn: requiredText(500),
})
export type RoutingRule = z.infer<typeof RoutingRuleSchema>

/** The whole configured process: steps, review periods, routing rules. */
export const ProcessConfigSchema = z
  .strictObject({
    steps: z.array(ProcessStepSchema).min(1).max(20),
    offices: z.record(
      OfficeKeySchema,
      z.strictObject({ reviewDays: z.number().int().min(1).max(60), does: z.enum(['assesses', 'advises']) }),
    ),
    expertTeamDays: z.number().int().min(1).max(60).default(10),
    routingRules: z.array(RoutingRuleSchema).max(100),
  })
  .meta({ id: 'ProcessConfig' })
export type ProcessConfig = z.infer<typeof ProcessConfigSchema>
/** A process configuration as sent by the admin (defaults fill in the rest). */
export type ProcessConfigInput = z.input<typeof ProcessConfigSchema>

/** A stored version of the process configuration. */
export const ProcessVersionSchema = z
  .object({
    version: z.number().int(),
    config: ProcessConfigSchema,
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'ProcessVersion' })
export type ProcessVersion = z.infer<typeof ProcessVersionSchema>

/** Where one office's review stands. */
export const ReviewStatusSchema = z.enum(['open', 'waiting_for_information', 'completed', 'cancelled'])
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>

/** An office's recommendation. */
export const RecommendationSchema = z.enum(['no_objection', 'conditions', 'objection'])
export type Recommendation = z.infer<typeof RecommendationSchema>

/** A request for information from an office to the researcher. */
export const InformationRequestSchema = z
  .object({
    id: z.string(),
    question: z.string(),
    askedBy: z.string(),
    askedAt: z.string(),
    answer: z.string().nullable(),
    answeredBy: z.string().nullable(),
    answeredAt: z.string().nullable(),
  })
  .meta({ id: 'InformationRequest' })
export type InformationRequest = z.infer<typeof InformationRequestSchema>

/** One office's (or the expert team's) part in a case. */
export const OfficeReviewSchema = z
  .object({
    id: z.string(),
    collaborationId: z.string(),
    round: z.number().int(),
    participant: z.string(),
    does: z.enum(['assesses', 'advises']),
    reasons: z.array(z.object({ ruleId: z.string(), explanationDe: z.string(), explanationEn: z.string() })),
    status: ReviewStatusSchema,
    dueAt: z.string(),
    isOverdue: z.boolean(),
    findings: z.string(),
    recommendation: RecommendationSchema.nullable(),
    conditions: z.array(z.string()),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    createdAt: z.string(),
    requests: z.array(InformationRequestSchema),
  })
  .meta({ id: 'OfficeReview' })
export type OfficeReview = z.infer<typeof OfficeReviewSchema>

/** An office's finished review. */
export const CompleteReviewSchema = z
  .strictObject({
    findings: requiredText(20_000),
    recommendation: RecommendationSchema,
    conditions: z.array(requiredText(1000)).max(30).default([]),
  })
  .meta({ id: 'CompleteReview' })
export type CompleteReview = z.input<typeof CompleteReviewSchema>

/** A question to the researcher. */
export const AskSchema = z.strictObject({ question: requiredText(5000) }).meta({ id: 'Ask' })
/** The researcher's answer. */
export const AnswerRequestSchema = z
  .strictObject({ answer: requiredText(20_000) })
  .meta({ id: 'AnswerRequest' })

/** A message in the case's discussion thread. */
export const MessageSchema = z
  .object({
    id: z.string(),
    authorName: z.string(),
    authorId: z.string(),
    body: z.string(),
    isInternal: z.boolean(),
    mentions: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'Message' })
export type Message = z.infer<typeof MessageSchema>

/** A new message; `@username` mentions notify those users. */
export const NewMessageSchema = z
  .strictObject({ body: requiredText(20_000), isInternal: z.boolean().default(false) })
  .meta({ id: 'NewMessage' })
export type NewMessage = z.input<typeof NewMessageSchema>

/** A condition of a decision, tracked on the active collaboration. */
export const ObligationSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    dueAt: z.string().nullable(),
    confirmedByOffice: z.string().nullable(),
    status: z.enum(['open', 'fulfilled']),
    fulfilledAt: z.string().nullable(),
    fulfilledBy: z.string().nullable(),
    note: z.string(),
  })
  .meta({ id: 'Obligation' })
export type Obligation = z.infer<typeof ObligationSchema>

/** Confirming that an obligation is met. */
export const FulfilObligationSchema = z
  .strictObject({ note: cleanText(2000).default('') })
  .meta({ id: 'FulfilObligation' })

/** A record that the funder or the supervisory board was informed upfront. */
export const FunderNoticeSchema = z
  .object({
    id: z.string(),
    recipients: z.string(),
    text: z.string(),
    sentAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'FunderNotice' })
export type FunderNotice = z.infer<typeof FunderNoticeSchema>

/** Recording that the notification went out, with the text actually sent. */
export const RecordFunderNoticeSchema = z
  .strictObject({
    recipients: requiredText(500),
    text: requiredText(20_000),
    sentAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'RecordFunderNotice' })

/** Everything reviewers and researchers see about the review of one case. */
export const CaseReviewSchema = z
  .object({
    collaborationId: z.string(),
    processVersion: z.number().int().nullable(),
    round: z.number().int(),
    reviews: z.array(OfficeReviewSchema),
    readyForDecision: z.boolean(),
    obligations: z.array(ObligationSchema),
    funderNotices: z.array(FunderNoticeSchema),
  })
  .meta({ id: 'CaseReview' })
export type CaseReview = z.infer<typeof CaseReviewSchema>

/** One line of an office's queue. */
export const QueueItemSchema = z
  .object({
    reviewId: z.string(),
    collaborationId: z.string(),
    reference: z.string(),
    title: z.string(),
    participant: z.string(),
    does: z.enum(['assesses', 'advises']),
    status: ReviewStatusSchema,
    dueAt: z.string(),
    isOverdue: z.boolean(),
    waitingDays: z.number(),
    trl: z.number().int().nullable(),
    countries: z.array(z.string()),
  })
  .meta({ id: 'QueueItem' })
export type QueueItem = z.infer<typeof QueueItemSchema>
