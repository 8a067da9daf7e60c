import { z } from 'zod'
import {
  jsonBody as body,
  createRouter,
  defineRoute,
  jsonResponse as json,
  problemResponses,
} from '../../server/route.js'
import {
  AnswerRequestSchema,
  AskSchema,
  CaseReviewSchema,
  CompleteReviewSchema,
  FulfilObligationSchema,
  FunderNoticeSchema,
  MessageSchema,
  NewMessageSchema,
  ObligationSchema,
  ProcessConfigSchema,
  ProcessVersionSchema,
  QueueItemSchema,
  RecordFunderNoticeSchema,
} from './review.schema.js'
import * as service from './review.service.js'

const tags = ['reviews']
const caseParam = { params: z.object({ id: z.uuid() }) }
const caseReview = {
  200: json(CaseReviewSchema, 'The review of the case'),
  404: { description: 'Not found' },
  ...problemResponses,
}

const getProcessRoute = defineRoute('process.read', {
  method: 'get',
  path: '/process',
  tags,
  summary: 'The configured review process (steps, responsibilities, routing rules)',
  responses: { 200: json(ProcessVersionSchema, 'The current version'), ...problemResponses },
})
const publishProcessRoute = defineRoute('process.publish', {
  method: 'put',
  path: '/process',
  tags,
  summary: 'Publish a new version of the process',
  request: body(ProcessConfigSchema),
  responses: { 200: json(ProcessVersionSchema, 'The new version'), ...problemResponses },
})
const publicProcessRoute = defineRoute('public', {
  method: 'get',
  path: '/public/process',
  tags,
  summary: 'The procedure explained for partners (German, English, Simplified Chinese); no sign-in',
  responses: {
    200: json(
      z.object({
        institution: z.string(),
        version: z.number().int(),
        steps: z.array(
          z.object({
            key: z.string(),
            label: z.object({ de: z.string(), en: z.string(), zh: z.string() }),
            description: z.object({ de: z.string(), en: z.string(), zh: z.string() }),
            responsibilities: z.array(z.object({ who: z.string(), does: z.string() })),
          }),
        ),
      }),
      'The procedure',
    ),
  },
})
const caseReviewRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/review',
  tags,
  summary: 'Every office’s review of the case, with requests for information and obligations',
  request: caseParam,
  responses: caseReview,
})
const completeRoute = defineRoute('review.complete', {
  method: 'post',
  path: '/reviews/{reviewId}/complete',
  tags,
  summary: 'Record the office’s findings, recommendation and conditions',
  request: { params: z.object({ reviewId: z.uuid() }), ...body(CompleteReviewSchema) },
  responses: caseReview,
})
const askRoute = defineRoute('review.ask', {
  method: 'post',
  path: '/reviews/{reviewId}/requests',
  tags,
  summary: 'Ask the researcher for information (the office’s clock pauses)',
  request: { params: z.object({ reviewId: z.uuid() }), ...body(AskSchema) },
  responses: caseReview,
})
const answerRoute = defineRoute('collaboration.edit', {
  method: 'post',
  path: '/information-requests/{requestId}/answer',
  tags,
  summary: 'Answer a request for information',
  request: { params: z.object({ requestId: z.uuid() }), ...body(AnswerRequestSchema) },
  responses: caseReview,
})
const referRoute = defineRoute('review.refer_expert', {
  method: 'post',
  path: '/collaborations/{id}/expert-team',
  tags,
  summary: 'Ask the expert team for advice',
  request: { ...caseParam, ...body(AskSchema) },
  responses: caseReview,
})
const queueRoute = defineRoute('review.queue', {
  method: 'get',
  path: '/reviews/queue',
  tags,
  summary: 'The cases that need my office (or the expert team)',
  request: { query: z.object({ sort: z.enum(['due', 'waiting', 'trl']).default('due') }) },
  responses: { 200: json(z.array(QueueItemSchema), 'Queue'), ...problemResponses },
})
const listMessagesRoute = defineRoute('collaboration.read', {
  method: 'get',
  path: '/collaborations/{id}/messages',
  tags,
  summary: 'The case’s discussion (internal notes only for reviewers)',
  request: caseParam,
  responses: { 200: json(z.array(MessageSchema), 'Messages'), ...problemResponses },
})
const postMessageRoute = defineRoute('collaboration.read', {
  method: 'post',
  path: '/collaborations/{id}/messages',
  tags,
  summary: 'Post to the discussion; @username mentions notify',
  request: { ...caseParam, ...body(NewMessageSchema) },
  responses: { 201: json(MessageSchema, 'Posted'), ...problemResponses },
})
const fulfilRoute = defineRoute('obligation.fulfil', {
  method: 'post',
  path: '/obligations/{obligationId}/fulfil',
  tags,
  summary: 'Confirm that a condition of the decision is met',
  request: { params: z.object({ obligationId: z.uuid() }), ...body(FulfilObligationSchema) },
  responses: { 200: json(ObligationSchema, 'Fulfilled'), ...problemResponses },
})
const draftNoticeRoute = defineRoute('funder_notice.record', {
  method: 'get',
  path: '/collaborations/{id}/funder-notice-draft',
  tags,
  summary: 'The notification for the funder or supervisory board, prepared from the case',
  request: caseParam,
  responses: {
    200: json(z.object({ de: z.string(), en: z.string(), recipients: z.string() }), 'Draft'),
    ...problemResponses,
  },
})
const recordNoticeRoute = defineRoute('funder_notice.record', {
  method: 'post',
  path: '/collaborations/{id}/funder-notices',
  tags,
  summary: 'Record when and to whom the funder notification was sent',
  request: { ...caseParam, ...body(RecordFunderNoticeSchema) },
  responses: { 201: json(FunderNoticeSchema, 'Recorded'), ...problemResponses },
})

/** The review process: configuration, office reviews, queue, discussion, obligations, funder notices. */
export const reviewRoutes = createRouter()
  .openapi(getProcessRoute, async (c) => c.json(await service.getProcess(c.var.ctx), 200))
  .openapi(publishProcessRoute, async (c) =>
    c.json(await service.publishProcess(c.var.ctx, c.req.valid('json')), 200),
  )
  .openapi(publicProcessRoute, async (c) => {
    const process = await service.getPublicProcess(c.var.ctx)
    return c.json(
      {
        institution: c.var.ctx.config.institution.name,
        version: process.version,
        steps: process.config.steps.map((step) => ({
          key: step.key,
          label: { de: step.labelDe, en: step.labelEn, zh: step.labelZh || step.labelEn },
          description: {
            de: step.descriptionDe,
            en: step.descriptionEn,
            zh: step.descriptionZh || step.descriptionEn,
          },
          responsibilities: step.responsibilities.map((entry) => ({
            who: `${entry.who.kind}:${entry.who.key}`,
            does: entry.does,
          })),
        })),
      },
      200,
    )
  })
  .openapi(queueRoute, async (c) => c.json(await service.getQueue(c.var.ctx, c.req.valid('query').sort), 200))
  .openapi(caseReviewRoute, async (c) =>
    c.json(await service.getCaseReview(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(completeRoute, async (c) =>
    c.json(await service.completeReview(c.var.ctx, c.req.valid('param').reviewId, c.req.valid('json')), 200),
  )
  .openapi(askRoute, async (c) =>
    c.json(
      await service.askForInformation(c.var.ctx, c.req.valid('param').reviewId, c.req.valid('json').question),
      200,
    ),
  )
  .openapi(answerRoute, async (c) =>
    c.json(
      await service.answerInformationRequest(
        c.var.ctx,
        c.req.valid('param').requestId,
        c.req.valid('json').answer,
      ),
      200,
    ),
  )
  .openapi(referRoute, async (c) =>
    c.json(
      await service.referToExpertTeam(c.var.ctx, c.req.valid('param').id, c.req.valid('json').question),
      200,
    ),
  )
  .openapi(listMessagesRoute, async (c) =>
    c.json(await service.listMessages(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(postMessageRoute, async (c) =>
    c.json(await service.postMessage(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(fulfilRoute, async (c) =>
    c.json(
      await service.fulfilObligation(c.var.ctx, c.req.valid('param').obligationId, c.req.valid('json').note),
      200,
    ),
  )
  .openapi(draftNoticeRoute, async (c) =>
    c.json(await service.draftFunderNotice(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(recordNoticeRoute, async (c) =>
    c.json(await service.recordFunderNotice(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
  )
