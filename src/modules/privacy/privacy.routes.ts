import { z } from 'zod'
import { createRouter, defineRoute, jsonBody, jsonResponse, problemResponses } from '../../server/route.js'
import {
  DataSubjectSummarySchema,
  EraseRequestSchema,
  ErasureResultSchema,
  PersonalDataExportSchema,
  RetentionRunSchema,
  SubjectSearchSchema,
} from './privacy.schema.js'
import {
  erasePersonalData,
  exportMyData,
  exportPersonalData,
  runRetention,
  searchDataSubjects,
} from './privacy.service.js'

const tags = ['personal data']
const params = z.object({ id: z.uuid() })

const searchRoute = defineRoute('personal_data.manage', {
  method: 'get',
  path: '/personal-data/subjects',
  tags,
  summary: 'Find people by username, name or e-mail',
  request: { query: SubjectSearchSchema },
  responses: { 200: jsonResponse(z.array(DataSubjectSummarySchema), 'People'), ...problemResponses },
})
const exportRoute = defineRoute('personal_data.manage', {
  method: 'get',
  path: '/personal-data/subjects/{id}/export',
  tags,
  summary: 'Everything Liaison holds about a person, as JSON',
  request: { params },
  responses: {
    200: jsonResponse(PersonalDataExportSchema, 'The export'),
    404: { description: 'No such person' },
    ...problemResponses,
  },
})
const eraseRoute = defineRoute('personal_data.manage', {
  method: 'post',
  path: '/personal-data/subjects/{id}/erase',
  tags,
  summary: 'Erase a person: pseudonymise their identifying data everywhere and disable the account',
  request: { params, ...jsonBody(EraseRequestSchema) },
  responses: {
    200: jsonResponse(ErasureResultSchema, 'What was erased (counts only)'),
    404: { description: 'No such person' },
    409: { description: 'Already erased' },
    ...problemResponses,
  },
})
const exportMineRoute = defineRoute('personal_data.export_own', {
  method: 'get',
  path: '/me/personal-data',
  tags,
  summary: 'Everything Liaison holds about me, as JSON',
  responses: { 200: jsonResponse(PersonalDataExportSchema, 'The export'), ...problemResponses },
})
const retentionRoute = defineRoute('personal_data.manage', {
  method: 'post',
  path: '/personal-data/retention/run',
  tags,
  summary: 'Archive ended and withdrawn cases past the retention period now',
  responses: { 200: jsonResponse(RetentionRunSchema, 'Archived cases'), ...problemResponses },
})

const attachment = (name: string) => ({ 'content-disposition': `attachment; filename="${name}"` })

/** Export and erasure of personal data, and retention. */
export const privacyRoutes = createRouter()
  .openapi(searchRoute, async (c) => c.json(await searchDataSubjects(c.var.ctx, c.req.valid('query').q), 200))
  .openapi(exportRoute, async (c) => {
    const data = await exportPersonalData(c.var.ctx, c.req.valid('param').id)
    return c.json(data, 200, attachment(`personal-data-${data.subject.id}.json`))
  })
  .openapi(eraseRoute, async (c) =>
    c.json(await erasePersonalData(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(exportMineRoute, async (c) => {
    const data = await exportMyData(c.var.ctx)
    return c.json(data, 200, attachment('my-personal-data.json'))
  })
  .openapi(retentionRoute, async (c) => c.json(await runRetention(c.var.ctx), 200))
