import type { SessionInfo } from '../modules/auth/auth.schema.js'
import type { Ctx } from '../platform/context.js'

/** Hono's per-request variables for this app. */
export interface AppEnv {
  Variables: {
    ctx: Ctx
    requestId: string
    /** Key of the session row when signed in by cookie (needed to end it). */
    sessionIdHash: string | null
    /** The signed-in user, by cookie or token; null when anonymous. */
    session: SessionInfo | null
  }
}
