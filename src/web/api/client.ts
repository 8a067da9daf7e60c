import { z } from 'zod'
import {
  AuditEventSchema,
  type AuditQuery,
  AuditVerificationSchema,
} from '../../modules/audit/audit.schema.js'
import {
  ApiTokenSchema,
  AuthProvidersSchema,
  type CreateApiToken,
  CreatedApiTokenSchema,
  type Login,
  SessionInfoSchema,
} from '../../modules/auth/auth.schema.js'
import {
  AttachmentSchema,
  type CollaborationQuery,
  CollaborationSchema,
  CollaborationSummarySchema,
  CollaborationVersionSchema,
  type CreateCollaboration,
  type Decide,
  FieldChangeSchema,
  HistoryEntrySchema,
  ImportReportSchema,
  QuestionnaireSchema,
  ResearchAreaSchema,
  type SaveDraft,
} from '../../modules/collaborations/collaboration.schema.js'
import {
  ContactPersonSchema,
  type CreateContactPerson,
  type CreateUnit,
  type CreateUser,
  OfficeSchema,
  UnitSchema,
  type UpdateContactPerson,
  type UpdateOffice,
  type UpdateProfile,
  type UpdateUnit,
  type UpdateUser,
  UserSchema,
} from '../../modules/organisation/organisation.schema.js'

const base = '/api/v1'

/** One problem with one input field, as the API reports it in a problem+json `errors` array. */
export interface FieldError {
  field: string
  message: string
}

/*
 * How we read an RFC 9457 body. Deliberately lenient: an error from a proxy or an older server
 * must still become a readable ApiError, so every member is optional.
 */
const ProblemBodySchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  requestId: z.string().nullable().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
})

/** A failed API call: the HTTP status and the problem+json details, ready to show in a form. */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string
  readonly errors: FieldError[]
  readonly retryAfterSeconds: number | null
  readonly requestId: string | null
  /** The whole problem body, for problems that carry more than the standard members (e.g. a save conflict). */
  readonly body: unknown

  constructor(init: {
    status: number
    title: string
    detail?: string
    errors?: FieldError[]
    retryAfterSeconds?: number | null
    requestId?: string | null
    body?: unknown
  }) {
    super(init.detail || init.title)
    this.name = 'ApiError'
    this.status = init.status
    this.title = init.title
    this.detail = init.detail ?? ''
    this.errors = init.errors ?? []
    this.retryAfterSeconds = init.retryAfterSeconds ?? null
    this.requestId = init.requestId ?? null
    this.body = init.body ?? null
  }

  /** The message for one field (the first one when the API lists several), if any. */
  fieldError(field: string): string | undefined {
    return this.errors.find((error) => error.field === field || error.field.startsWith(`${field}.`))?.message
  }
}

/** Whether a value is an ApiError, optionally with the given status. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status)
}

let csrfToken: string | null = null
let onUnauthenticated: (() => void) | null = null

/** Remembers the CSRF token of the current session; it is sent with every changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Registers what happens when any call finds the session gone (401), e.g. returning to the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler
}

/** The HTTP methods the API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Options of one API call. */
export interface RequestOptions {
  body?: unknown
  query?: Record<string, string | number | undefined>
  /** A multipart body (file uploads); the browser sets the content type with its boundary. */
  form?: FormData
  /** Do not call the unauthenticated handler on 401 (the session probe and the login form expect it). */
  quietUnauthenticated?: boolean
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: z.infer<typeof ProblemBodySchema> = {}
  let raw: unknown = null
  try {
    raw = await response.json()
    const parsed = ProblemBodySchema.safeParse(raw)
    if (parsed.success) body = parsed.data
  } catch {
    // Not JSON (e.g. a gateway error page): the status alone has to do.
  }
  const retryAfter = Number(response.headers.get('retry-after'))
  return new ApiError({
    status: response.status,
    title: body.title ?? response.statusText ?? 'Error',
    detail: body.detail,
    errors: body.errors,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    requestId: body.requestId ?? null,
    body: raw,
  })
}

async function send(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const url = new URL(base + path, window.location.origin)
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value))
  }
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined && !options.form) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    })
  } catch (error) {
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: error instanceof Error ? error.message : '',
    })
  }
  if (!response.ok) {
    const error = await toApiError(response)
    if (error.status === 401 && !options.quietUnauthenticated) onUnauthenticated?.()
    throw error
  }
  return response
}

/** Calls the API and validates the JSON answer against the schema the server documents. */
export async function request<S extends z.ZodType>(
  schema: S,
  method: Method,
  path: string,
  options?: RequestOptions,
): Promise<z.infer<S>> {
  const response = await send(method, path, options)
  return schema.parse(await response.json())
}

/** Calls the API for an answer without a body (204). */
export async function requestEmpty(method: Method, path: string, options?: RequestOptions): Promise<void> {
  await send(method, path, options)
}

const id = (value: string) => encodeURIComponent(value)

/** The address of a file the browser downloads itself (an attachment, the import template). */
export function downloadUrl(path: string): string {
  return base + path
}

function fileForm(file: File, fields: Record<string, string> = {}): FormData {
  const form = new FormData()
  form.append('file', file)
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value)
  return form
}

/** The Liaison API, one typed function per endpoint. */
export const api = {
  auth: {
    providers: () => request(AuthProvidersSchema, 'GET', '/auth/providers'),
    session: () => request(SessionInfoSchema, 'GET', '/auth/session', { quietUnauthenticated: true }),
    login: (body: Login) =>
      request(SessionInfoSchema, 'POST', '/auth/login', { body, quietUnauthenticated: true }),
    logout: () => requestEmpty('POST', '/auth/logout', { quietUnauthenticated: true }),
  },
  me: {
    update: (body: UpdateProfile) => request(UserSchema, 'PATCH', '/me', { body }),
    tokens: () => request(z.array(ApiTokenSchema), 'GET', '/me/tokens'),
    createToken: (body: CreateApiToken) => request(CreatedApiTokenSchema, 'POST', '/me/tokens', { body }),
    revokeToken: (tokenId: string) => requestEmpty('DELETE', `/me/tokens/${id(tokenId)}`),
  },
  units: {
    list: () => request(z.array(UnitSchema), 'GET', '/units'),
    create: (body: CreateUnit) => request(UnitSchema, 'POST', '/units', { body }),
    update: (unitId: string, body: UpdateUnit) =>
      request(UnitSchema, 'PATCH', `/units/${id(unitId)}`, { body }),
  },
  offices: {
    list: () => request(z.array(OfficeSchema), 'GET', '/offices'),
    update: (officeId: string, body: UpdateOffice) =>
      request(OfficeSchema, 'PATCH', `/offices/${id(officeId)}`, { body }),
  },
  contacts: {
    list: () => request(z.array(ContactPersonSchema), 'GET', '/contacts'),
    create: (body: CreateContactPerson) => request(ContactPersonSchema, 'POST', '/contacts', { body }),
    update: (contactId: string, body: UpdateContactPerson) =>
      request(ContactPersonSchema, 'PATCH', `/contacts/${id(contactId)}`, { body }),
    remove: (contactId: string) => requestEmpty('DELETE', `/contacts/${id(contactId)}`),
  },
  users: {
    list: (q?: string) => request(z.array(UserSchema), 'GET', '/users', { query: { q } }),
    create: (body: CreateUser) => request(UserSchema, 'POST', '/users', { body }),
    update: (userId: string, body: UpdateUser) =>
      request(UserSchema, 'PATCH', `/users/${id(userId)}`, { body }),
  },
  collaborations: {
    list: (query: Partial<CollaborationQuery> = {}) =>
      request(z.array(CollaborationSummarySchema), 'GET', '/collaborations', {
        query: { scope: query.scope, status: query.status, q: query.q, limit: query.limit },
      }),
    create: (body: CreateCollaboration) => request(CollaborationSchema, 'POST', '/collaborations', { body }),
    get: (caseId: string) => request(CollaborationSchema, 'GET', `/collaborations/${id(caseId)}`),
    saveSheet: (caseId: string, body: SaveDraft) =>
      request(CollaborationSchema, 'PUT', `/collaborations/${id(caseId)}/sheet`, { body }),
    submit: (caseId: string) => request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/submit`),
    amend: (caseId: string) => request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/amend`),
    withdrawAmendment: (caseId: string) =>
      request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/withdraw-amendment`),
    activate: (caseId: string) =>
      request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/activate`),
    startReview: (caseId: string) =>
      request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/start-review`),
    withdraw: (caseId: string, reason: string) =>
      request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/withdraw`, { body: { reason } }),
    end: (caseId: string, reason: string) =>
      request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/end`, { body: { reason } }),
    followUp: (caseId: string) =>
      request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/follow-up`),
    decide: (caseId: string, body: Decide) =>
      request(CollaborationSchema, 'POST', `/collaborations/${id(caseId)}/decision`, { body }),
    history: (caseId: string) =>
      request(z.array(HistoryEntrySchema), 'GET', `/collaborations/${id(caseId)}/history`),
    versions: (caseId: string) =>
      request(z.array(CollaborationVersionSchema), 'GET', `/collaborations/${id(caseId)}/versions`),
    diff: (caseId: string, query: { from?: number; to?: number } = {}) =>
      request(z.array(FieldChangeSchema), 'GET', `/collaborations/${id(caseId)}/diff`, { query }),
    attachments: (caseId: string) =>
      request(z.array(AttachmentSchema), 'GET', `/collaborations/${id(caseId)}/attachments`),
    addAttachment: (caseId: string, file: File, description = '') =>
      request(AttachmentSchema, 'POST', `/collaborations/${id(caseId)}/attachments`, {
        form: fileForm(file, { description }),
      }),
    removeAttachment: (caseId: string, attachmentId: string) =>
      requestEmpty('DELETE', `/collaborations/${id(caseId)}/attachments/${id(attachmentId)}`),
    attachmentUrl: (caseId: string, attachmentId: string) =>
      downloadUrl(`/collaborations/${id(caseId)}/attachments/${id(attachmentId)}`),
    importTemplateUrl: () => downloadUrl('/collaborations/import/template'),
    import: (file: File, dryRun: boolean) =>
      request(ImportReportSchema, 'POST', '/collaborations/import', {
        query: { dryRun: String(dryRun) },
        form: fileForm(file),
      }),
  },
  questionnaire: {
    current: () => request(QuestionnaireSchema, 'GET', '/questionnaire'),
  },
  reference: {
    researchAreas: () => request(z.array(ResearchAreaSchema), 'GET', '/reference/research-areas'),
  },
  audit: {
    list: (query: Partial<AuditQuery> = {}) =>
      request(z.array(AuditEventSchema), 'GET', '/audit', {
        query: {
          entityType: query.entityType,
          entityId: query.entityId,
          actorId: query.actorId,
          beforeSeq: query.beforeSeq,
          limit: query.limit,
        },
      }),
    verify: () => request(AuditVerificationSchema, 'GET', '/audit/verify'),
  },
}
