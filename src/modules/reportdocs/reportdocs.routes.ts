import { z } from 'zod'
import { createRouter, defineRoute, jsonResponse as json, problemResponses } from '../../server/route.js'
import {
  DocumentQuerySchema,
  FunderNoticeTextSchema,
  RegisterExportQuerySchema,
  RegisterFieldInfoSchema,
} from './reportdocs.schema.js'
import * as service from './reportdocs.service.js'

const tags = ['report documents']
const caseParam = z.object({ id: z.uuid() })
const pdf = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
})
const notFound = { 404: { description: 'No such case (or not visible to you)' } }

const caseReportRoute = defineRoute('report.case', {
  method: 'get',
  path: '/collaborations/{id}/report.pdf',
  tags,
  summary: 'The assessment report of a case (PDF) for a funder or a supervisory board',
  description:
    'Data sheet summary, pre-assessment with its evidence, screening results and dispositions, every ' +
    'office’s advice, the decision with conditions, obligations and an audit-trail summary. German or ' +
    'English (`lang`, else the Accept-Language header). Recorded in the case’s access log.',
  request: { params: caseParam, query: DocumentQuerySchema },
  responses: { 200: pdf('The report'), ...notFound, ...problemResponses },
})
const noticePdfRoute = defineRoute('funder_notice.record', {
  method: 'get',
  path: '/collaborations/{id}/funder-notice.pdf',
  tags,
  summary: 'The advance notice for the funder or supervisory board (PDF), before the decision',
  request: { params: caseParam, query: DocumentQuerySchema },
  responses: {
    200: pdf('The notice'),
    ...notFound,
    409: { description: 'The case is not submitted or in review' },
    ...problemResponses,
  },
})
const noticeTextRoute = defineRoute('funder_notice.record', {
  method: 'get',
  path: '/collaborations/{id}/funder-notice-text',
  tags,
  summary: 'The advance notice for the funder as plain text for an e-mail, with subject and recipients',
  request: { params: caseParam, query: DocumentQuerySchema },
  responses: {
    200: json(FunderNoticeTextSchema, 'The notice'),
    ...notFound,
    409: { description: 'The case is not submitted or in review' },
    ...problemResponses,
  },
})
const fieldsRoute = defineRoute('register.export', {
  method: 'get',
  path: '/register/fields',
  tags,
  summary: 'The field catalogue of the register export',
  responses: { 200: json(z.array(RegisterFieldInfoSchema), 'Fields in default order'), ...problemResponses },
})
const exportRoute = defineRoute('register.export', {
  method: 'get',
  path: '/register/export',
  tags,
  summary: 'The collaboration register as CSV or XLSX with the picked fields and filters',
  description:
    'CSV is UTF-8 with a byte-order mark; `separator=semicolon` suits German Excel (decimal comma). ' +
    'Text cells starting with = + - @ are prefixed with an apostrophe. Unknown field names are refused ' +
    'with problem+json naming `fields`.',
  request: { query: RegisterExportQuerySchema },
  responses: {
    200: {
      description: 'The register',
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ type: 'string', format: 'binary' }),
        },
      },
    },
    ...problemResponses,
  },
})

const disposition = (fileName: string, inline = false) =>
  `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`

/** Report documents: the case report, the funder notice and the register export. */
export const reportDocumentRoutes = createRouter()
  .openapi(caseReportRoute, async (c) => {
    const language = service.documentLanguage(c.req.valid('query').lang, c.req.header('accept-language'))
    const file = await service.caseReportPdf(c.var.ctx, c.req.valid('param').id, language)
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.contentType,
      'content-disposition': disposition(file.fileName),
      'cache-control': 'no-store',
    })
  })
  .openapi(noticePdfRoute, async (c) => {
    const language = service.documentLanguage(c.req.valid('query').lang, c.req.header('accept-language'))
    const file = await service.funderNoticePdf(c.var.ctx, c.req.valid('param').id, language)
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.contentType,
      'content-disposition': disposition(file.fileName),
      'cache-control': 'no-store',
    })
  })
  .openapi(noticeTextRoute, async (c) => {
    const language = service.documentLanguage(c.req.valid('query').lang, c.req.header('accept-language'))
    return c.json(await service.funderNoticeText(c.var.ctx, c.req.valid('param').id, language), 200)
  })
  .openapi(fieldsRoute, (c) => c.json(service.listRegisterFields(c.var.ctx), 200))
  .openapi(exportRoute, async (c) => {
    const query = c.req.valid('query')
    const language = service.documentLanguage(query.lang, c.req.header('accept-language'))
    const file = await service.exportRegister(c.var.ctx, query, language)
    return c.body(file.stream, 200, {
      'content-type': file.contentType,
      'content-disposition': disposition(file.fileName),
      'cache-control': 'no-store',
    })
  })
