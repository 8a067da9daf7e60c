import { z } from 'zod'
import { isDatabaseHealthy } from '../platform/db/database.js'
import { createRouter, defineRoute } from './route.js'
import { version } from './version.js'

/** Liveness and database status. */
export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['ok', 'unavailable']),
    dialect: z.enum(['sqlite', 'postgres']),
    version: z.string(),
  })
  .meta({ id: 'Health' })

const healthRoute = defineRoute('public', {
  method: 'get',
  path: '/health',
  tags: ['platform'],
  summary: 'Service and database status',
  responses: {
    200: { content: { 'application/json': { schema: HealthSchema } }, description: 'Healthy' },
    503: { content: { 'application/json': { schema: HealthSchema } }, description: 'Database unavailable' },
  },
})

/** GET /health. */
export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const ok = await isDatabaseHealthy(c.var.ctx.db)
  const body = {
    status: ok ? ('ok' as const) : ('degraded' as const),
    database: ok ? ('ok' as const) : ('unavailable' as const),
    dialect: c.var.ctx.dialect,
    version,
  }
  return ok ? c.json(body, 200) : c.json(body, 503)
})
