import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { ClientInfo } from '../modules/auth/index.js'
import type { AppEnv } from './env.js'

/**
 * The client's address and agent. Behind a TLS-terminating proxy (TRUST_PROXY=true) the
 * left-most X-Forwarded-For address is the client; otherwise the socket's peer is.
 */
export function clientInfo(c: Context<AppEnv>): ClientInfo {
  let ip = ''
  if (c.var.ctx.config.trustProxy) {
    ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? ''
  }
  if (!ip) {
    try {
      ip = getConnInfo(c).remote.address ?? ''
    } catch {
      // app.request() in tests has no socket.
      ip = 'local'
    }
  }
  return { ip, userAgent: c.req.header('user-agent') ?? '' }
}
