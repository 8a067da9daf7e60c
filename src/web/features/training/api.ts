import { z } from 'zod'
import {
  AttemptResultSchema,
  CaseTrainingStatusSchema,
  CaseTrainingSummarySchema,
  type Enforcement,
  MyTrainingsSchema,
  type ObligationRule,
  ReportRowSchema,
  StoredObligationSchema,
  type SubmitAttempt,
  TrainingModuleContentSchema,
  TrainingModuleSummarySchema,
  TrainingModuleViewSchema,
  TrainingSettingsSchema,
} from '../../../modules/training/training.schema.js'
import { downloadUrl, request } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

const ModuleSourceSchema = z.object({
  content: TrainingModuleContentSchema,
  versions: z.array(
    z.object({
      version: z.number(),
      contentVersion: z.number(),
      createdAt: z.string(),
      createdBy: z.string(),
    }),
  ),
})

/** The report filter as the page keeps it. */
export interface ReportQuery {
  unitId?: string
  moduleKey?: string
}

/** The training API, one typed function per endpoint. */
export const trainingApi = {
  modules: () => request(z.array(TrainingModuleSummarySchema), 'GET', '/training/modules'),
  module: (key: string) => request(TrainingModuleViewSchema, 'GET', `/training/modules/${id(key)}`),
  source: (key: string) => request(ModuleSourceSchema, 'GET', `/training/modules/${id(key)}/source`),
  saveModule: (key: string, body: unknown) =>
    request(TrainingModuleSummarySchema, 'PUT', `/training/modules/${id(key)}`, { body }),
  submit: (key: string, body: SubmitAttempt) =>
    request(AttemptResultSchema, 'POST', `/training/modules/${id(key)}/attempts`, { body }),
  mine: () => request(MyTrainingsSchema, 'GET', '/training/me'),
  obligations: () => request(z.array(StoredObligationSchema), 'GET', '/training/obligations'),
  saveObligations: (rules: ObligationRule[]) =>
    request(z.array(StoredObligationSchema), 'PUT', '/training/obligations', { body: { rules } }),
  settings: () => request(TrainingSettingsSchema, 'GET', '/training/settings'),
  saveSettings: (enforcement: Enforcement) =>
    request(TrainingSettingsSchema, 'PUT', '/training/settings', { body: { enforcement } }),
  report: (query: ReportQuery) =>
    request(z.array(ReportRowSchema), 'GET', '/training/report', {
      query: { unitId: query.unitId, moduleKey: query.moduleKey },
    }),
  reportCsvUrl: (query: ReportQuery, lang: 'de' | 'en') => {
    const params = new URLSearchParams({ lang })
    if (query.unitId) params.set('unitId', query.unitId)
    if (query.moduleKey) params.set('moduleKey', query.moduleKey)
    return `${downloadUrl('/training/report.csv')}?${params.toString()}`
  },
  caseStatus: (caseId: string) =>
    request(CaseTrainingStatusSchema, 'GET', `/collaborations/${id(caseId)}/trainings`),
  caseSummaries: (caseIds: readonly string[]) =>
    caseIds.length === 0
      ? Promise.resolve([])
      : request(z.array(CaseTrainingSummarySchema), 'GET', '/training/cases', {
          query: { ids: caseIds.join(',') },
        }),
}
