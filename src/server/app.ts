import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import type { Logger } from 'pino'
import { assessmentRoutes } from '../modules/assessment/assessment.routes.js'
import { auditRoutes } from '../modules/audit/audit.routes.js'
import { authRoutes } from '../modules/auth/auth.routes.js'
import { collaborationRoutes } from '../modules/collaborations/collaboration.routes.js'
import { knowledgeRoutes } from '../modules/knowledge/knowledge.routes.js'
import { notificationRoutes } from '../modules/notifications/notification.routes.js'
import { organisationRoutes } from '../modules/organisation/organisation.routes.js'
import { privacyRoutes } from '../modules/privacy/privacy.routes.js'
import { reportDocumentRoutes } from '../modules/reportdocs/reportdocs.routes.js'
import { reportRoutes } from '../modules/reports/reports.routes.js'
import { reviewRoutes } from '../modules/reviews/review.routes.js'
import { screeningRoutes } from '../modules/screening/screening.routes.js'
import { templateRoutes } from '../modules/templates/template.routes.js'
import { trainingRoutes } from '../modules/training/training.routes.js'
import type { Config } from '../platform/config.js'
import type { Ctx } from '../platform/context.js'
import type { DatabaseHandle } from '../platform/db/database.js'
import { AppError } from '../platform/errors.js'
import { createLocalStorage } from '../platform/storage/storage.js'
import { newId } from '../shared/ids.js'
import { requestOrigin } from './client.js'
import type { AppEnv } from './env.js'
import { healthRoutes } from './health.routes.js'
import { authenticate } from './middleware/authenticate.js'
import { refuseNulCharacters } from './middleware/input.js'
import { securityHeaders } from './middleware/security.js'
import { errorToResponse, problemResponse } from './problem.js'
import { version } from './version.js'

/** Everything the app needs from outside. */
export interface AppDependencies {
  config: Config
  database: DatabaseHandle
  log: Logger
  /** The clock; tests pass a fixed one. */
  now?: () => Date
}

/** The largest JSON body the API accepts. */
export const maxJsonBytes = 1024 * 1024

/** Every API route, mounted under /api/v1 (exported for the OpenAPI document and the permission test). */
export function createApiRouter() {
  return new OpenAPIHono<AppEnv>()
    .route('/', healthRoutes)
    .route('/', authRoutes)
    .route('/', organisationRoutes)
    .route('/', auditRoutes)
    .route('/', collaborationRoutes)
    .route('/', assessmentRoutes)
    .route('/', notificationRoutes)
    .route('/', reviewRoutes)
    .route('/', screeningRoutes)
    .route('/', reportDocumentRoutes)
    .route('/', trainingRoutes)
    .route('/', templateRoutes)
    .route('/', reportRoutes)
    .route('/', knowledgeRoutes)
    .route('/', privacyRoutes)
}

/** The OpenAPI 3.1 document of the API. */
export function openApiDocument() {
  return createApiRouter().getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Liaison API',
      version,
      description:
        'Due diligence for international research collaborations. Errors are RFC 9457 problem+json. ' +
        'Authenticate with the session cookie (send X-CSRF-Token on changes) or `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/api/v1' }],
  })
}

/** Builds the HTTP application: API, OpenAPI document, API reference and the web client. */
export function createApp(deps: AppDependencies) {
  const { config, database, log } = deps
  const now = deps.now ?? (() => new Date())
  const storage = createLocalStorage(config.files.dir)
  const app = new OpenAPIHono<AppEnv>()

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id')
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : newId()
    const ctx: Ctx = {
      db: database.db,
      dialect: database.dialect,
      config,
      actor: null,
      now,
      log: log.child({ requestId }),
      requestId,
      storage,
    }
    c.set('requestId', requestId)
    c.set('ctx', ctx)
    c.header('x-request-id', requestId)
    const started = performance.now()
    await next()
    if (c.req.path.startsWith('/api/')) {
      ctx.log.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          user: ctx.actor?.username,
          ...(config.trustProxy.kind === 'none' ? {} : { client: requestOrigin(c).ip }),
        },
        'request',
      )
    }
  })
  app.use('*', securityHeaders())
  const jsonLimit = bodyLimit({
    maxSize: maxJsonBytes,
    onError: (c) => problemResponse(c, 413, `The request body is larger than ${maxJsonBytes} bytes.`),
  })
  // Uploads may be larger; the service checks the file itself against the configured limit.
  const uploadBytes = config.files.maxAttachmentBytes + 64 * 1024
  const uploadLimit = bodyLimit({
    maxSize: uploadBytes,
    onError: (c) =>
      problemResponse(c, 413, `The upload is larger than ${config.files.maxAttachmentBytes} bytes.`),
  })
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && c.req.path.endsWith('/attachments')
      ? uploadLimit(c, next)
      : jsonLimit(c, next),
  )
  app.use('/api/*', refuseNulCharacters())
  app.use('/api/*', authenticate())
  app.onError((error, c) => errorToResponse(c, error))

  const api = createApiRouter()
  app.route('/api/v1', api)
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument()))
  mountApiReference(app)
  app.all('/api/*', () => {
    throw new AppError('not_found', 'There is no such API endpoint.')
  })
  mountWebClient(app, config.webDist)
  return app
}

/** Serves Swagger UI from the installed package with an external initialiser (no inline script). */
function mountApiReference(app: OpenAPIHono<AppEnv>): void {
  const require = createRequire(import.meta.url)
  const swaggerDir = require('swagger-ui-dist').getAbsoluteFSPath() as string
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Liaison API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><main><h1 class="visually-hidden" style="position:absolute;left:-9999px">Liaison API reference</h1><div id="swagger-ui"></div></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`
  const init = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`
  app.get('/api/docs', (c) => c.html(page))
  app.get('/api/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  app.get('/api/docs/assets/:file{[a-z0-9.-]+\\.(js|css)}', (c) => {
    const file = c.req.param('file')
    if (!existsSync(join(swaggerDir, file))) throw new AppError('not_found', 'No such file.')
    const content = readFileSync(join(swaggerDir, file))
    const type = file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8'
    return c.body(content, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' })
  })
}

/** Serves the built single-page app, with index.html for every client-side route. */
function mountWebClient(app: OpenAPIHono<AppEnv>, webDist: string): void {
  if (existsSync(webDist)) {
    app.use('/assets/*', serveStatic({ root: webDist }))
    app.use('*', serveStatic({ root: webDist }))
  }
  app.get('*', (c) => {
    try {
      return c.html(readFileSync(join(webDist, 'index.html'), 'utf8'))
    } catch {
      return c.text('The web client is not built. Run `npm run build` (npm start does it for you).', 503)
    }
  })
}
