import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import {
  AdHocResultSchema,
  AdHocScreeningSchema,
  CollaborationScreeningSchema,
  DispositionInputSchema,
  DispositionSchema,
  EntryQuerySchema,
  ImportListSchema,
  ListChangeSchema,
  ListEntrySchema,
  ListVersionSchema,
  MergePartnersSchema,
  OwnEntryInputSchema,
  PartnerNoteInputSchema,
  PartnerPageSchema,
  RegisterPartnerSchema,
  ScreeningListSchema,
  ThresholdsSchema,
} from './screening.schema.js'
import * as service from './screening.service.js'

const idParam = { params: z.object({ id: z.uuid() }) }
const notFound = { 404: { description: 'Not found (or not visible to you)' } }
const tags = ['screening']

const listsRoute = defineRoute('screening.lists_read', {
  method: 'get',
  path: '/screening/lists',
  tags,
  summary:
    'The lists screened against: kind (explained in German and English), current version, counts, staleness',
  responses: { 200: json(z.array(ScreeningListSchema), 'Lists'), ...problemResponses },
})
const versionsRoute = defineRoute('screening.lists_read', {
  method: 'get',
  path: '/screening/lists/{id}/versions',
  tags,
  summary: 'The imported versions of a list, newest first, with added/removed/changed counts',
  request: idParam,
  responses: { 200: json(z.array(ListVersionSchema), 'Versions'), ...notFound, ...problemResponses },
})
const entriesRoute = defineRoute('screening.lists_read', {
  method: 'get',
  path: '/screening/lists/{id}/entries',
  tags,
  summary: "The entries of a list's current version",
  request: { ...idParam, query: EntryQuerySchema },
  responses: { 200: json(z.array(ListEntrySchema), 'Entries'), ...notFound, ...problemResponses },
})
const changesRoute = defineRoute('screening.lists_read', {
  method: 'get',
  path: '/screening/versions/{id}/changes',
  tags,
  summary: 'What a list version added, removed and changed against the previous one',
  request: idParam,
  responses: { 200: json(z.array(ListChangeSchema), 'Changes'), ...notFound, ...problemResponses },
})
const importRoute = defineRoute('screening.lists_manage', {
  method: 'post',
  path: '/screening/imports',
  tags,
  summary:
    'Import a list file as a new version (a broken file is rejected whole; the previous version stays)',
  request: body(ImportListSchema),
  responses: { 201: json(ListVersionSchema, 'The new version'), ...problemResponses },
})
const ownAddRoute = defineRoute('screening.lists_manage', {
  method: 'post',
  path: '/screening/own-list/entries',
  tags,
  summary: "Add an entry to the institution's own list (a new version of it)",
  request: body(OwnEntryInputSchema),
  responses: { 201: json(ListVersionSchema, 'The new version'), ...problemResponses },
})
const ownRemoveRoute = defineRoute('screening.lists_manage', {
  method: 'delete',
  path: '/screening/own-list/entries/{key}',
  tags,
  summary: "Remove an entry from the institution's own list (a new version without it)",
  request: { params: z.object({ key: z.string().min(1) }) },
  responses: { 200: json(ListVersionSchema, 'The new version'), ...notFound, ...problemResponses },
})
const thresholdsRoute = defineRoute('screening.lists_read', {
  method: 'get',
  path: '/screening/thresholds',
  tags,
  summary: 'The two thresholds that split scores into match, review and no match',
  responses: { 200: json(ThresholdsSchema, 'Thresholds'), ...problemResponses },
})
const setThresholdsRoute = defineRoute('screening.lists_manage', {
  method: 'put',
  path: '/screening/thresholds',
  tags,
  summary: 'Set the two thresholds',
  request: body(ThresholdsSchema),
  responses: { 200: json(ThresholdsSchema, 'Thresholds'), ...problemResponses },
})
const adHocRoute = defineRoute('screening.screen', {
  method: 'post',
  path: '/screening/search',
  tags,
  summary: 'Screen a name ad hoc (logged)',
  request: body(AdHocScreeningSchema),
  responses: { 200: json(AdHocResultSchema, 'Matches with explanations'), ...problemResponses },
})
const resultsRoute = defineRoute('screening.results_read', {
  method: 'get',
  path: '/collaborations/{id}/screening',
  tags,
  summary: 'Screening results of the partners of a case ("not_screened" is never "no hits")',
  request: idParam,
  responses: { 200: json(CollaborationScreeningSchema, 'Results'), ...notFound, ...problemResponses },
})
const screenRoute = defineRoute('screening.screen', {
  method: 'post',
  path: '/collaborations/{id}/screening',
  tags,
  summary: 'Screen the partners of a case now',
  request: idParam,
  responses: { 200: json(CollaborationScreeningSchema, 'Results'), ...notFound, ...problemResponses },
})
const disposeRoute = defineRoute('screening.dispose', {
  method: 'post',
  path: '/screening/dispositions',
  tags,
  summary: 'Mark a hit as confirmed or false positive, with a reason (remembered for this entry version)',
  request: body(DispositionInputSchema),
  responses: { 201: json(DispositionSchema, 'Recorded'), ...notFound, ...problemResponses },
})
const partnersRoute = defineRoute('partner.read', {
  method: 'get',
  path: '/partners',
  tags,
  summary: 'The partner register',
  responses: { 200: json(z.array(RegisterPartnerSchema), 'Partners'), ...problemResponses },
})
const suggestRoute = defineRoute('partner.suggest', {
  method: 'get',
  path: '/partners/suggestions',
  tags,
  summary: 'Register records a typed partner name may mean (same matcher)',
  request: { query: z.object({ name: z.string().min(1).max(300) }) },
  responses: { 200: json(z.array(RegisterPartnerSchema), 'Suggestions'), ...problemResponses },
})
const partnerRoute = defineRoute('partner.read', {
  method: 'get',
  path: '/partners/{id}',
  tags,
  summary: "A partner's page: collaborations, screening history, dispositions, notes",
  request: idParam,
  responses: { 200: json(PartnerPageSchema, 'Partner'), ...notFound, ...problemResponses },
})
const noteRoute = defineRoute('partner.edit', {
  method: 'post',
  path: '/partners/{id}/notes',
  tags,
  summary: 'Add a reviewer note to a partner',
  request: { ...idParam, ...body(PartnerNoteInputSchema) },
  responses: { 201: json(PartnerPageSchema, 'Partner'), ...notFound, ...problemResponses },
})
const mergeRoute = defineRoute('partner.edit', {
  method: 'post',
  path: '/partners/{id}/merge',
  tags,
  summary: 'Merge another partner record into this one (both histories stay)',
  request: { ...idParam, ...body(MergePartnersSchema) },
  responses: { 200: json(PartnerPageSchema, 'Partner'), ...notFound, ...problemResponses },
})

/** The screening API: lists, imports, results, dispositions, the partner register. */
export const screeningRoutes = createRouter()
  .openapi(listsRoute, async (c) => c.json(await service.listScreeningLists(c.var.ctx), 200))
  .openapi(versionsRoute, async (c) =>
    c.json(await service.listListVersions(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(entriesRoute, async (c) =>
    c.json(await service.listListEntries(c.var.ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(changesRoute, async (c) =>
    c.json(await service.listVersionChanges(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(importRoute, async (c) => c.json(await service.importList(c.var.ctx, c.req.valid('json')), 201))
  .openapi(ownAddRoute, async (c) =>
    c.json(await service.addOwnListEntry(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(ownRemoveRoute, async (c) =>
    c.json(await service.removeOwnListEntry(c.var.ctx, c.req.valid('param').key), 200),
  )
  .openapi(thresholdsRoute, async (c) => c.json(await service.readThresholds(c.var.ctx), 200))
  .openapi(setThresholdsRoute, async (c) =>
    c.json(await service.setThresholds(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(adHocRoute, async (c) =>
    c.json(await service.screenNameAdHoc(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(resultsRoute, async (c) =>
    c.json(await service.getCollaborationScreening(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(screenRoute, async (c) =>
    c.json(await service.screenCollaborationNow(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(disposeRoute, async (c) =>
    c.json(await service.recordDisposition(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(partnersRoute, async (c) => c.json(await service.listPartners(c.var.ctx), 200))
  .openapi(suggestRoute, async (c) =>
    c.json(await service.suggestPartners(c.var.ctx, c.req.valid('query').name), 200),
  )
  .openapi(partnerRoute, async (c) =>
    c.json(await service.getPartnerPage(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(noteRoute, async (c) =>
    c.json(await service.addPartnerNote(c.var.ctx, c.req.valid('param').id, c.req.valid('json').body), 201),
  )
  .openapi(mergeRoute, async (c) =>
    c.json(await service.mergePartners(c.var.ctx, c.req.valid('param').id, c.req.valid('json').otherId), 200),
  )
