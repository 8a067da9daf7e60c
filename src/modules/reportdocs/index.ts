export { guardFormula } from '../../shared/csv.js'
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
