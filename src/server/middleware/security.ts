import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'

/**
 * Security headers on every response. The CSP allows no inline script: the SPA and the API
 * reference load only their own files.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    )
    headers.set('x-content-type-options', 'nosniff')
    headers.set('x-frame-options', 'DENY')
    headers.set('referrer-policy', 'same-origin')
    headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()')
    headers.set('cross-origin-opener-policy', 'same-origin')
    if (c.var.ctx?.config.session.secureCookies) {
      headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains')
    }
  }
}
