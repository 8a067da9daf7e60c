import { z } from 'zod'
import { createRouter, defineRoute, problemResponses } from '../../server/route.js'
import { AuditEventSchema, AuditQuerySchema, AuditVerificationSchema } from './audit.schema.js'
import { listAuditEvents, verifyAuditTrail } from './audit.service.js'

const listRoute = defineRoute('audit.list', {
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'The audit trail, newest first',
  request: { query: AuditQuerySchema },
  responses: {
    200: { content: { 'application/json': { schema: z.array(AuditEventSchema) } }, description: 'Entries' },
    ...problemResponses,
  },
})

const verifyRoute = defineRoute('audit.verify', {
  method: 'get',
  path: '/audit/verify',
  tags: ['audit'],
  summary: 'Recompute the hash chain and report the first broken link',
  responses: {
    200: { content: { 'application/json': { schema: AuditVerificationSchema } }, description: 'Result' },
    ...problemResponses,
  },
})

/** Reading and verifying the audit trail. */
export const auditRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listAuditEvents(c.var.ctx, c.req.valid('query')), 200))
  .openapi(verifyRoute, async (c) => c.json(await verifyAuditTrail(c.var.ctx), 200))
