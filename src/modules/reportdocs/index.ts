export * from './reportdocs.schema.js'
export {
  type CaseReportData,
  caseReportPdf,
  exportRegister,
  funderNoticePdf,
  funderNoticeText,
  gatherCaseReport,
  parseRegisterFields,
} from './reportdocs.service.js'
export { guardFormula } from './reportdocs.sheets.js'
