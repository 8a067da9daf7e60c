import { z } from 'zod'

/** The roles a user can hold; several per user, office reviewers once per office. */
export const RoleSchema = z.enum([
  'researcher',
  'office_reviewer',
  'decision_maker',
  'admin',
  'expert',
  'auditor',
])
export type Role = z.infer<typeof RoleSchema>

/** Every role, in the order the UI lists them. */
export const roles = RoleSchema.options

/** One role held by a user; `officeId` is set exactly for office reviewers. */
export const RoleGrantSchema = z
  .object({
    role: RoleSchema,
    officeId: z.string().uuid().nullable(),
  })
  .meta({ id: 'RoleGrant' })
export type RoleGrant = z.infer<typeof RoleGrantSchema>

/** The person (or script, via an API token) performing a request. */
export const ActorSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(RoleGrantSchema),
  via: z.enum(['session', 'token', 'system']),
})
export type Actor = z.infer<typeof ActorSchema>
