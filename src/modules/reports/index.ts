export { refreshFactsJob, refreshFactsSchedule } from './reports.jobs.js'
export * from './reports.schema.js'
export {
  annualOverviewPdf,
  clearFigureCache,
  type DashboardSectionProvider,
  dashboardCsv,
  getDashboard,
  refreshReportFacts,
  registerDashboardSection,
  unregisterDashboardSection,
} from './reports.service.js'
