import { z } from 'zod'

/** Everything Liaison holds about one person, one section per module. */
export const PersonalDataExportSchema = z
  .object({
    exportedAt: z.string(),
    subject: z.object({ id: z.string(), username: z.string(), displayName: z.string(), email: z.string() }),
    sections: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PersonalDataExport' })
export type PersonalDataExport = z.infer<typeof PersonalDataExportSchema>

/** The confirmation an erasure needs: the username typed again, so no one erases by a slip. */
export const EraseRequestSchema = z
  .strictObject({
    confirmUsername: z.string().min(1).max(64),
    reason: z.string().trim().min(3).max(500),
  })
  .meta({ id: 'EraseRequest' })
export type EraseRequest = z.infer<typeof EraseRequestSchema>

/** What an erasure did: counts per module and the pseudonym (never the erased values). */
export const ErasureResultSchema = z
  .object({
    userId: z.string(),
    pseudonym: z.string(),
    erasedAt: z.string(),
    counts: z.record(z.string(), z.record(z.string(), z.number())),
  })
  .meta({ id: 'ErasureResult' })
export type ErasureResult = z.infer<typeof ErasureResultSchema>

/** A person found by the personal-data search. */
export const DataSubjectSummarySchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string(),
    isActive: z.boolean(),
    erasedAt: z.string().nullable(),
  })
  .meta({ id: 'DataSubjectSummary' })
export type DataSubjectSummary = z.infer<typeof DataSubjectSummarySchema>

export const SubjectSearchSchema = z.object({
  q: z.string().trim().max(100).default(''),
})

/** Result of one retention run. */
export const RetentionRunSchema = z
  .object({
    archived: z.array(z.object({ id: z.string(), reference: z.string() })),
    attachmentsDeleted: z.number().int(),
    cutoff: z.string(),
  })
  .meta({ id: 'RetentionRun' })
export type RetentionRun = z.infer<typeof RetentionRunSchema>
