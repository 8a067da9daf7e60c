import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import * as bundles from './knowledge.bundle.js'
import {
  BundleApplySchema,
  BundleExportSchema,
  BundlePreviewSchema,
  BundleSchema,
  CommentSchema,
  DocumentLanguageSchema,
  DocumentQuerySchema,
  DocumentSchema,
  DocumentVersionSchema,
  HistoryEntrySchema,
  NewCommentSchema,
  RegulationWatchEntrySchema,
  RestoreSchema,
  SaveConflictSchema,
  SaveDocumentSchema,
  SearchHitSchema,
  SigningKeySchema,
  TouchedCaseSchema,
  VersionDiffSchema,
} from './knowledge.schema.js'
import * as service from './knowledge.service.js'

const tags = ['knowledge']
const documentParam = { params: z.object({ id: z.string().min(1).max(120) }) }
const uuidParam = { params: z.object({ id: z.uuid() }) }
const notFound = { 404: { description: 'Not found' } }
const conflict = {
  409: {
    description: 'The document changed since the base version; the body carries the diff to merge by hand',
    content: { 'application/problem+json': { schema: SaveConflictSchema } },
  },
}

const searchRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/documents',
  tags,
  summary: 'The library: full-text search and filters (kind, tag, research area), ranked and highlighted',
  request: { query: DocumentQuerySchema },
  responses: { 200: json(z.array(SearchHitSchema), 'Matching documents, best first'), ...problemResponses },
})
const createRoute = defineRoute('knowledge.create', {
  method: 'post',
  path: '/knowledge/documents',
  tags,
  summary: 'Create a document (its version 1)',
  request: body(SaveDocumentSchema),
  responses: {
    201: json(DocumentVersionSchema, 'The first version'),
    409: { description: 'Slug taken in this language' },
    ...problemResponses,
  },
})
const getRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/documents/{id}',
  tags,
  summary: 'A document by id or slug, with metadata and review state',
  request: { ...documentParam, query: z.object({ language: DocumentLanguageSchema.optional() }) },
  responses: { 200: json(DocumentSchema, 'The document'), ...notFound, ...problemResponses },
})
const saveRoute = defineRoute('knowledge.edit', {
  method: 'put',
  path: '/knowledge/documents/{id}',
  tags,
  summary: 'Save a new version on top of `baseVersion`; a stale base is refused with the diff',
  request: { ...uuidParam, ...body(SaveDocumentSchema) },
  responses: {
    200: json(DocumentVersionSchema, 'The new version'),
    ...conflict,
    ...notFound,
    ...problemResponses,
  },
})
const historyRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/documents/{id}/versions',
  tags,
  summary: 'Every version of a document, newest first',
  request: uuidParam,
  responses: { 200: json(z.array(HistoryEntrySchema), 'The history'), ...notFound, ...problemResponses },
})
const versionRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/documents/{id}/versions/{version}',
  tags,
  summary: 'One version of a document',
  request: { params: z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) }) },
  responses: { 200: json(DocumentVersionSchema, 'The version'), ...notFound, ...problemResponses },
})
const diffRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/documents/{id}/diff',
  tags,
  summary: 'What changed between two versions (fields and body lines)',
  request: {
    ...uuidParam,
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
  },
  responses: { 200: json(VersionDiffSchema, 'The changes'), ...notFound, ...problemResponses },
})
const restoreRoute = defineRoute('knowledge.edit', {
  method: 'post',
  path: '/knowledge/documents/{id}/restore',
  tags,
  summary: 'Restore an old version as a new version',
  request: { ...uuidParam, ...body(RestoreSchema) },
  responses: {
    200: json(DocumentVersionSchema, 'The new version'),
    ...conflict,
    ...notFound,
    ...problemResponses,
  },
})
const reviewedRoute = defineRoute('knowledge.edit', {
  method: 'post',
  path: '/knowledge/documents/{id}/reviewed',
  tags,
  summary: 'Mark the document reviewed: the next review is due one interval from today',
  request: uuidParam,
  responses: { 200: json(DocumentSchema, 'The document'), ...notFound, ...problemResponses },
})
const listCommentsRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/documents/{id}/comments',
  tags,
  summary: 'Questions and answers on a document',
  request: uuidParam,
  responses: {
    200: json(z.array(CommentSchema), 'The comments, oldest first'),
    ...notFound,
    ...problemResponses,
  },
})
const addCommentRoute = defineRoute('knowledge.comment', {
  method: 'post',
  path: '/knowledge/documents/{id}/comments',
  tags,
  summary: 'Ask a question or reply to a comment',
  request: { ...uuidParam, ...body(NewCommentSchema) },
  responses: { 201: json(CommentSchema, 'The comment'), ...notFound, ...problemResponses },
})
const answeredRoute = defineRoute('knowledge.comment', {
  method: 'post',
  path: '/knowledge/comments/{id}/answered',
  tags,
  summary: 'Mark a question answered (those who edit the document, or the person who asked)',
  request: uuidParam,
  responses: { 200: json(CommentSchema, 'The comment'), ...notFound, ...problemResponses },
})
const casesRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/documents/{id}/cases',
  tags,
  summary: 'The collaborations a regulation touches, and why (only cases the reader may see)',
  request: uuidParam,
  responses: {
    200: json(z.array(TouchedCaseSchema), 'Touched cases with evidence'),
    ...notFound,
    ...problemResponses,
  },
})
const watchRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/regulation-watch',
  tags,
  summary: 'Regulations by effective date with the cases each touches',
  responses: { 200: json(z.array(RegulationWatchEntrySchema), 'The regulations'), ...problemResponses },
})
const keyRoute = defineRoute('knowledge.read', {
  method: 'get',
  path: '/knowledge/bundles/key',
  tags,
  summary: 'This institution’s public signing key and fingerprint, for others to trust',
  responses: { 200: json(SigningKeySchema, 'The public key'), ...problemResponses },
})
const exportRoute = defineRoute('knowledge.bundle', {
  method: 'post',
  path: '/knowledge/bundles/export',
  tags,
  summary: 'Export documents as a signed bundle (no comments, people or cases)',
  request: body(BundleExportSchema),
  responses: { 200: json(BundleSchema, 'The bundle file'), ...notFound, ...problemResponses },
})
const stageRoute = defineRoute('knowledge.bundle', {
  method: 'post',
  path: '/knowledge/bundles/imports',
  tags,
  summary: 'Upload a bundle: verify its signature and show what would change; nothing is applied yet',
  request: body(BundleSchema),
  responses: { 201: json(BundlePreviewSchema, 'The preview'), ...problemResponses },
})
const previewRoute = defineRoute('knowledge.bundle', {
  method: 'get',
  path: '/knowledge/bundles/imports/{id}',
  tags,
  summary: 'The preview of a staged bundle',
  request: uuidParam,
  responses: { 200: json(BundlePreviewSchema, 'The preview'), ...notFound, ...problemResponses },
})
const applyRoute = defineRoute('knowledge.bundle', {
  method: 'post',
  path: '/knowledge/bundles/imports/{id}/apply',
  tags,
  summary: 'Apply a staged bundle: new documents, new versions of changed ones',
  request: { ...uuidParam, ...body(BundleApplySchema) },
  responses: {
    200: json(BundlePreviewSchema, 'The applied import'),
    409: { description: 'Applied already, or the signer’s key is not confirmed' },
    ...notFound,
    ...problemResponses,
  },
})

/** The knowledge routes: library, documents, versions, comments, regulation watch, bundles. */
export const knowledgeRoutes = createRouter()
  .openapi(searchRoute, async (c) =>
    c.json(await service.searchDocuments(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(createRoute, async (c) => c.json(await service.saveDocument(c.var.ctx, c.req.valid('json')), 201))
  .openapi(getRoute, async (c) =>
    c.json(await service.getDocument(c.var.ctx, c.req.valid('param').id, c.req.valid('query').language), 200),
  )
  .openapi(saveRoute, async (c) =>
    c.json(
      await service.saveDocument(c.var.ctx, { ...c.req.valid('json'), documentId: c.req.valid('param').id }),
      200,
    ),
  )
  .openapi(historyRoute, async (c) =>
    c.json(await service.listHistory(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(versionRoute, async (c) => {
    const { id, version } = c.req.valid('param')
    return c.json(await service.getDocumentVersion(c.var.ctx, id, version), 200)
  })
  .openapi(diffRoute, async (c) => {
    const { from, to } = c.req.valid('query')
    return c.json(await service.diffVersions(c.var.ctx, c.req.valid('param').id, from, to), 200)
  })
  .openapi(restoreRoute, async (c) =>
    c.json(await service.restoreVersion(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(reviewedRoute, async (c) =>
    c.json(await service.markReviewed(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(listCommentsRoute, async (c) =>
    c.json(await service.listComments(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(addCommentRoute, async (c) =>
    c.json(await service.addComment(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(answeredRoute, async (c) =>
    c.json(await service.markCommentAnswered(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(casesRoute, async (c) =>
    c.json(await service.listTouchedCases(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(watchRoute, async (c) => c.json(await service.regulationWatch(c.var.ctx), 200))
  .openapi(keyRoute, async (c) => c.json(await bundles.getSigningKey(c.var.ctx), 200))
  .openapi(exportRoute, async (c) =>
    c.json(
      await bundles.exportBundle(
        c.var.ctx,
        c.req.valid('json').documentIds,
        c.req.valid('json').trainingModuleKeys,
      ),
      200,
    ),
  )
  .openapi(stageRoute, async (c) => c.json(await bundles.stageBundle(c.var.ctx, c.req.valid('json')), 201))
  .openapi(previewRoute, async (c) =>
    c.json(await bundles.previewBundle(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(applyRoute, async (c) =>
    c.json(await bundles.applyBundle(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
