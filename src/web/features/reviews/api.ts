import { z } from 'zod'
import {
  CaseReviewSchema,
  type CompleteReview,
  FunderNoticeSchema,
  MessageSchema,
  type NewMessage,
  ObligationSchema,
  type ProcessConfigInput,
  ProcessVersionSchema,
  QueueItemSchema,
} from '../../../modules/reviews/review.schema.js'
import { request } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

/** The procedure as the public, partner-facing endpoint explains it (German, English, Chinese). */
export const PublicProcessSchema = z.object({
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
})
export type PublicProcess = z.infer<typeof PublicProcessSchema>

/** The prepared notification for the funder or the supervisory board. */
export const FunderNoticeDraftSchema = z.object({ de: z.string(), en: z.string(), recipients: z.string() })

/** How the office queue is sorted. */
export type QueueSort = 'due' | 'waiting' | 'trl'

/** The review process API, one typed function per endpoint. */
export const reviewsApi = {
  process: () => request(ProcessVersionSchema, 'GET', '/process'),
  publishProcess: (body: ProcessConfigInput) => request(ProcessVersionSchema, 'PUT', '/process', { body }),
  publicProcess: () => request(PublicProcessSchema, 'GET', '/public/process', { quietUnauthenticated: true }),
  caseReview: (caseId: string) => request(CaseReviewSchema, 'GET', `/collaborations/${id(caseId)}/review`),
  complete: (reviewId: string, body: CompleteReview) =>
    request(CaseReviewSchema, 'POST', `/reviews/${id(reviewId)}/complete`, { body }),
  ask: (reviewId: string, question: string) =>
    request(CaseReviewSchema, 'POST', `/reviews/${id(reviewId)}/requests`, { body: { question } }),
  answer: (requestId: string, answer: string) =>
    request(CaseReviewSchema, 'POST', `/information-requests/${id(requestId)}/answer`, { body: { answer } }),
  referToExperts: (caseId: string, question: string) =>
    request(CaseReviewSchema, 'POST', `/collaborations/${id(caseId)}/expert-team`, { body: { question } }),
  queue: (sort: QueueSort) => request(z.array(QueueItemSchema), 'GET', '/reviews/queue', { query: { sort } }),
  messages: (caseId: string) =>
    request(z.array(MessageSchema), 'GET', `/collaborations/${id(caseId)}/messages`),
  postMessage: (caseId: string, body: NewMessage) =>
    request(MessageSchema, 'POST', `/collaborations/${id(caseId)}/messages`, { body }),
  fulfil: (obligationId: string, note: string) =>
    request(ObligationSchema, 'POST', `/obligations/${id(obligationId)}/fulfil`, { body: { note } }),
  funderNoticeDraft: (caseId: string) =>
    request(FunderNoticeDraftSchema, 'GET', `/collaborations/${id(caseId)}/funder-notice-draft`),
  recordFunderNotice: (caseId: string, body: { recipients: string; text: string; sentAt?: string }) =>
    request(FunderNoticeSchema, 'POST', `/collaborations/${id(caseId)}/funder-notices`, { body }),
}
