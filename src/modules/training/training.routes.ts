import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import {
  AttemptResultSchema,
  CaseTrainingStatusSchema,
  CaseTrainingSummarySchema,
  ModuleKeySchema,
  MyTrainingsSchema,
  ObligationRulesSchema,
  ReportRowSchema,
  StoredObligationSchema,
  SubmitAttemptSchema,
  TrainingModuleContentSchema,
  TrainingModuleSummarySchema,
  TrainingModuleViewSchema,
  TrainingSettingsSchema,
  UpdateTrainingSettingsSchema,
} from './training.schema.js'
import * as service from './training.service.js'

const tags = ['training']
const keyParam = { params: z.object({ key: ModuleKeySchema }) }
const notFound = { 404: { description: 'No such training' } }
const reportQuery = z.object({
  unitId: z.uuid().optional(),
  moduleKey: ModuleKeySchema.optional(),
})

const listRoute = defineRoute('training.read', {
  method: 'get',
  path: '/training/modules',
  tags,
  summary: 'Every training module (current version)',
  responses: { 200: json(z.array(TrainingModuleSummarySchema), 'Modules'), ...problemResponses },
})
const getRoute = defineRoute('training.read', {
  method: 'get',
  path: '/training/modules/{key}',
  tags,
  summary: 'A module to take: lessons as safe HTML, quiz questions without the answers',
  request: keyParam,
  responses: { 200: json(TrainingModuleViewSchema, 'The module'), ...notFound, ...problemResponses },
})
const sourceRoute = defineRoute('training.manage', {
  method: 'get',
  path: '/training/modules/{key}/source',
  tags,
  summary: 'The full content of the current version, with the answers, for editing',
  request: keyParam,
  responses: {
    200: json(
      z.object({
        content: TrainingModuleContentSchema,
        versions: z.array(
          z.object({
            version: z.number().int(),
            contentVersion: z.number().int(),
            createdAt: z.string(),
            createdBy: z.string(),
          }),
        ),
      }),
      'Content and version history',
    ),
    ...notFound,
    ...problemResponses,
  },
})
const saveRoute = defineRoute('training.manage', {
  method: 'put',
  path: '/training/modules/{key}',
  tags,
  summary: 'Store an edited (or new) module as a new version',
  request: { ...keyParam, ...body(TrainingModuleContentSchema) },
  responses: { 200: json(TrainingModuleSummarySchema, 'The new current version'), ...problemResponses },
})
const attemptRoute = defineRoute('training.take', {
  method: 'post',
  path: '/training/modules/{key}/attempts',
  tags,
  summary: 'Submit quiz answers: scored on the server, with the right answers and explanations',
  request: { ...keyParam, ...body(SubmitAttemptSchema) },
  responses: { 201: json(AttemptResultSchema, 'The result'), ...notFound, ...problemResponses },
})
const meRoute = defineRoute('training.read', {
  method: 'get',
  path: '/training/me',
  tags,
  summary: 'My required trainings with their status, and every module with my last result',
  responses: { 200: json(MyTrainingsSchema, 'My trainings'), ...problemResponses },
})
const obligationsRoute = defineRoute('training.read', {
  method: 'get',
  path: '/training/obligations',
  tags,
  summary: 'Who must take which training',
  responses: { 200: json(z.array(StoredObligationSchema), 'Obligations'), ...problemResponses },
})
const saveObligationsRoute = defineRoute('training.manage', {
  method: 'put',
  path: '/training/obligations',
  tags,
  summary: 'Replace the obligations (the audit trail keeps the previous set)',
  request: body(ObligationRulesSchema),
  responses: { 200: json(z.array(StoredObligationSchema), 'Obligations'), ...problemResponses },
})
const settingsRoute = defineRoute('training.read', {
  method: 'get',
  path: '/training/settings',
  tags,
  summary: 'Whether a missing training blocks submission or only warns',
  responses: { 200: json(TrainingSettingsSchema, 'Settings'), ...problemResponses },
})
const saveSettingsRoute = defineRoute('training.manage', {
  method: 'put',
  path: '/training/settings',
  tags,
  summary: 'Change whether a missing training blocks submission or only warns',
  request: body(UpdateTrainingSettingsSchema),
  responses: { 200: json(TrainingSettingsSchema, 'Settings'), ...problemResponses },
})
const reportRoute = defineRoute('training.report', {
  method: 'get',
  path: '/training/report',
  tags,
  summary: 'Completion by unit and module',
  request: { query: reportQuery },
  responses: { 200: json(z.array(ReportRowSchema), 'Report rows'), ...problemResponses },
})
const reportCsvRoute = defineRoute('training.report', {
  method: 'get',
  path: '/training/report.csv',
  tags,
  summary: 'Completion by unit and module as CSV (UTF-8 with BOM, for Excel)',
  request: { query: reportQuery.extend({ lang: z.enum(['de', 'en']).default('de') }) },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses,
  },
})
const caseRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/trainings',
  tags,
  summary: 'Whether the people involved in the case completed their required trainings',
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: json(CaseTrainingStatusSchema, 'Training status'),
    404: { description: 'Not found' },
    ...problemResponses,
  },
})
const casesRoute = defineRoute('review.queue', {
  method: 'get',
  path: '/training/cases',
  tags,
  summary: 'For the office queue: per case, whether everyone involved completed their trainings',
  request: {
    query: z.object({
      ids: z
        .string()
        .max(8000)
        .transform((value) => value.split(',').filter(Boolean))
        .pipe(z.array(z.uuid()).max(200)),
    }),
  },
  responses: { 200: json(z.array(CaseTrainingSummarySchema), 'Per case'), ...problemResponses },
})

/** Trainings: modules, taking them, obligations, settings, status and the completion report. */
export const trainingRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await service.listModules(c.var.ctx), 200))
  .openapi(meRoute, async (c) => c.json(await service.getMyTrainings(c.var.ctx), 200))
  .openapi(obligationsRoute, async (c) => c.json(await service.getObligations(c.var.ctx), 200))
  .openapi(saveObligationsRoute, async (c) =>
    c.json(await service.saveObligations(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(settingsRoute, async (c) => c.json(await service.getTrainingSettings(c.var.ctx), 200))
  .openapi(saveSettingsRoute, async (c) =>
    c.json(await service.updateTrainingSettings(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(reportRoute, async (c) =>
    c.json(await service.completionByUnitAndModule(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(reportCsvRoute, async (c) => {
    const { lang, ...filter } = c.req.valid('query')
    const rows = await service.completionByUnitAndModule(c.var.ctx, filter)
    return c.body(service.reportCsv(rows, lang), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="liaison-training-report.csv"',
    })
  })
  .openapi(casesRoute, async (c) =>
    c.json(await service.getCaseTrainingSummaries(c.var.ctx, c.req.valid('query').ids), 200),
  )
  .openapi(getRoute, async (c) => c.json(await service.getModule(c.var.ctx, c.req.valid('param').key), 200))
  .openapi(sourceRoute, async (c) =>
    c.json(await service.getModuleSource(c.var.ctx, c.req.valid('param').key), 200),
  )
  .openapi(saveRoute, async (c) =>
    c.json(await service.saveModule(c.var.ctx, c.req.valid('param').key, c.req.valid('json')), 200),
  )
  .openapi(attemptRoute, async (c) =>
    c.json(await service.submitAttempt(c.var.ctx, c.req.valid('param').key, c.req.valid('json')), 201),
  )
  .openapi(caseRoute, async (c) =>
    c.json(await service.getCaseTrainingStatus(c.var.ctx, c.req.valid('param').id), 200),
  )
