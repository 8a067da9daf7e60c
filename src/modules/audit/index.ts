export { chainCheckSchedule, verifyChainJob } from './audit.jobs.js'
export {
  AuditEventSchema,
  AuditQuerySchema,
  type AuditVerification,
  AuditVerificationSchema,
} from './audit.schema.js'
export {
  type AuditInput,
  type AuditSummary,
  type ChainCheck,
  checkAndRecordChain,
  erasureAction,
  latestChainCheck,
  listAuditEvents,
  recordAudit,
  summarizeAuditTrail,
  verifyAuditChain,
  verifyAuditTrail,
  verifyEntityEntries,
} from './audit.service.js'

import './audit.personal-data.js'
