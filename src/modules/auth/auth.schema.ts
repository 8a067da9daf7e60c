import { z } from 'zod'
import { UserSchema } from '../organisation/organisation.schema.js'

/** Credentials for a local account. */
export const LoginSchema = z
  .strictObject({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'Login' })
export type Login = z.infer<typeof LoginSchema>

/** The signed-in user, how they are signed in, and the CSRF token to send with changes. */
export const SessionInfoSchema = z
  .object({
    user: UserSchema,
    via: z.enum(['session', 'token']),
    /** Send as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE made with the session cookie. */
    csrfToken: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'SessionInfo' })
export type SessionInfo = z.infer<typeof SessionInfoSchema>

/** How one can sign in here. */
export const AuthProvidersSchema = z
  .object({
    local: z.boolean(),
    oidc: z.object({ label: z.string(), loginUrl: z.string() }).nullable(),
    /** The institution running this installation, shown in the header before and after sign-in. */
    institution: z.object({ name: z.string() }),
  })
  .meta({ id: 'AuthProviders' })
export type AuthProviders = z.infer<typeof AuthProvidersSchema>

/** A personal API token as listed (the secret itself is shown only once, at creation). */
export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' })
export type ApiToken = z.infer<typeof ApiTokenSchema>

/** Input to create a personal API token. */
export const CreateApiTokenSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
  })
  .meta({ id: 'CreateApiToken' })
export type CreateApiToken = z.input<typeof CreateApiTokenSchema>

/** A newly created token with its secret, shown once. */
export const CreatedApiTokenSchema = z
  .object({ token: z.string(), record: ApiTokenSchema })
  .meta({ id: 'CreatedApiToken' })
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>
