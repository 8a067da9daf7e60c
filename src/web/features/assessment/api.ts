import { z } from 'zod'
import {
  type AdHocAssessment,
  AnnexEntryViewSchema,
  AssessmentResultSchema,
  AssessmentSchema,
  type ChecklistInput,
  ChecklistSchema,
  type NoGoRulesInput,
  NoGoRulesSchema,
  ReferenceVersionSchema,
  type SensitiveAreasInput,
  SensitiveAreasSchema,
} from '../../../modules/assessment/assessment.schema.js'
import { request } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

/** The dual-use pre-assessment endpoints, one typed function each. */
export const assessmentApi = {
  /** Pre-assesses a draft without storing anything (the side panel of the form). */
  adHoc: (body: AdHocAssessment) => request(AssessmentResultSchema, 'POST', '/assessment/ad-hoc', { body }),
  /** The newest stored assessment of a case (404 when it was never assessed). */
  latest: (caseId: string) => request(AssessmentSchema, 'GET', `/collaborations/${id(caseId)}/assessment`),
  /** Assesses the saved sheet of a case again and stores the result. */
  run: (caseId: string) => request(AssessmentSchema, 'POST', `/collaborations/${id(caseId)}/assessment`),
  /** One Annex I entry, of the newest or of a given list version. */
  annexEntry: (code: string, version?: number) =>
    request(AnnexEntryViewSchema, 'GET', `/reference/annex/${id(code)}`, { query: { version } }),
  /** Every stored version of the reference data. */
  versions: () => request(z.array(ReferenceVersionSchema), 'GET', '/reference/versions'),
  sensitiveAreas: () => request(SensitiveAreasSchema, 'GET', '/reference/sensitive-areas'),
  saveSensitiveAreas: (body: SensitiveAreasInput) =>
    request(SensitiveAreasSchema, 'PUT', '/reference/sensitive-areas', { body }),
  noGoRules: () => request(NoGoRulesSchema, 'GET', '/reference/no-go-rules'),
  saveNoGoRules: (body: NoGoRulesInput) =>
    request(NoGoRulesSchema, 'PUT', '/reference/no-go-rules', { body }),
  checklists: () => request(z.array(ChecklistSchema), 'GET', '/reference/checklists'),
  saveChecklist: (body: ChecklistInput) => request(ChecklistSchema, 'PUT', '/reference/checklists', { body }),
}
