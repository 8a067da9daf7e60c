import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { resolveSession, resolveToken, sessionCookieName } from '../../modules/auth/index.js'
import { safeEqual } from '../../platform/crypto.js'
import { AppError } from '../../platform/errors.js'
import type { AppEnv } from '../env.js'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Resolves who is calling: a bearer token (scripts) or the session cookie (browser). Cookie
 * sessions must send the session's CSRF token with every state-changing request, and requests
 * from another origin are refused outright.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ctx = c.var.ctx
    const authorization = c.req.header('authorization')
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization)
      const resolved = match?.[1] ? await resolveToken(ctx, match[1]) : null
      // A presented but invalid token is an error, not an anonymous request.
      if (!resolved) throw new AppError('unauthenticated', 'The API token is invalid, expired or revoked.')
      ctx.actor = resolved.actor
      c.set('session', { user: resolved.user, via: 'token', csrfToken: null, expiresAt: null })
      c.set('sessionIdHash', null)
      return next()
    }

    if (unsafeMethods.has(c.req.method))
      refuseForeignOrigin(c.req.header('origin'), c.req.url, ctx.config.publicUrl)

    const secret = getCookie(c, sessionCookieName)
    const session = secret ? await resolveSession(ctx, secret) : null
    if (session) {
      if (unsafeMethods.has(c.req.method)) {
        const sent = c.req.header('x-csrf-token') ?? ''
        if (!safeEqual(sent, session.csrfToken)) {
          throw new AppError('forbidden', 'Missing or wrong CSRF token (send the X-CSRF-Token header).')
        }
      }
      ctx.actor = session.actor
      c.set('session', {
        user: session.user,
        via: 'session',
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      })
      c.set('sessionIdHash', session.idHash)
    } else {
      c.set('session', null)
      c.set('sessionIdHash', null)
    }
    return next()
  }
}

function refuseForeignOrigin(origin: string | undefined, requestUrl: string, publicUrl: string): void {
  if (origin === undefined) return
  const allowed = new Set([new URL(requestUrl).origin, new URL(publicUrl).origin])
  if (!allowed.has(origin)) throw new AppError('forbidden', 'Cross-origin requests are not accepted.')
}
