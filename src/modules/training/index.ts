export {
  type ModuleFile,
  parseModuleFile,
  readModuleFolder,
  scoreQuiz,
  shippedModulesFolder,
} from './training.content.js'
export { remindTrainingRenewals, trainingReminderSchedule } from './training.jobs.js'
export * from './training.schema.js'
export {
  bundledModuleContent,
  completionByUnitAndModule,
  getCaseTrainingStatus,
  getCaseTrainingSummaries,
  getModule,
  getMyTrainings,
  getObligations,
  getTrainingSettings,
  type ImportOutcome,
  importTrainingModules,
  listModules,
  reportCsv,
  saveModule,
  saveObligations,
  sendRenewalReminders,
  storeBundledModule,
  submitAttempt,
  trainingStatusForUsers,
  updateTrainingSettings,
} from './training.service.js'
