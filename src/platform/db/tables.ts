import type { Generated } from 'kysely'

/**
 * The database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case columns).
 * Timestamps are ISO-8601 UTC strings, flags are 0/1 integers and JSON is text on both
 * databases; the repos' mappers turn them into domain values.
 */
export interface Database {
  units: UnitTable
  offices: OfficeTable
  users: UserTable
  userRoles: UserRoleTable
  contactPersons: ContactPersonTable
  sessions: SessionTable
  apiTokens: ApiTokenTable
  rateLimits: RateLimitTable
  oidcLogins: OidcLoginTable
  auditEvents: AuditEventTable
  counters: CounterTable
  questionnaires: QuestionnaireTable
  collaborations: CollaborationTable
  collaborationMembers: CollaborationMemberTable
  collaborationPartners: CollaborationPartnerTable
  collaborationVersions: CollaborationVersionTable
  attachments: AttachmentTable
  jobs: JobTable
  jobSchedules: JobScheduleTable
  notifications: NotificationTable
}

export interface UnitTable {
  id: string
  code: string
  nameDe: string
  nameEn: string
  parentId: string | null
  createdAt: string
  updatedAt: string
}

export interface OfficeTable {
  id: string
  key: string
  nameDe: string
  nameEn: string
  descriptionDe: string
  descriptionEn: string
  email: string
  phone: string
  leadUserId: string | null
  reviewDays: number
  createdAt: string
  updatedAt: string
}

export interface UserTable {
  id: string
  username: string
  displayName: string
  email: string
  unitId: string | null
  passwordHash: string | null
  oidcIssuer: string | null
  oidcSubject: string | null
  isActive: number
  locale: string
  /** immediate | daily: how notifications reach the user by e-mail. */
  notifyMode: Generated<string>
  createdAt: string
  updatedAt: string
}

export interface UserRoleTable {
  userId: string
  role: string
  /** Empty string for roles that are not tied to an office (keeps the unique key portable). */
  officeId: string
  createdAt: string
}

export interface ContactPersonTable {
  id: string
  officeId: string
  userId: string | null
  name: string
  functionDe: string
  functionEn: string
  email: string
  phone: string
  /** JSON array of topic keys. */
  topics: string
  /** JSON array of language codes the person can be addressed in. */
  languages: string
  sortOrder: number
  createdAt: string
  updatedAt: string
}

export interface SessionTable {
  /** SHA-256 of the cookie value; the cookie value itself is never stored. */
  idHash: string
  userId: string
  csrfToken: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  ip: string
  userAgent: string
  via: string
}

export interface ApiTokenTable {
  id: string
  userId: string
  name: string
  tokenHash: string
  prefix: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface RateLimitTable {
  key: string
  windowStart: string
  count: number
}

export interface OidcLoginTable {
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
  createdAt: string
}

export interface AuditEventTable {
  seq: Generated<number>
  id: string
  at: string
  actorId: string | null
  actorName: string
  action: string
  entityType: string
  entityId: string
  /** JSON of the values before the change, or null. */
  before: string | null
  /** JSON of the values after the change, or null. */
  after: string | null
  requestId: string | null
  prevHash: string
  hash: string
}

export interface CounterTable {
  name: string
  value: number
}

export interface QuestionnaireTable {
  id: string
  version: number
  /** JSON array of questions. */
  questions: string
  createdAt: string
  createdBy: string
}

export interface CollaborationTable {
  id: string
  reference: string
  status: string
  /** Copied from the sheet for lists and filters. */
  title: string
  acronym: string
  unitId: string | null
  trl: number | null
  /** JSON of the current data sheet. */
  sheet: string
  questionnaireVersion: number
  /** Number of the newest stored version (0 before the first submission). */
  version: number
  /** The version the last decision was made on. */
  decidedVersion: number | null
  /** The decided status an amendment returns to when it is withdrawn. */
  statusBeforeAmendment: string | null
  followUpOf: string | null
  createdBy: string
  createdAt: string
  updatedAt: string
  submittedAt: string | null
  decidedAt: string | null
  /** JSON of the decision (outcome, reasons, conditions, decidedBy). */
  decision: string | null
}

export interface CollaborationMemberTable {
  collaborationId: string
  userId: string
  /** "author" (created it), "pi" or "member". */
  role: string
}

export interface CollaborationPartnerTable {
  collaborationId: string
  position: number
  /** The partner's id within the sheet. */
  partnerRef: string
  nameOriginal: string
  nameEnglish: string
  country: string | null
  kind: string | null
}

export interface CollaborationVersionTable {
  collaborationId: string
  version: number
  kind: string
  sheet: string
  questionnaireVersion: number
  createdAt: string
  createdBy: string
}

export interface AttachmentTable {
  id: string
  collaborationId: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  storageKey: string
  description: string
  uploadedBy: string
  createdAt: string
  removedAt: string | null
}

export interface JobTable {
  id: string
  name: string
  /** JSON payload (ids, never whole objects). */
  payload: string
  /** pending | running | done | failed */
  status: string
  attempts: number
  maxAttempts: number
  runAt: string
  lockedBy: string | null
  /** The lease: a running job whose lease has passed is handed to another worker. */
  lockedUntil: string | null
  lastError: string | null
  /** Jobs with the same key are enqueued once while the first is not done. */
  dedupeKey: string | null
  createdAt: string
  finishedAt: string | null
}

export interface JobScheduleTable {
  name: string
  nextRunAt: string
  lastRunAt: string | null
  lastRunBy: string | null
}

export interface NotificationTable {
  id: string
  userId: string
  kind: string
  subject: string
  body: string
  link: string
  entityType: string | null
  entityId: string | null
  createdAt: string
  readAt: string | null
  /** pending (immediate mail queued) | digest (waits for the daily digest) | sent | skipped (no mail configured or no address) */
  emailStatus: string
  emailedAt: string | null
}
