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
