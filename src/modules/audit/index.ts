export {
  AuditEventSchema,
  AuditQuerySchema,
  type AuditVerification,
  AuditVerificationSchema,
} from './audit.schema.js'
export {
  type AuditInput,
  type AuditSummary,
  listAuditEvents,
  recordAudit,
  summarizeAuditTrail,
  verifyAuditChain,
  verifyAuditTrail,
} from './audit.service.js'
