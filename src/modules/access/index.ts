export { type Action, actions, authorize, can, hasRole, type PolicyResource } from './access.policy.js'
export {
  type Actor,
  ActorSchema,
  type Role,
  type RoleGrant,
  RoleGrantSchema,
  RoleSchema,
  roles,
} from './access.schema.js'
