export {
  AuditEventSchema,
  AuditQuerySchema,
  type AuditVerification,
  AuditVerificationSchema,
} from './audit.schema.js'
export {
  type AuditInput,
  erasureAction,
  listAuditEvents,
  recordAudit,
  verifyAuditChain,
  verifyAuditTrail,
} from './audit.service.js'

import './audit.personal-data.js'
