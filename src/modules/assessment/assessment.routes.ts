import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import {
  AdHocAssessmentSchema,
  AnnexEntryViewSchema,
  AssessmentResultSchema,
  AssessmentSchema,
  ChecklistInputSchema,
  ChecklistSchema,
  NoGoRulesInputSchema,
  NoGoRulesSchema,
  ReferenceVersionSchema,
  SensitiveAreasInputSchema,
  SensitiveAreasSchema,
} from './assessment.schema.js'
import * as service from './assessment.service.js'

const idParam = { params: z.object({ id: z.uuid() }) }
const tags = ['assessment']
const referenceTags = ['reference']

const assessRoute = defineRoute('assessment.run', {
  method: 'post',
  path: '/collaborations/{id}/assessment',
  tags,
  summary: 'Run the dual-use pre-assessment on the saved sheet and store it with the reference versions used',
  request: idParam,
  responses: {
    201: json(AssessmentSchema, 'The stored assessment'),
    404: { description: 'No such collaboration (or not visible to you)' },
    ...problemResponses,
  },
})
const latestRoute = defineRoute('assessment.read', {
  method: 'get',
  path: '/collaborations/{id}/assessment',
  tags,
  summary: 'The newest stored pre-assessment of a collaboration',
  request: idParam,
  responses: {
    200: json(AssessmentSchema, 'The assessment'),
    404: { description: 'Not assessed yet, or no such collaboration' },
    ...problemResponses,
  },
})
const adHocRoute = defineRoute('assessment.ad_hoc', {
  method: 'post',
  path: '/assessment/ad-hoc',
  tags,
  summary: 'Pre-assess a text (and optionally a draft sheet) without storing anything',
  request: body(AdHocAssessmentSchema),
  responses: { 200: json(AssessmentResultSchema, 'The result'), ...problemResponses },
})
const annexEntryRoute = defineRoute('reference.read', {
  method: 'get',
  path: '/reference/annex/{code}',
  tags: referenceTags,
  summary: 'One entry of Annex I (EU dual-use list), of the newest or a given list version',
  request: {
    params: z.object({ code: z.string().regex(/^\d[A-Ea-e]\d{3}$/, 'An Annex I code such as 6A008') }),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  },
  responses: {
    200: json(AnnexEntryViewSchema, 'The entry'),
    404: { description: 'No such entry or version' },
    ...problemResponses,
  },
})
const versionsRoute = defineRoute('reference.read', {
  method: 'get',
  path: '/reference/versions',
  tags: referenceTags,
  summary: 'Every stored version of the assessment reference data',
  responses: { 200: json(z.array(ReferenceVersionSchema), 'Versions'), ...problemResponses },
})
const areasRoute = defineRoute('reference.read', {
  method: 'get',
  path: '/reference/sensitive-areas',
  tags: referenceTags,
  summary: 'The current sensitive technology areas',
  responses: { 200: json(SensitiveAreasSchema, 'Areas'), ...problemResponses },
})
const saveAreasRoute = defineRoute('reference.edit', {
  method: 'put',
  path: '/reference/sensitive-areas',
  tags: referenceTags,
  summary: 'Publish a new version of the sensitive technology areas',
  request: body(SensitiveAreasInputSchema),
  responses: { 200: json(SensitiveAreasSchema, 'The new version'), ...problemResponses },
})
const rulesRoute = defineRoute('reference.read', {
  method: 'get',
  path: '/reference/no-go-rules',
  tags: referenceTags,
  summary: 'The current institutional no-go rules',
  responses: { 200: json(NoGoRulesSchema, 'Rules'), ...problemResponses },
})
const saveRulesRoute = defineRoute('reference.edit', {
  method: 'put',
  path: '/reference/no-go-rules',
  tags: referenceTags,
  summary: 'Publish a new version of the no-go rules (each condition is checked)',
  request: body(NoGoRulesInputSchema),
  responses: { 200: json(NoGoRulesSchema, 'The new version'), ...problemResponses },
})
const checklistsRoute = defineRoute('reference.read', {
  method: 'get',
  path: '/reference/checklists',
  tags: referenceTags,
  summary: 'The current dual-use checklists, stale ones marked',
  responses: { 200: json(z.array(ChecklistSchema), 'Checklists'), ...problemResponses },
})
const saveChecklistRoute = defineRoute('reference.edit', {
  method: 'put',
  path: '/reference/checklists',
  tags: referenceTags,
  summary: 'Publish a new version of a checklist (or a new checklist)',
  request: body(ChecklistInputSchema),
  responses: { 200: json(ChecklistSchema, 'The new version'), ...problemResponses },
})

/** The dual-use pre-assessment and its reference data. */
export const assessmentRoutes = createRouter()
  .openapi(assessRoute, async (c) =>
    c.json(await service.assessCollaboration(c.var.ctx, c.req.valid('param').id), 201),
  )
  .openapi(latestRoute, async (c) =>
    c.json(await service.getLatestAssessment(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(adHocRoute, async (c) => c.json(await service.assessAdHoc(c.var.ctx, c.req.valid('json')), 200))
  .openapi(annexEntryRoute, async (c) =>
    c.json(
      await service.getAnnexEntry(c.var.ctx, c.req.valid('param').code, c.req.valid('query').version),
      200,
    ),
  )
  .openapi(versionsRoute, async (c) => c.json(await service.listReferenceVersions(c.var.ctx), 200))
  .openapi(areasRoute, async (c) => c.json(await service.getSensitiveAreas(c.var.ctx), 200))
  .openapi(saveAreasRoute, async (c) =>
    c.json(await service.saveSensitiveAreas(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(rulesRoute, async (c) => c.json(await service.getNoGoRules(c.var.ctx), 200))
  .openapi(saveRulesRoute, async (c) =>
    c.json(await service.saveNoGoRules(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(checklistsRoute, async (c) => c.json(await service.listChecklists(c.var.ctx), 200))
  .openapi(saveChecklistRoute, async (c) =>
    c.json(await service.saveChecklist(c.var.ctx, c.req.valid('json')), 200),
  )
