export * from './reports.schema.js'
export {
  annualOverviewPdf,
  type DashboardSectionProvider,
  dashboardCsv,
  getDashboard,
  refreshReportFacts,
  registerDashboardSection,
  unregisterDashboardSection,
} from './reports.service.js'
