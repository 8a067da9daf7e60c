export { documentReviewSchedule, remindDocumentReviews } from './knowledge.jobs.js'
export * from './knowledge.schema.js'
export {
  addComment,
  diffVersions,
  getDocument,
  getDocumentVersion,
  listComments,
  listDocuments,
  listHistory,
  listTouchedCases,
  markCommentAnswered,
  markReviewed,
  remindOverdueReviews,
  restoreVersion,
  saveDocument,
  searchDocuments,
} from './knowledge.service.js'
export { matchRegulation, sheetTopicRules, topicOffices } from './knowledge.topics.js'
