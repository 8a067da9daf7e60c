import { z } from 'zod'
import {
  AdHocResultSchema,
  type AdHocScreening,
  CollaborationScreeningSchema,
  type DispositionInput,
  DispositionSchema,
  type ImportList,
  ListChangeSchema,
  ListEntrySchema,
  ListVersionSchema,
  type OwnEntryInput,
  PartnerPageSchema,
  RegisterPartnerSchema,
  ScreeningListSchema,
  ThresholdsSchema,
} from '../../../modules/screening/screening.schema.js'
import { request } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

/** The thresholds as the API answers them (the schema's output type). */
export type Thresholds = z.infer<typeof ThresholdsSchema>

/** The partner-screening endpoints, one typed function each. */
export const screeningApi = {
  /** Every list with its kind, current version, counts and staleness. */
  lists: () => request(z.array(ScreeningListSchema), 'GET', '/screening/lists'),
  /** The imported versions of a list, newest first. */
  versions: (listId: string) =>
    request(z.array(ListVersionSchema), 'GET', `/screening/lists/${id(listId)}/versions`),
  /** The entries of a list's current version, optionally filtered by name. */
  entries: (listId: string, query: { q?: string; limit?: number } = {}) =>
    request(z.array(ListEntrySchema), 'GET', `/screening/lists/${id(listId)}/entries`, {
      query: { q: query.q, limit: query.limit },
    }),
  /** What a version added, removed and changed against the previous one. */
  changes: (versionId: string) =>
    request(z.array(ListChangeSchema), 'GET', `/screening/versions/${id(versionId)}/changes`),
  /** Imports a list file as a new version. */
  importList: (body: ImportList) => request(ListVersionSchema, 'POST', '/screening/imports', { body }),
  /** Adds an entry to the institution's own list (a new version). */
  addOwnEntry: (body: OwnEntryInput) =>
    request(ListVersionSchema, 'POST', '/screening/own-list/entries', { body }),
  /** Removes an entry from the institution's own list (a new version). */
  removeOwnEntry: (entityKey: string) =>
    request(ListVersionSchema, 'DELETE', `/screening/own-list/entries/${id(entityKey)}`),
  thresholds: () => request(ThresholdsSchema, 'GET', '/screening/thresholds'),
  setThresholds: (body: Thresholds) => request(ThresholdsSchema, 'PUT', '/screening/thresholds', { body }),
  /** Screens one name ad hoc (the server logs it in the audit trail). */
  search: (body: AdHocScreening) => request(AdHocResultSchema, 'POST', '/screening/search', { body }),
  /** The screening results of a case's partners. */
  caseResults: (caseId: string) =>
    request(CollaborationScreeningSchema, 'GET', `/collaborations/${id(caseId)}/screening`),
  /** Screens the partners of a case now and answers the new results. */
  screenCase: (caseId: string) =>
    request(CollaborationScreeningSchema, 'POST', `/collaborations/${id(caseId)}/screening`),
  /** Records a reviewer's disposition of a hit. */
  dispose: (body: DispositionInput) =>
    request(DispositionSchema, 'POST', '/screening/dispositions', { body }),
  /** The partner register (records merged away are left out). */
  partners: () => request(z.array(RegisterPartnerSchema), 'GET', '/partners'),
  /** Register records a typed partner name may mean, best first. */
  suggestions: (name: string) =>
    request(z.array(RegisterPartnerSchema), 'GET', '/partners/suggestions', { query: { name } }),
  /** A partner's page: collaborations, screening history, dispositions, notes. */
  partner: (partnerId: string) => request(PartnerPageSchema, 'GET', `/partners/${id(partnerId)}`),
  addNote: (partnerId: string, body: string) =>
    request(PartnerPageSchema, 'POST', `/partners/${id(partnerId)}/notes`, { body: { body } }),
  /** Merges the other record into this one; both histories stay. */
  merge: (partnerId: string, otherId: string) =>
    request(PartnerPageSchema, 'POST', `/partners/${id(partnerId)}/merge`, { body: { otherId } }),
}
