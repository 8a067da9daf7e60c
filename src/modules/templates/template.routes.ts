import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import {
  CaseDraftsSchema,
  ContractDraftSchema,
  ContractTemplateSchema,
  GenerateDraftSchema,
  SaveTemplateSchema,
  TemplateCatalogueSchema,
  TemplateKeySchema,
  TemplateLanguageSchema,
} from './template.schema.js'
import * as service from './template.service.js'

const tags = ['templates']
const templateParams = { params: z.object({ key: TemplateKeySchema, language: TemplateLanguageSchema }) }
const caseParams = { params: z.object({ id: z.uuid() }) }
const notFound = { 404: { description: 'No such template, case or draft (or not visible to you)' } }

const catalogueRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/templates',
  tags,
  summary: 'Contract templates (current versions) and the placeholders they may use',
  responses: { 200: json(TemplateCatalogueSchema, 'Templates and placeholders'), ...problemResponses },
})
const getRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/templates/{key}/{language}',
  tags,
  summary: 'One template with its text (the current version, or `version`)',
  request: {
    ...templateParams,
    query: z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() }),
  },
  responses: { 200: json(ContractTemplateSchema, 'The template'), ...notFound, ...problemResponses },
})
const versionsRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/templates/{key}/{language}/versions',
  tags,
  summary: 'The versions of a template, newest first',
  request: templateParams,
  responses: {
    200: json(
      z.array(
        z.object({
          id: z.string(),
          version: z.number().int(),
          title: z.string(),
          changeNote: z.string(),
          createdByName: z.string(),
          createdAt: z.string(),
        }),
      ),
      'Versions',
    ),
    ...problemResponses,
  },
})
const saveRoute = defineRoute('knowledge.edit', {
  method: 'put',
  path: '/templates/{key}/{language}',
  tags,
  summary:
    'Save a new version of a template (unknown placeholders refused; 409 when someone saved in between)',
  request: { ...templateParams, ...body(SaveTemplateSchema) },
  responses: {
    200: json(ContractTemplateSchema, 'The new version'),
    409: { description: 'A newer version was saved in the meantime' },
    ...problemResponses,
  },
})
const caseDraftsRoute = defineRoute('contract_draft.read', {
  method: 'get',
  path: '/collaborations/{id}/drafts',
  tags,
  summary: 'Contract drafts generated for the case, and the templates to generate from',
  request: caseParams,
  responses: { 200: json(CaseDraftsSchema, 'Drafts'), ...notFound, ...problemResponses },
})
const generateRoute = defineRoute('contract_draft.generate', {
  method: 'post',
  path: '/collaborations/{id}/drafts',
  tags,
  summary: 'Generate a contract draft (.docx or PDF) from the case with a template',
  request: { ...caseParams, ...body(GenerateDraftSchema) },
  responses: { 201: json(ContractDraftSchema, 'The draft, stored'), ...notFound, ...problemResponses },
})
const downloadRoute = defineRoute('contract_draft.read', {
  method: 'get',
  path: '/collaborations/{id}/drafts/{draftId}',
  tags,
  summary: 'Download a generated contract draft',
  request: { params: z.object({ id: z.uuid(), draftId: z.uuid() }) },
  responses: { 200: { description: 'The .docx or PDF file' }, ...notFound, ...problemResponses },
})

/** The contract-template routes. */
export const templateRoutes = createRouter()
  .openapi(catalogueRoute, async (c) => c.json(await service.listTemplates(c.var.ctx), 200))
  .openapi(getRoute, async (c) => {
    const { key, language } = c.req.valid('param')
    return c.json(await service.getTemplate(c.var.ctx, key, language, c.req.valid('query').version), 200)
  })
  .openapi(versionsRoute, async (c) => {
    const { key, language } = c.req.valid('param')
    return c.json(await service.listTemplateVersions(c.var.ctx, key, language), 200)
  })
  .openapi(saveRoute, async (c) => {
    const { key, language } = c.req.valid('param')
    return c.json(await service.saveTemplate(c.var.ctx, key, language, c.req.valid('json')), 200)
  })
  .openapi(caseDraftsRoute, async (c) =>
    c.json(await service.listCaseDrafts(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(generateRoute, async (c) =>
    c.json(await service.generateDraft(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(downloadRoute, async (c) => {
    const { id, draftId } = c.req.valid('param')
    const { draft, contentType, bytes } = await service.readDraft(c.var.ctx, id, draftId)
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${draft.fileName}"; filename*=UTF-8''${encodeURIComponent(draft.fileName)}`,
      'content-length': String(bytes.length),
    })
  })
