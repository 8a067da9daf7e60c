export { shippedReferenceSet } from './assessment.data.js'
export { type AssessmentInput, assess, engineVersion, isFlagged } from './assessment.engine.js'
export { type AssessmentIndex, buildIndex, type ReferenceSet } from './assessment.index.js'
export { assessOnSubmit } from './assessment.jobs.js'
export { findLatestRiskLevels } from './assessment.repo.js'
export * from './assessment.schema.js'
export {
  assessAdHoc,
  assessCollaboration,
  assessCollaborationUnchecked,
  ensureReferenceData as ensureAssessmentReferenceData,
  getAnnexEntry,
  getAssessmentIndex,
  getLatestAssessment,
  getNoGoRules,
  getSensitiveAreas,
  importAnnexUnchecked,
  listChecklists,
  listReferenceVersions,
  saveChecklist,
  saveNoGoRules,
  saveSensitiveAreas,
} from './assessment.service.js'
