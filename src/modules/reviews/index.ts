export { checkReviewDeadlines, deadlineSchedule } from './review.jobs.js'
export { listObligationsOfCases } from './review.repo.js'
export { caseFacts, type ExternalFacts, routeCase } from './review.routing.js'
export * from './review.schema.js'
export {
  answerInformationRequest,
  askForInformation,
  checkDeadlines,
  completeReview,
  getCaseReview,
  getProcess,
  getQueue,
  listMessages,
  postMessage,
  recordFunderNotice,
  referToExpertTeam,
  registerFactProvider,
} from './review.service.js'
