import { z } from 'zod'
import {
  type BundleApplySchema,
  BundlePreviewSchema,
  BundleSchema,
  CommentSchema,
  type DocumentQuery,
  DocumentSchema,
  DocumentVersionSchema,
  HistoryEntrySchema,
  RegulationWatchEntrySchema,
  SaveConflictSchema,
  type SaveDocumentInput,
  SearchHitSchema,
  SigningKeySchema,
  TouchedCaseSchema,
  VersionDiffSchema,
} from '../../../modules/knowledge/knowledge.schema.js'
import { isApiError, request } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

/** The knowledge endpoints, one typed function each. */
export const knowledgeApi = {
  /** The library: full-text search with filters. */
  search: (query: DocumentQuery) =>
    request(z.array(SearchHitSchema), 'GET', '/knowledge/documents', {
      query: {
        q: query.q,
        kind: query.kind,
        tag: query.tag,
        researchArea: query.researchArea,
        language: query.language,
        dueForReview: query.dueForReview === undefined ? undefined : String(query.dueForReview),
      },
    }),
  document: (documentId: string, language?: string) =>
    request(DocumentSchema, 'GET', `/knowledge/documents/${id(documentId)}`, { query: { language } }),
  create: (body: SaveDocumentInput) =>
    request(DocumentVersionSchema, 'POST', '/knowledge/documents', { body }),
  save: (documentId: string, body: SaveDocumentInput) =>
    request(DocumentVersionSchema, 'PUT', `/knowledge/documents/${id(documentId)}`, { body }),
  history: (documentId: string) =>
    request(z.array(HistoryEntrySchema), 'GET', `/knowledge/documents/${id(documentId)}/versions`),
  version: (documentId: string, version: number) =>
    request(DocumentVersionSchema, 'GET', `/knowledge/documents/${id(documentId)}/versions/${version}`),
  diff: (documentId: string, from: number, to: number) =>
    request(VersionDiffSchema, 'GET', `/knowledge/documents/${id(documentId)}/diff`, { query: { from, to } }),
  restore: (documentId: string, version: number, baseVersion: number) =>
    request(DocumentVersionSchema, 'POST', `/knowledge/documents/${id(documentId)}/restore`, {
      body: { version, baseVersion },
    }),
  markReviewed: (documentId: string) =>
    request(DocumentSchema, 'POST', `/knowledge/documents/${id(documentId)}/reviewed`),
  comments: (documentId: string) =>
    request(z.array(CommentSchema), 'GET', `/knowledge/documents/${id(documentId)}/comments`),
  addComment: (documentId: string, body: { body: string; parentId: string | null }) =>
    request(CommentSchema, 'POST', `/knowledge/documents/${id(documentId)}/comments`, { body }),
  markAnswered: (commentId: string) =>
    request(CommentSchema, 'POST', `/knowledge/comments/${id(commentId)}/answered`),
  touchedCases: (documentId: string) =>
    request(z.array(TouchedCaseSchema), 'GET', `/knowledge/documents/${id(documentId)}/cases`),
  regulationWatch: () => request(z.array(RegulationWatchEntrySchema), 'GET', '/knowledge/regulation-watch'),
  signingKey: () => request(SigningKeySchema, 'GET', '/knowledge/bundles/key'),
  exportBundle: (documentIds: string[], trainingModuleKeys: string[] = []) =>
    request(BundleSchema, 'POST', '/knowledge/bundles/export', { body: { documentIds, trainingModuleKeys } }),
  stageBundle: (bundle: unknown) =>
    request(BundlePreviewSchema, 'POST', '/knowledge/bundles/imports', { body: bundle }),
  applyBundle: (importId: string, body: z.input<typeof BundleApplySchema>) =>
    request(BundlePreviewSchema, 'POST', `/knowledge/bundles/imports/${id(importId)}/apply`, { body }),
}

/** The conflict a stale save was refused with, or undefined for any other error. */
export function saveConflictOf(error: unknown) {
  if (!isApiError(error, 409)) return undefined
  const parsed = SaveConflictSchema.safeParse(error.body)
  return parsed.success ? parsed.data.conflict : undefined
}
