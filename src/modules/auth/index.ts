export { finishOidcLogin, oidcCallbackPath, safeReturnPath, startOidcLogin } from './auth.oidc.js'
export { deleteSessionsOfUser } from './auth.repo.js'
export * from './auth.schema.js'
export {
  actorOf,
  type ClientInfo,
  createMyToken,
  createTokenUnchecked,
  listMyTokens,
  login,
  logout,
  type ResolvedSession,
  resolveSession,
  resolveToken,
  revokeMyToken,
  sessionCookieName,
} from './auth.service.js'

import './auth.personal-data.js'
