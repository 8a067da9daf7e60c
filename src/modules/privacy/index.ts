export { retentionJob, retentionSchedule } from './privacy.jobs.js'
export * from './privacy.schema.js'
export {
  archivedPersonLabel,
  archiveExpiredCases,
  erasePersonalData,
  exportMyData,
  exportPersonalData,
  runRetention,
  searchDataSubjects,
} from './privacy.service.js'
