export { AuditEventSchema, AuditQuerySchema, AuditVerificationSchema } from './audit.schema.js'
export {
  type AuditInput,
  listAuditEvents,
  recordAudit,
  verifyAuditChain,
  verifyAuditTrail,
} from './audit.service.js'
