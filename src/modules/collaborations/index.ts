export { countCollaborations } from './collaboration.repo.js'
export * from './collaboration.schema.js'
export {
  activateCollaboration,
  addAttachment,
  type CaseSnapshot,
  caseSnapshotsInStatus,
  collaborationResource,
  collaborationResources,
  createCollaboration,
  createFollowUp,
  decideCollaboration,
  endCollaboration,
  getCollaboration,
  getCurrentQuestionnaire,
  iterateRegister,
  listCollaborations,
  loadCaseSnapshot,
  loadVersionSheet,
  openCollaboration,
  type RegisterCase,
  registerChecklistProvider,
  registerNextStepRefiner,
  registerSubmissionProblemProvider,
  saveDraft,
  startAmendment,
  startReview,
  submitCollaboration,
  withdrawCollaboration,
} from './collaboration.service.js'
export { diffSheets, nextStep, submissionProblems } from './collaboration.workflow.js'
export { researchAreas } from './research-areas.js'

import './collaboration.personal-data.js'
