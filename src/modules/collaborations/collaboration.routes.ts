import { z as openapiZod } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import { cleanText } from '../../shared/text.js'
import { allowedExtensions } from './attachment.rules.js'
import { importRegister, importTemplate } from './collaboration.import.js'
import {
  AttachmentSchema,
  CaseAccessSchema,
  CollaborationQuerySchema,
  CollaborationSchema,
  CollaborationSummarySchema,
  CollaborationVersionSchema,
  CreateCollaborationSchema,
  DecideSchema,
  FieldChangeSchema,
  HistoryEntrySchema,
  ImportReportSchema,
  NewQuestionnaireSchema,
  QuestionnaireSchema,
  ReasonSchema,
  ResearchAreaSchema,
  SaveDraftSchema,
} from './collaboration.schema.js'
import * as service from './collaboration.service.js'
import { researchAreas } from './research-areas.js'

const idParam = { params: z.object({ id: z.uuid() }) }
const caseResponses = {
  200: json(CollaborationSchema, 'The collaboration'),
  404: { description: 'No such collaboration (or not visible to you)' },
  409: { description: 'Not possible in the current status, or a stale save' },
  ...problemResponses,
}
const tags = ['collaborations']

const listRoute = defineRoute('collaboration.list', {
  method: 'get',
  path: '/collaborations',
  tags,
  summary: 'My collaborations (scope=mine) or every submitted one (scope=all, reviewing roles)',
  request: { query: CollaborationQuerySchema },
  responses: { 200: json(z.array(CollaborationSummarySchema), 'Collaborations'), ...problemResponses },
})
const createRoute = defineRoute('collaboration.create', {
  method: 'post',
  path: '/collaborations',
  tags,
  summary: 'Start a draft',
  request: body(CreateCollaborationSchema),
  responses: { 201: json(CollaborationSchema, 'Created'), ...problemResponses },
})
const getRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}',
  tags,
  summary: 'One collaboration with its next step and what is missing',
  request: idParam,
  responses: caseResponses,
})
const accessLogRoute = defineRoute('collaboration.access_log', {
  method: 'get',
  path: '/collaborations/{id}/access-log',
  tags,
  summary: 'Who opened the case, when (security administration and auditors)',
  request: idParam,
  responses: { 200: json(z.array(CaseAccessSchema), 'Openings, newest first'), ...problemResponses },
})
const saveRoute = defineRoute('collaboration.edit', {
  method: 'put',
  path: '/collaborations/{id}/sheet',
  tags,
  summary: 'Save the draft sheet (refused with 409 when someone saved in between)',
  request: { ...idParam, ...body(SaveDraftSchema) },
  responses: caseResponses,
})
const action = (path: string, summary: string, access: 'collaboration.edit' | 'collaboration.start_review') =>
  defineRoute(access, {
    method: 'post',
    path: `/collaborations/{id}/${path}`,
    tags,
    summary,
    request: idParam,
    responses: caseResponses,
  })
const submitRoute = action(
  'submit',
  'Submit the case (or the amendment); 422 lists what is missing',
  'collaboration.edit',
)
const amendRoute = action('amend', 'Open an amendment of a decided case', 'collaboration.edit')
const withdrawAmendmentRoute = action(
  'withdraw-amendment',
  'Drop the amendment in preparation',
  'collaboration.edit',
)
const activateRoute = action('activate', 'Start the work of an approved case', 'collaboration.edit')
const startReviewRoute = action(
  'start-review',
  'Take a submitted case into review (intake done)',
  'collaboration.start_review',
)
const withdrawRoute = defineRoute('collaboration.edit', {
  method: 'post',
  path: '/collaborations/{id}/withdraw',
  tags,
  summary: 'Withdraw the case before the decision',
  request: { ...idParam, ...body(ReasonSchema) },
  responses: caseResponses,
})
const endRoute = defineRoute('collaboration.edit', {
  method: 'post',
  path: '/collaborations/{id}/end',
  tags,
  summary: 'Record that the collaboration has ended',
  request: { ...idParam, ...body(ReasonSchema) },
  responses: caseResponses,
})
const followUpRoute = defineRoute('collaboration.create', {
  method: 'post',
  path: '/collaborations/{id}/follow-up',
  tags,
  summary: 'Start a follow-up case as a copy of this one',
  request: idParam,
  responses: { ...caseResponses, 201: json(CollaborationSchema, 'The new draft') },
})
const decideRoute = defineRoute('collaboration.decide', {
  method: 'post',
  path: '/collaborations/{id}/decision',
  tags,
  summary: 'Decide a case in review',
  request: { ...idParam, ...body(DecideSchema) },
  responses: caseResponses,
})
const historyRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/history',
  tags,
  summary: 'The full history of the case',
  request: idParam,
  responses: { 200: json(z.array(HistoryEntrySchema), 'History, newest first'), ...problemResponses },
})
const versionsRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/versions',
  tags,
  summary: 'Stored versions of the sheet',
  request: idParam,
  responses: { 200: json(z.array(CollaborationVersionSchema), 'Versions'), ...problemResponses },
})
const diffRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/diff',
  tags,
  summary: 'Field-by-field changes (default: current sheet against the decided version)',
  request: {
    ...idParam,
    query: z.object({
      from: z.coerce.number().int().min(1).optional(),
      to: z.coerce.number().int().min(1).optional(),
    }),
  },
  responses: { 200: json(z.array(FieldChangeSchema), 'Changes'), ...problemResponses },
})
const questionnaireRoute = defineRoute('questionnaire.read', {
  method: 'get',
  path: '/questionnaire',
  tags,
  summary: 'The current export-control and data-security questionnaire',
  responses: { 200: json(QuestionnaireSchema, 'Questionnaire'), ...problemResponses },
})
const publishQuestionnaireRoute = defineRoute('questionnaire.publish', {
  method: 'post',
  path: '/questionnaire',
  tags,
  summary: 'Publish a new questionnaire version',
  request: body(NewQuestionnaireSchema),
  responses: { 201: json(QuestionnaireSchema, 'Published'), ...problemResponses },
})
const researchAreasRoute = defineRoute('reference.read', {
  method: 'get',
  path: '/reference/research-areas',
  tags: ['reference'],
  summary: 'The DFG subject classification 2024–2028 (German and English)',
  responses: { 200: json(z.array(ResearchAreaSchema), 'Research areas'), ...problemResponses },
})

// A multipart file field; described for the OpenAPI document as a binary string.
const fileField = openapiZod.instanceof(File).openapi({ type: 'string', format: 'binary' })
const attachmentParams = { params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) }
const listAttachmentsRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/attachments',
  tags,
  summary: 'Files attached to the case',
  request: idParam,
  responses: { 200: json(z.array(AttachmentSchema), 'Attachments'), ...problemResponses },
})
const addAttachmentRoute = defineRoute('collaboration.edit', {
  method: 'post',
  path: '/collaborations/{id}/attachments',
  tags,
  summary: `Attach a file (${allowedExtensions.join(', ')}; size limit configurable, default 20 MB)`,
  request: {
    ...idParam,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: fileField,
            description: cleanText(500).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: json(AttachmentSchema, 'Attached'),
    413: { description: 'Too large' },
    ...problemResponses,
  },
})
const downloadAttachmentRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/attachments/{attachmentId}',
  tags,
  summary: 'Download an attached file',
  request: attachmentParams,
  responses: { 200: { description: 'The file' }, 404: { description: 'No such file' }, ...problemResponses },
})
const removeAttachmentRoute = defineRoute('collaboration.edit', {
  method: 'delete',
  path: '/collaborations/{id}/attachments/{attachmentId}',
  tags,
  summary: 'Remove a file from the case (it stays in the archive)',
  request: attachmentParams,
  responses: { 204: { description: 'Removed' }, 404: { description: 'No such file' }, ...problemResponses },
})

const importTemplateRoute = defineRoute('collaboration.import', {
  method: 'get',
  path: '/collaborations/import/template',
  tags,
  summary: 'The CSV template for importing an existing register',
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses,
  },
})
const importRoute = defineRoute('collaboration.import', {
  method: 'post',
  path: '/collaborations/import',
  tags,
  summary: 'Import a register from CSV: all rows or none, with a row-by-row report',
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: z.object({ file: fileField }) } },
    },
  },
  responses: {
    200: json(ImportReportSchema, 'What was (or would be) imported, row by row'),
    ...problemResponses,
  },
})

/** The collaboration record: drafts, submission, lifecycle, history, versions, questionnaire. */
export const collaborationRoutes = createRouter()
  .openapi(importTemplateRoute, (c) =>
    c.body(importTemplate(), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="liaison-register-template.csv"',
    }),
  )
  .openapi(importRoute, async (c) => {
    const { file } = c.req.valid('form')
    const report = await importRegister(c.var.ctx, await file.text(), c.req.valid('query').dryRun === 'true')
    return c.json(report, 200)
  })
  .openapi(listRoute, async (c) =>
    c.json(await service.listCollaborations(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(createRoute, async (c) =>
    c.json(await service.createCollaboration(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(getRoute, async (c) =>
    c.json(await service.openCollaboration(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(accessLogRoute, async (c) =>
    c.json(await service.listCaseAccess(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(saveRoute, async (c) =>
    c.json(await service.saveDraft(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(submitRoute, async (c) =>
    c.json(await service.submitCollaboration(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(amendRoute, async (c) =>
    c.json(await service.startAmendment(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(withdrawAmendmentRoute, async (c) =>
    c.json(await service.withdrawAmendment(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(activateRoute, async (c) =>
    c.json(await service.activateCollaboration(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(startReviewRoute, async (c) =>
    c.json(await service.startReview(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(withdrawRoute, async (c) =>
    c.json(
      await service.withdrawCollaboration(c.var.ctx, c.req.valid('param').id, c.req.valid('json').reason),
      200,
    ),
  )
  .openapi(endRoute, async (c) =>
    c.json(
      await service.endCollaboration(c.var.ctx, c.req.valid('param').id, c.req.valid('json').reason),
      200,
    ),
  )
  .openapi(followUpRoute, async (c) =>
    c.json(await service.createFollowUp(c.var.ctx, c.req.valid('param').id), 201),
  )
  .openapi(decideRoute, async (c) =>
    c.json(await service.decideCollaboration(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(historyRoute, async (c) =>
    c.json(await service.getHistory(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(versionsRoute, async (c) =>
    c.json(await service.listVersions(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(diffRoute, async (c) => {
    const { from, to } = c.req.valid('query')
    return c.json(await service.diffVersions(c.var.ctx, c.req.valid('param').id, from, to), 200)
  })
  .openapi(questionnaireRoute, async (c) => c.json(await service.getCurrentQuestionnaire(c.var.ctx), 200))
  .openapi(publishQuestionnaireRoute, async (c) =>
    c.json(await service.publishQuestionnaire(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(researchAreasRoute, (c) => c.json(researchAreas(), 200))
  .openapi(listAttachmentsRoute, async (c) =>
    c.json(await service.listAttachments(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(addAttachmentRoute, async (c) => {
    const { file, description } = c.req.valid('form')
    const bytes = new Uint8Array(await file.arrayBuffer())
    const attachment = await service.addAttachment(c.var.ctx, c.req.valid('param').id, {
      name: file.name,
      bytes,
      description: description ?? '',
    })
    return c.json(attachment, 201)
  })
  .openapi(downloadAttachmentRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param')
    const { attachment, bytes } = await service.readAttachment(c.var.ctx, id, attachmentId)
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': attachment.contentType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      'content-length': String(bytes.length),
    })
  })
  .openapi(removeAttachmentRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param')
    await service.removeAttachment(c.var.ctx, id, attachmentId)
    return c.body(null, 204)
  })
