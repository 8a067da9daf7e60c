export {
  type Action,
  actions,
  authorize,
  can,
  hasRole,
  isReviewer,
  type PolicyResource,
  reviewingRoles,
} from './access.policy.js'
export {
  type Actor,
  ActorSchema,
  type Role,
  type RoleGrant,
  RoleGrantSchema,
  RoleSchema,
  roles,
} from './access.schema.js'
