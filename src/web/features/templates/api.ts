import { z } from 'zod'
import {
  CaseDraftsSchema,
  ContractDraftSchema,
  ContractTemplateSchema,
  type GenerateDraft,
  type SaveTemplate,
  TemplateCatalogueSchema,
} from '../../../modules/templates/template.schema.js'
import { downloadUrl, request } from '../../api/client.js'

const id = (value: string) => encodeURIComponent(value)

/** One stored version of a template, as the version list shows it. */
export const TemplateVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  changeNote: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
})

/** The contract-template API, one typed function per endpoint. */
export const templatesApi = {
  catalogue: () => request(TemplateCatalogueSchema, 'GET', '/templates'),
  template: (key: string, language: string, version?: number) =>
    request(ContractTemplateSchema, 'GET', `/templates/${id(key)}/${id(language)}`, {
      query: version ? { version: String(version) } : undefined,
    }),
  versions: (key: string, language: string) =>
    request(z.array(TemplateVersionSchema), 'GET', `/templates/${id(key)}/${id(language)}/versions`),
  save: (key: string, language: string, body: SaveTemplate) =>
    request(ContractTemplateSchema, 'PUT', `/templates/${id(key)}/${id(language)}`, { body }),
  caseDrafts: (caseId: string) => request(CaseDraftsSchema, 'GET', `/collaborations/${id(caseId)}/drafts`),
  generate: (caseId: string, body: GenerateDraft) =>
    request(ContractDraftSchema, 'POST', `/collaborations/${id(caseId)}/drafts`, { body }),
  draftUrl: (caseId: string, draftId: string) =>
    downloadUrl(`/collaborations/${id(caseId)}/drafts/${id(draftId)}`),
}
