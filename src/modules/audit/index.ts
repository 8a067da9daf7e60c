export {
  AuditEventSchema,
  AuditQuerySchema,
  type AuditVerification,
  AuditVerificationSchema,
} from './audit.schema.js'
export {
  type AuditInput,
  type AuditSummary,
  erasureAction,
  listAuditEvents,
  recordAudit,
  summarizeAuditTrail,
  verifyAuditChain,
  verifyAuditTrail,
} from './audit.service.js'

import './audit.personal-data.js'
