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
  auditChainChecks: AuditChainCheckTable
  counters: CounterTable
  questionnaires: QuestionnaireTable
  collaborations: CollaborationTable
  collaborationMembers: CollaborationMemberTable
  collaborationPartners: CollaborationPartnerTable
  collaborationVersions: CollaborationVersionTable
  attachments: AttachmentTable
  referenceVersions: ReferenceVersionTable
  annexEntries: AnnexEntryTable
  assessments: AssessmentTable
  jobs: JobTable
  jobSchedules: JobScheduleTable
  notifications: NotificationTable
  processVersions: ProcessVersionTable
  officeReviews: OfficeReviewTable
  informationRequests: InformationRequestTable
  messages: MessageTable
  obligations: ObligationTable
  funderNotices: FunderNoticeTable
  caseAccessLog: CaseAccessLogTable
  contractDrafts: ContractDraftTable
  reportCaseFacts: ReportCaseFactTable
  screeningLists: ScreeningListTable
  screeningListVersions: ScreeningListVersionTable
  screeningEntries: ScreeningEntryTable
  screeningListChanges: ScreeningListChangeTable
  screeningPartners: ScreeningPartnerTable
  screeningPartnerLinks: ScreeningPartnerLinkTable
  screeningRuns: ScreeningRunTable
  screeningHits: ScreeningHitTable
  screeningDispositions: ScreeningDispositionTable
  screeningPartnerNotes: ScreeningPartnerNoteTable
  screeningSettings: ScreeningSettingsTable
  knowledgeDocuments: KnowledgeDocumentTable
  knowledgeVersions: KnowledgeVersionTable
  knowledgeComments: KnowledgeCommentTable
  knowledgeSigningKeys: KnowledgeSigningKeyTable
  knowledgeTrustedKeys: KnowledgeTrustedKeyTable
  knowledgeBundleImports: KnowledgeBundleImportTable
  knowledgeFts: KnowledgeFtsTable
  trainingModuleVersions: TrainingModuleVersionTable
  trainingAttempts: TrainingAttemptTable
  trainingObligations: TrainingObligationTable
  trainingReminders: TrainingReminderTable
  trainingSettings: TrainingSettingsTable
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
  /** Set after repeated failed sign-ins: no sign-in until then (or until an admin unlocks). */
  lockedUntil: string | null
  /** Failed sign-ins since the last successful one. */
  failedLogins: Generated<number>
  /** When the person's identifying data were erased (pseudonymised). */
  erasedAt: string | null
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

/** One full verification of the audit chain and its result. */
export interface AuditChainCheckTable {
  id: string
  checkedAt: string
  /** 1 when the whole chain verified, 0 when it did not. */
  ok: number
  checked: number
  firstBrokenSeq: number | null
  reason: string | null
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
  /** Random salt of the content digest; deleted when the entry's personal content is pseudonymised. */
  contentSalt: string | null
  /** Salted SHA-256 of actor name, before and after: what the chain hash covers (ADR 0007). */
  contentDigest: string
  /** The id of the erasure entry that pseudonymised this entry's content, or null. */
  redactedBy: string | null
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
  /** When retention archived the case (attachments and personal data dropped as configured). */
  archivedAt?: string | null
  /** JSON of what the archiving dropped. */
  archiveNote?: string | null
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

export interface ScreeningListTable {
  id: string
  key: string
  name: string
  kind: string
  format: string
  expectedUpdateDays: number
  createdAt: string
}

export interface ScreeningListVersionTable {
  id: string
  listId: string
  version: number
  importedAt: string
  importedBy: string
  fileName: string
  sha256: string
  entryCount: number
  added: number
  removed: number
  changed: number
  /** JSON array of the importer's warnings. */
  warnings: string
}

export interface ScreeningEntryTable {
  id: string
  versionId: string
  entityKey: string
  /** Hash of the entry's content: a disposition holds for this hash only. */
  entryHash: string
  entityType: string
  name: string
  /** JSON arrays and object. */
  aliases: string
  formerNames: string
  countries: string
  details: string
}

export interface ScreeningListChangeTable {
  versionId: string
  entityKey: string
  /** added | removed | changed */
  change: string
  name: string
}

export interface ScreeningPartnerTable {
  id: string
  name: string
  nameOriginal: string
  country: string | null
  /** JSON array of the other names the partner was entered as. */
  aliases: string
  mergedInto: string | null
  createdAt: string
  updatedAt: string
}

export interface ScreeningPartnerLinkTable {
  collaborationId: string
  partnerRef: string
  partnerId: string
}

export interface ScreeningRunTable {
  id: string
  partnerId: string | null
  collaborationId: string | null
  partnerRef: string | null
  query: string
  country: string | null
  isPerson: number
  /** draft_saved | submitted | on_demand | list_update | ad_hoc */
  trigger: string
  actorName: string
  at: string
  hitCount: number
  /** JSON object list key -> version screened against. */
  listVersions: string
}

export interface ScreeningHitTable {
  id: string
  runId: string
  listKey: string
  listName: string
  listKind: string
  listVersion: number
  entityKey: string
  entryHash: string
  name: string
  matchedName: string
  score: number
  verdict: string
  explanation: string
}

export interface ScreeningDispositionTable {
  id: string
  partnerId: string
  listKey: string
  entityKey: string
  entryHash: string
  /** confirmed | false_positive */
  decision: string
  reason: string
  decidedBy: string
  decidedAt: string
}

export interface ScreeningPartnerNoteTable {
  id: string
  partnerId: string
  body: string
  author: string
  createdAt: string
}

export interface ScreeningSettingsTable {
  id: string
  matchThreshold: number
  reviewThreshold: number
  updatedAt: string
  updatedBy: string
}

export interface ReferenceVersionTable {
  id: string
  /** annex, vocabulary, sensitive_areas, no_go_rules, weights or checklist. */
  kind: string
  /** Empty for kinds with one document; the checklist key for checklists. */
  key: string
  version: number
  label: string
  /** SHA-256 of the canonical content: the same content is never stored twice in a row. */
  contentHash: string
  /** JSON of the content (for the Annex: its label and general documents; entries are rows). */
  content: string
  createdAt: string
  createdBy: string
}

export interface AnnexEntryTable {
  versionId: string
  code: string
  category: string
  heading: string
  text: string
  /** JSON array of the entry's notes. */
  notes: string
}

export interface AssessmentTable {
  id: string
  collaborationId: string
  collaborationVersion: number
  /** The sheet state (collaboration updatedAt) the assessment was made on. */
  sheetUpdatedAt: string
  riskLevel: string
  /** JSON of the full result, including the reference versions it used. */
  result: string
  createdAt: string
  createdBy: string
}

export interface ProcessVersionTable {
  id: string
  version: number
  /** JSON of the process configuration. */
  config: string
  createdAt: string
  createdBy: string
}

export interface OfficeReviewTable {
  id: string
  collaborationId: string
  /** 1 for the first review; each amendment or re-review opens a new round. */
  round: number
  processVersion: number
  /** An office key, or "expert_team". */
  participant: string
  does: string
  /** JSON array of the routing reasons. */
  reasons: string
  status: string
  dueAt: string
  /** Set while a request for information is open: the clock stands still. */
  pausedSince: string | null
  remainingWorkingDays: number | null
  findings: string
  recommendation: string | null
  /** JSON array of condition texts. */
  conditions: string
  completedAt: string | null
  completedBy: string | null
  remindedAt: string | null
  escalatedAt: string | null
  createdAt: string
}

export interface InformationRequestTable {
  id: string
  reviewId: string
  collaborationId: string
  question: string
  askedBy: string
  askedAt: string
  answer: string | null
  answeredBy: string | null
  answeredAt: string | null
}

export interface MessageTable {
  id: string
  collaborationId: string
  authorId: string
  authorName: string
  body: string
  /** 1 for internal notes that only reviewers see. */
  isInternal: number
  /** JSON array of mentioned usernames. */
  mentions: string
  createdAt: string
}

export interface ObligationTable {
  id: string
  collaborationId: string
  text: string
  dueAt: string | null
  confirmerOffice: string | null
  status: string
  fulfilledAt: string | null
  fulfilledBy: string | null
  note: string
  createdAt: string
}

export interface FunderNoticeTable {
  id: string
  collaborationId: string
  recipients: string
  text: string
  sentAt: string
  recordedBy: string
  createdAt: string
}

export interface CaseAccessLogTable {
  id: string
  collaborationId: string
  userId: string
  /** The username at the time of access. */
  userName: string
  /** session | token */
  via: string
  at: string
}

export interface KnowledgeDocumentTable {
  id: string
  slug: string
  language: string
  kind: string
  title: string
  summary: string
  body: string
  ownerOffice: string | null
  ownerUserId: string | null
  audience: string
  /** JSON array of strings. */
  tags: string
  /** JSON array of DFG subject area codes. */
  researchAreas: string
  reviewIntervalMonths: number
  /** YYYY-MM-DD. */
  nextReviewOn: string
  lastReviewedAt: string | null
  lastReviewedBy: string | null
  jurisdiction: string | null
  effectiveDate: string | null
  /** JSON array of regulation topics. */
  topics: string
  currentVersion: number
  currentVersionId: string
  reviewRemindedFor: string | null
  createdAt: string
  updatedAt: string
}

export interface KnowledgeVersionTable {
  id: string
  documentId: string
  version: number
  title: string
  summary: string
  body: string
  /** JSON: kind, owner, audience, tags, research areas, review interval, regulation fields. */
  metadata: string
  changeNote: string
  restoredFrom: number | null
  createdAt: string
  createdBy: string
  createdByName: string
}

export interface KnowledgeCommentTable {
  id: string
  documentId: string
  parentId: string | null
  authorId: string
  authorName: string
  body: string
  answeredAt: string | null
  answeredBy: string | null
  createdAt: string
}

export interface KnowledgeSigningKeyTable {
  id: string
  publicKey: string
  privateKey: string
  fingerprint: string
  createdAt: string
}

export interface KnowledgeTrustedKeyTable {
  fingerprint: string
  publicKey: string
  institution: string
  confirmedBy: string
  confirmedAt: string
}

export interface KnowledgeBundleImportTable {
  id: string
  /** The bundle file as received (JSON). */
  bundle: string
  fingerprint: string
  institution: string
  /** staged | applied | discarded */
  status: string
  createdBy: string
  createdAt: string
  appliedAt: string | null
}

/** SQLite only: the FTS5 index of documents (PostgreSQL keeps a tsvector column instead). */
export interface KnowledgeFtsTable {
  documentId: string
  title: string
  summary: string
  tags: string
  body: string
}

export interface TrainingModuleVersionTable {
  id: string
  key: string
  /** Numbered per key from 1; a new content version (or an admin's edit) is a new module version. */
  version: number
  /** The `version` field of the content file it came from. */
  contentVersion: number
  /** JSON of the module (lessons, quiz with correct answers). */
  content: string
  /** SHA-256 of the canonical content: importing the same content twice adds no version. */
  contentHash: string
  createdAt: string
  createdBy: string
}

export interface TrainingAttemptTable {
  id: string
  userId: string
  moduleKey: string
  /** The module version taken. */
  moduleVersion: number
  correctCount: number
  questionCount: number
  /** 1 when the pass mark was reached: the attempt is then a completion. */
  passed: number
  /** JSON: question id → chosen option indexes. */
  answers: string
  takenAt: string
  /** End of validity of a passed attempt; null for a failed one. */
  validUntil: string | null
}

export interface TrainingObligationTable {
  id: string
  moduleKey: string
  /** JSON of who must take it: a role (optionally of an office) or a situation. */
  audience: string
  position: number
  createdAt: string
  createdBy: string
}

export interface TrainingReminderTable {
  userId: string
  moduleKey: string
  /** The valid-until date of the completion the reminder is about: one period. */
  period: string
  /** soon (30 days before) | expired */
  stage: string
  sentAt: string
}

export interface TrainingSettingsTable {
  id: string
  /** warn | block: what a missing training does at submission. */
  enforcement: string
  updatedAt: string
  updatedBy: string
}
/** A contract draft generated from a case, stored as a file. */
export interface ContractDraftTable {
  id: string
  collaborationId: string
  templateKey: string
  templateTitle: string
  /** The id of the knowledge-document version the draft was filled from. */
  templateVersionId: string
  templateVersion: number
  language: string
  /** docx | pdf */
  format: string
  fileName: string
  contentType: string
  size: number
  sha256: string
  storageKey: string
  /** The version of the case's sheet the draft was filled from. */
  caseVersion: number
  /** How many values were left "to be completed". */
  missingValues: number
  createdBy: string
  createdByName: string
  createdAt: string
}

/** Derived figures of a case for the dashboard (refreshed from the sheet and the newest assessment). */
export interface ReportCaseFactTable {
  collaborationId: string
  /** The collaboration's updatedAt the facts were taken from. */
  sourceUpdatedAt: string
  assessmentId: string | null
  assessmentCreatedAt: string | null
  riskLevel: string | null
  /** Space-separated DFG subject area codes. */
  researchAreas: string
  /** JSON array of funder names. */
  funders: string
  startDate: string | null
  endDate: string | null
  outcome: string | null
  /** JSON array of [country code or null, name] pairs of the partners, in the sheet's order. */
  partners: string
}
