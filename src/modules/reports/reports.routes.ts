import { z } from 'zod'
import { createRouter, defineRoute, jsonResponse, problemResponses } from '../../server/route.js'
import {
  DashboardFilterSchema,
  DashboardSchema,
  dashboardFilterShape,
  periodInOrder,
  ReportLanguageSchema,
} from './reports.schema.js'
import { annualOverviewPdf, dashboardCsv, getDashboard } from './reports.service.js'

const tags = ['reports']

const dashboardRoute = defineRoute('reports.view', {
  method: 'get',
  path: '/reports/dashboard',
  tags,
  summary:
    'Every figure of the portfolio and the review process for a period, unit, research area and risk level',
  description:
    'The period selects, for the portfolio, the collaborations whose project term overlaps it; for the process, ' +
    'the decisions taken and the reviews completed in it. The filter is echoed in the answer.',
  request: { query: DashboardFilterSchema },
  responses: { 200: jsonResponse(DashboardSchema, 'The figures'), ...problemResponses },
})

const csvQuery = z
  .strictObject({
    ...dashboardFilterShape,
    figure: z.string().regex(/^[a-zA-Z0-9_.-]{1,80}$/, 'A figure key such as casesByCountry'),
    lang: ReportLanguageSchema.default('de'),
  })
  .refine(periodInOrder.check, periodInOrder.message)

const csvRoute = defineRoute('reports.view', {
  method: 'get',
  path: '/reports/dashboard.csv',
  tags,
  summary: 'One figure of the dashboard as CSV (UTF-8 with byte order mark)',
  request: { query: csvQuery },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses,
  },
})

const pdfQuery = z
  .strictObject({
    ...dashboardFilterShape,
    year: z.coerce.number().int().min(2000, 'A year from 2000').max(2100, 'A year until 2100').optional(),
    lang: ReportLanguageSchema.default('de'),
  })
  .refine(periodInOrder.check, periodInOrder.message)
  .refine((query) => query.year === undefined || (!query.from && !query.to), {
    message: 'Give either a year or a period (from, to), not both',
    path: ['year'],
  })

const pdfRoute = defineRoute('reports.view', {
  method: 'get',
  path: '/reports/annual-overview.pdf',
  tags,
  summary: 'The annual overview for the board: portfolio and process figures of a year or period (PDF)',
  request: { query: pdfQuery },
  responses: {
    200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
    ...problemResponses,
  },
})

const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^a-zA-Z0-9_.-]/g, '_')}"`

/** The dashboard, its CSV tables and the annual overview. */
export const reportRoutes = createRouter()
  .openapi(dashboardRoute, async (c) => c.json(await getDashboard(c.var.ctx, c.req.valid('query')), 200))
  .openapi(csvRoute, async (c) => {
    const { figure, lang, ...filter } = c.req.valid('query')
    const { fileName, csv } = await dashboardCsv(c.var.ctx, filter, figure, lang)
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment(fileName),
    })
  })
  .openapi(pdfRoute, async (c) => {
    const { year, lang, ...rest } = c.req.valid('query')
    const filter = year === undefined ? rest : { ...rest, from: `${year}-01-01`, to: `${year}-12-31` }
    const { fileName, pdf } = await annualOverviewPdf(c.var.ctx, filter, lang)
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': attachment(fileName),
      'content-length': String(pdf.length),
    })
  })
