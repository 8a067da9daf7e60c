export { buildTemplateContext, type ContextSource, type TemplateLanguage } from './template.context.js'
export { renderDocx, renderPdf } from './template.document.js'
export {
  checkTemplate,
  escapeMarkdown,
  placeholdersOf,
  renderTemplate,
  type TemplateContext,
  TemplateError,
  type Vocabulary,
} from './template.engine.js'
export * from './template.schema.js'
export {
  documentedPlaceholders,
  ensureShippedTemplates,
  generateDraft,
  getTemplate,
  listCaseDrafts,
  listTemplates,
  listTemplateVersions,
  readDraft,
  saveTemplate,
  shippedTemplates,
} from './template.service.js'
export { templateVocabulary } from './template.vocabulary.js'
