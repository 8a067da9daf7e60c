export {
  AuditEventSchema,
  AuditQuerySchema,
  type AuditVerification,
  AuditVerificationSchema,
} from './audit.schema.js'
export {
  type AuditInput,
  listAuditEvents,
  recordAudit,
  verifyAuditChain,
  verifyAuditTrail,
} from './audit.service.js'
