import { z } from 'zod'

/** One entry of the append-only audit trail. */
export const AuditEventSchema = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
    contentDigest: z.string(),
    /** The erasure entry that pseudonymised this entry's personal content, or null. */
    redactedBy: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' })
export type AuditEvent = z.infer<typeof AuditEventSchema>

/** Filters for listing the audit trail. */
export const AuditQuerySchema = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type AuditQuery = z.infer<typeof AuditQuerySchema>

/** The result of recomputing the hash chain. */
export const AuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBrokenSeq: z.number().int().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AuditVerification' })
export type AuditVerification = z.infer<typeof AuditVerificationSchema>
