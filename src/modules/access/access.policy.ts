import { AppError } from '../../platform/errors.js'
import type { Actor, Role } from './access.schema.js'

/**
 * A record an action is performed on, as far as the policy needs to know it. Without a
 * resource, `can` answers whether the actor may perform the action on some record at all
 * (that is what the route gate checks before the input is even read).
 */
export type PolicyResource =
  | { kind: 'user'; id: string }
  | { kind: 'token'; userId: string }
  | { kind: 'office'; id: string }
  | {
      kind: 'collaboration'
      status: string
      memberIds: readonly string[]
      /** Offices that may read the case: research security (intake) and every office routed to it. */
      readerOfficeIds?: readonly string[]
      /** Whether the expert team was consulted on the case. */
      expertTeam?: boolean
    }
  | { kind: 'office_review'; participant: string; officeId: string | null }
  | {
      kind: 'knowledge'
      /** The id of the office that owns the document (none for bundles and person-owned documents). */
      ownerOfficeId: string | null
      ownerUserId: string | null
      /** The research-security office, whose reviewers look after all knowledge and bundles. */
      researchSecurityOfficeId: string | null
    }

type Rule = (actor: Actor, resource?: PolicyResource) => boolean

/** Whether the actor holds the role (for any office, when the role is office-bound). */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.some((grant) => grant.role === role)
}

const anyone: Rule = () => true
const admin: Rule = (actor) => hasRole(actor, 'admin')
const adminOrAuditor: Rule = (actor) => hasRole(actor, 'admin') || hasRole(actor, 'auditor')
const self: Rule = (actor, resource) =>
  resource === undefined ||
  (resource.kind === 'user' && resource.id === actor.id) ||
  (resource.kind === 'token' && resource.userId === actor.id)

/** The roles that take part in reviewing cases (and so may see internal notes). */
export const reviewingRoles: readonly Role[] = [
  'admin',
  'decision_maker',
  'auditor',
  'office_reviewer',
  'expert',
]

/** Whether the actor holds any reviewing role. */
export function isReviewer(actor: Actor): boolean {
  return reviewingRoles.some((role) => hasRole(actor, role))
}
const isMember = (actor: Actor, resource?: PolicyResource) =>
  resource?.kind === 'collaboration' && resource.memberIds.includes(actor.id)
/** Members always; the reviewing roles once the case has left the draft stage ("only its authors see a draft"). */
const readCollaboration: Rule = (actor, resource) => {
  if (resource === undefined) return true
  if (isMember(actor, resource)) return true
  if (resource.kind !== 'collaboration' || resource.status === 'draft') return false
  if (hasRole(actor, 'admin') || hasRole(actor, 'decision_maker') || hasRole(actor, 'auditor')) return true
  if (hasRole(actor, 'expert') && resource.expertTeam) return true
  // Office reviewers see the cases routed to their office (research security sees every case, for intake).
  const readers = resource.readerOfficeIds
  return actor.roles.some(
    (grant) =>
      grant.role === 'office_reviewer' && (readers === undefined || readers.includes(grant.officeId ?? '')),
  )
}
/** Any user holding at least one role (a user without roles sees nothing of screening). */
const anyRole: Rule = (actor) => actor.roles.length > 0
/** Office reviewers and admins screen names and disposition hits. */
const screeningReviewer: Rule = (actor) => hasRole(actor, 'admin') || hasRole(actor, 'office_reviewer')
/** Only members change a case: the researcher's side of the process. */
const editCollaboration: Rule = (actor, resource) => resource === undefined || isMember(actor, resource)

/** An office's review is done by that office's reviewers; the expert team's by experts. */
const reviewsForParticipant: Rule = (actor, resource) => {
  if (resource === undefined) return hasRole(actor, 'office_reviewer') || hasRole(actor, 'expert')
  if (resource.kind !== 'office_review') return false
  if (resource.participant === 'expert_team') return hasRole(actor, 'expert')
  return actor.roles.some((grant) => grant.role === 'office_reviewer' && grant.officeId === resource.officeId)
}

const reviewerOf = (actor: Actor, officeId: string | null) =>
  officeId !== null &&
  actor.roles.some((grant) => grant.role === 'office_reviewer' && grant.officeId === officeId)
/** Admins, research security, the owner office's members and the owning person edit a document. */
const editKnowledge: Rule = (actor, resource) => {
  if (resource === undefined) return actor.roles.length > 0
  if (resource.kind !== 'knowledge') return false
  return (
    hasRole(actor, 'admin') ||
    reviewerOf(actor, resource.researchSecurityOfficeId) ||
    reviewerOf(actor, resource.ownerOfficeId) ||
    (resource.ownerUserId !== null && resource.ownerUserId === actor.id)
  )
}
/** Bundles leave or enter the institution through admins and research security only. */
const manageBundles: Rule = (actor, resource) =>
  hasRole(actor, 'admin') ||
  (resource === undefined
    ? hasRole(actor, 'office_reviewer')
    : resource.kind === 'knowledge' && reviewerOf(actor, resource.researchSecurityOfficeId))

/**
 * Every action of the platform and who may perform it. Anything not listed is denied.
 * "anyone" means any signed-in user: anonymous requests never reach the policy.
 */
const rules = {
  'session.read': anyone,
  'session.end': anyone,
  'profile.update': self,
  'token.list': self,
  'token.create': self,
  'token.revoke': self,
  'unit.list': anyone,
  'unit.create': admin,
  'unit.update': admin,
  'office.list': anyone,
  'office.update': admin,
  'contact.list': anyone,
  'contact.create': admin,
  'contact.update': admin,
  'contact.delete': admin,
  'user.list': adminOrAuditor,
  'user.read': (actor, resource) =>
    adminOrAuditor(actor) || (resource !== undefined && self(actor, resource)),
  'user.create': admin,
  'user.update': admin,
  'audit.list': adminOrAuditor,
  'audit.verify': adminOrAuditor,
  'collaboration.create': (actor) => hasRole(actor, 'researcher'),
  'collaboration.list': anyone,
  'collaboration.list_all': isReviewer,
  'collaboration.read': readCollaboration,
  'collaboration.edit': editCollaboration,
  'collaboration.start_review': (actor) => hasRole(actor, 'admin') || hasRole(actor, 'office_reviewer'),
  'collaboration.decide': (actor) => hasRole(actor, 'decision_maker'),
  'collaboration.import': admin,
  'collaboration.access_log': adminOrAuditor,
  'questionnaire.read': anyone,
  'questionnaire.publish': admin,
  'reference.read': anyone,
  'reference.edit': admin,
  // Pre-assessment: the case's own members, reviewing roles once it is submitted; a user without roles never.
  'assessment.run': (actor, resource) => actor.roles.length > 0 && readCollaboration(actor, resource),
  'assessment.read': (actor, resource) => actor.roles.length > 0 && readCollaboration(actor, resource),
  'assessment.ad_hoc': (actor) => actor.roles.length > 0,
  'screening.lists_read': anyRole,
  'screening.lists_manage': admin,
  'screening.screen': screeningReviewer,
  'screening.dispose': screeningReviewer,
  // Record level: the service reads the case first, so researchers see the results of their own cases only.
  'screening.results_read': anyRole,
  'partner.read': isReviewer,
  'partner.suggest': anyRole,
  'partner.edit': screeningReviewer,
  'process.read': anyone,
  'process.publish': admin,
  'review.queue': (actor) =>
    hasRole(actor, 'office_reviewer') || hasRole(actor, 'expert') || hasRole(actor, 'admin'),
  'review.complete': reviewsForParticipant,
  'review.ask': reviewsForParticipant,
  'review.refer_expert': (actor) =>
    hasRole(actor, 'admin') || hasRole(actor, 'decision_maker') || hasRole(actor, 'office_reviewer'),
  'obligation.fulfil': (actor) => hasRole(actor, 'admin') || hasRole(actor, 'office_reviewer'),
  'funder_notice.record': (actor) => hasRole(actor, 'admin') || hasRole(actor, 'office_reviewer'),
  // Report documents: a case's assessment report for whoever may see the case and its reviews.
  'report.case': (actor, resource) => actor.roles.length > 0 && readCollaboration(actor, resource),
  // The register export: the whole register for admins, decision-makers, auditors and research
  // security; other office reviewers get the cases routed to their office (what their list shows).
  'register.export': (actor) =>
    hasRole(actor, 'admin') ||
    hasRole(actor, 'decision_maker') ||
    hasRole(actor, 'auditor') ||
    hasRole(actor, 'office_reviewer'),
  'notification.list': anyone,
  // Living knowledge: every signed-in user reads (the service filters by audience) and comments.
  'knowledge.read': anyone,
  'knowledge.comment': anyone,
  'knowledge.create': (actor) => hasRole(actor, 'admin') || hasRole(actor, 'office_reviewer'),
  'knowledge.edit': editKnowledge,
  'knowledge.bundle': manageBundles,
  'notification.update': anyone,
  // Trainings: everyone reads and takes them and sees their own status; admins configure them.
  'training.read': anyone,
  'training.take': anyone,
  'training.manage': admin,
  'training.report': adminOrAuditor,
} satisfies Record<string, Rule>

/** An action named in the policy table. */
export type Action = keyof typeof rules

/** Every action the policy knows, for tests that walk them. */
export const actions = Object.keys(rules) as Action[]

/** Whether the actor may perform the action (on the resource, when one is given). Deny by default. */
export function can(actor: Actor | null, action: Action, resource?: PolicyResource): boolean {
  if (actor === null) return false
  const rule: Rule | undefined = rules[action]
  return rule?.(actor, resource) === true
}

/**
 * Throws unless the actor may perform the action.
 * @throws AppError('unauthenticated') without an actor, AppError('forbidden') when denied
 */
export function authorize(
  actor: Actor | null,
  action: Action,
  resource?: PolicyResource,
): asserts actor is Actor {
  if (actor === null) throw new AppError('unauthenticated', 'Please sign in.')
  if (!can(actor, action, resource)) throw new AppError('forbidden', `You may not perform "${action}".`)
}
