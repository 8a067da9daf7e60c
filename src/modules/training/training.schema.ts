import { z } from 'zod'
import { RoleSchema } from '../access/access.schema.js'
import { OfficeKeySchema } from '../organisation/organisation.schema.js'

/** A text in both UI languages. */
const bilingual = (max: number) =>
  z.strictObject({
    de: z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`),
    en: z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`),
  })

/** The topics the trainings cover. */
export const TrainingTopicSchema = z.enum([
  'due-diligence',
  'dual-use',
  'export-control',
  'data-security',
  'china-competence',
  'other',
])
export type TrainingTopic = z.infer<typeof TrainingTopicSchema>

export const ModuleKeySchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case letters, digits and dashes, e.g. dual-use-basics')
  .max(60)

/** One quiz question; `correct` lists the indexes of every correct option (one or several). */
export const QuizQuestionSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Letters, digits, dash or underscore'),
    question: bilingual(1000),
    options: z.array(bilingual(500)).min(2, 'At least two options').max(8),
    correct: z.array(z.number().int().min(0)).min(1, 'At least one correct option'),
    explanation: bilingual(2000),
  })
  .superRefine((question, context) => {
    question.correct.forEach((index, position) => {
      if (index >= question.options.length)
        context.addIssue({
          code: 'custom',
          path: ['correct', position],
          message: `Option ${index} does not exist (the question has ${question.options.length})`,
        })
    })
    if (new Set(question.correct).size !== question.correct.length)
      context.addIssue({ code: 'custom', path: ['correct'], message: 'An option is listed twice' })
  })

/** A training module as its content file (data/training/modules/<key>.json) and the admin editor have it. */
export const TrainingModuleContentSchema = z
  .strictObject({
    key: ModuleKeySchema,
    version: z.number().int().min(1),
    minutes: z.number().int().min(1).max(120),
    passMark: z.number().gt(0).max(1),
    validityMonths: z.number().int().min(1).max(120),
    topic: TrainingTopicSchema,
    title: bilingual(200),
    summary: bilingual(1000),
    lessons: z
      .array(z.strictObject({ title: bilingual(200), body: bilingual(40_000) }))
      .min(1, 'At least one lesson')
      .max(30),
    quiz: z.array(QuizQuestionSchema).min(1, 'At least one question').max(50),
  })
  .superRefine((module, context) => {
    const seen = new Set<string>()
    module.quiz.forEach((question, index) => {
      if (seen.has(question.id))
        context.addIssue({
          code: 'custom',
          path: ['quiz', index, 'id'],
          message: `Duplicate id "${question.id}"`,
        })
      seen.add(question.id)
    })
  })
  .meta({ id: 'TrainingModuleContent' })
export type TrainingModuleContent = z.infer<typeof TrainingModuleContentSchema>

const Bilingual = z.object({ de: z.string(), en: z.string() })

/** A module in lists: what it is about, without lessons and quiz. */
export const TrainingModuleSummarySchema = z
  .object({
    key: z.string(),
    version: z.number().int(),
    minutes: z.number().int(),
    passMark: z.number(),
    validityMonths: z.number().int(),
    topic: TrainingTopicSchema,
    title: Bilingual,
    summary: Bilingual,
    lessonCount: z.number().int(),
    questionCount: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TrainingModuleSummary' })
export type TrainingModuleSummary = z.infer<typeof TrainingModuleSummarySchema>

/** A module for taking it: lessons rendered to safe HTML, questions without the correct answers. */
export const TrainingModuleViewSchema = TrainingModuleSummarySchema.extend({
  lessons: z.array(z.object({ title: Bilingual, html: Bilingual })),
  quiz: z.array(
    z.object({
      id: z.string(),
      question: Bilingual,
      options: z.array(Bilingual),
      /** Whether several options may be correct (the learner chooses each that applies). */
      multiple: z.boolean(),
    }),
  ),
}).meta({ id: 'TrainingModuleView' })
export type TrainingModuleView = z.infer<typeof TrainingModuleViewSchema>

/** A learner's answers: question id → the chosen option indexes. */
export const SubmitAttemptSchema = z
  .strictObject({
    version: z.number().int().min(1),
    answers: z.record(z.string().max(40), z.array(z.number().int().min(0).max(20)).max(20)),
  })
  .meta({ id: 'SubmitTrainingAttempt' })
export type SubmitAttempt = z.infer<typeof SubmitAttemptSchema>

/** The scored attempt: per question whether it was right, the right answer and why. */
export const AttemptResultSchema = z
  .object({
    id: z.string(),
    moduleKey: z.string(),
    moduleVersion: z.number().int(),
    correctCount: z.number().int(),
    questionCount: z.number().int(),
    score: z.number(),
    passMark: z.number(),
    passed: z.boolean(),
    takenAt: z.string(),
    validUntil: z.string().nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        chosen: z.array(z.number().int()),
        correct: z.array(z.number().int()),
        isCorrect: z.boolean(),
        explanation: Bilingual,
      }),
    ),
  })
  .meta({ id: 'TrainingAttemptResult' })
export type AttemptResult = z.infer<typeof AttemptResultSchema>

/** Who must take a module: holders of a role (of one office), or people in a situation. */
export const AudienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('role'),
    role: RoleSchema,
    /** For office reviewers: only those of this office; null for every holder of the role. */
    officeKey: OfficeKeySchema.nullable().default(null),
  }),
  z.strictObject({
    /** Everyone named on an open collaboration (author, principal investigators, members). */
    kind: z.literal('collaboration'),
  }),
  z.strictObject({
    /** Everyone named on an open collaboration with a partner organisation in one of these countries. */
    kind: z.literal('partner_country'),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'ISO country code, e.g. CN'))
      .min(1)
      .max(50),
  }),
])
export type Audience = z.infer<typeof AudienceSchema>

export const ObligationRuleSchema = z
  .strictObject({ moduleKey: ModuleKeySchema, audience: AudienceSchema })
  .meta({ id: 'TrainingObligationRule' })
export type ObligationRule = z.infer<typeof ObligationRuleSchema>

export const ObligationRulesSchema = z
  .strictObject({ rules: z.array(ObligationRuleSchema).max(200) })
  .meta({ id: 'TrainingObligationRules' })

export const StoredObligationSchema = ObligationRuleSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
}).meta({ id: 'TrainingObligation' })
export type StoredObligation = z.infer<typeof StoredObligationSchema>

/** What a missing training does at submission. */
export const EnforcementSchema = z.enum(['warn', 'block'])
export type Enforcement = z.infer<typeof EnforcementSchema>

export const TrainingSettingsSchema = z
  .object({
    enforcement: EnforcementSchema,
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'TrainingSettings' })
export type TrainingSettings = z.infer<typeof TrainingSettingsSchema>

export const UpdateTrainingSettingsSchema = z
  .strictObject({ enforcement: EnforcementSchema })
  .meta({ id: 'UpdateTrainingSettings' })

/** Where a person stands with one required training. */
export const TrainingStateSchema = z.enum(['completed', 'expiring', 'expired', 'missing'])
export type TrainingState = z.infer<typeof TrainingStateSchema>

/** Days before the end of validity from which a completion counts as expiring (and is reminded). */
export const expiringDays = 30

/** One required (or taken) training of one person. */
export const TrainingStatusItemSchema = z
  .object({
    moduleKey: z.string(),
    title: Bilingual,
    required: z.boolean(),
    /** Why it is required, e.g. `role:office_reviewer:export_control`, `partner_country:CN`. */
    reasons: z.array(z.string()),
    state: TrainingStateSchema,
    completedAt: z.string().nullable(),
    completedVersion: z.number().int().nullable(),
    validUntil: z.string().nullable(),
  })
  .meta({ id: 'TrainingStatusItem' })
export type TrainingStatusItem = z.infer<typeof TrainingStatusItemSchema>

/** A person's trainings: the required ones with their state. */
export const UserTrainingStatusSchema = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    items: z.array(TrainingStatusItemSchema),
    /** Whether every required training is completed and valid (expiring ones count as valid). */
    complete: z.boolean(),
  })
  .meta({ id: 'UserTrainingStatus' })
export type UserTrainingStatus = z.infer<typeof UserTrainingStatusSchema>

/** The signed-in user's trainings page: required trainings and every module with the last result. */
export const MyTrainingsSchema = z
  .object({
    status: UserTrainingStatusSchema,
    modules: z.array(
      TrainingModuleSummarySchema.extend({
        lastAttempt: z
          .object({
            passed: z.boolean(),
            score: z.number(),
            takenAt: z.string(),
            validUntil: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'MyTrainings' })

/** The trainings of the people involved in a case. */
export const CaseTrainingStatusSchema = z
  .object({
    collaborationId: z.string(),
    enforcement: EnforcementSchema,
    people: z.array(UserTrainingStatusSchema),
    complete: z.boolean(),
  })
  .meta({ id: 'CaseTrainingStatus' })
export type CaseTrainingStatus = z.infer<typeof CaseTrainingStatusSchema>

/** For the office queue: per case, whether the people involved completed their trainings. */
export const CaseTrainingSummarySchema = z
  .object({
    collaborationId: z.string(),
    complete: z.boolean(),
    missing: z.number().int(),
    people: z.number().int(),
  })
  .meta({ id: 'CaseTrainingSummary' })

export const ReportFilterSchema = z
  .strictObject({ unitId: z.uuid().optional(), moduleKey: ModuleKeySchema.optional() })
  .meta({ id: 'TrainingReportFilter' })
export type ReportFilter = z.infer<typeof ReportFilterSchema>

/** Completion of one module in one unit (people without a unit count under "no unit"). */
export const ReportRowSchema = z
  .object({
    unitId: z.string().nullable(),
    unitCode: z.string(),
    unitName: Bilingual,
    moduleKey: z.string(),
    moduleTitle: Bilingual,
    required: z.number().int(),
    /** Completed and valid (including expiring). */
    completed: z.number().int(),
    expiring: z.number().int(),
    expired: z.number().int(),
    missing: z.number().int(),
    /** completed / required, 0..1; null when nobody must take it. */
    share: z.number().nullable(),
  })
  .meta({ id: 'TrainingReportRow' })
export type ReportRow = z.infer<typeof ReportRowSchema>
