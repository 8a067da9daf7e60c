import { z } from 'zod'
import { CaseAccessSchema } from '../../../modules/collaborations/collaboration.schema.js'
import {
  DataSubjectSummarySchema,
  type EraseRequest,
  ErasureResultSchema,
  RetentionRunSchema,
} from '../../../modules/privacy/privacy.schema.js'
import { downloadUrl, request, requestEmpty } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

/** Personal data, retention, account locks and the case access log. */
export const privacyApi = {
  search: (q: string) =>
    request(z.array(DataSubjectSummarySchema), 'GET', '/personal-data/subjects', { query: { q } }),
  exportUrl: (userId: string) => downloadUrl(`/personal-data/subjects/${id(userId)}/export`),
  myExportUrl: () => downloadUrl('/me/personal-data'),
  erase: (userId: string, body: EraseRequest) =>
    request(ErasureResultSchema, 'POST', `/personal-data/subjects/${id(userId)}/erase`, { body }),
  runRetention: () => request(RetentionRunSchema, 'POST', '/personal-data/retention/run'),
  unlock: (userId: string) => requestEmpty('POST', `/users/${id(userId)}/unlock`),
  accessLog: (caseId: string) =>
    request(z.array(CaseAccessSchema), 'GET', `/collaborations/${id(caseId)}/access-log`),
}
