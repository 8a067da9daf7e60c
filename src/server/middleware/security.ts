import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.js'

/**
 * The Content-Security-Policy of every response. No inline script anywhere: the SPA and the API
 * reference load only their own files (test/production.test.ts checks the built client).
 * Inline styles stay allowed: React and the charts set style attributes.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ')

/**
 * Security headers on every response. HSTS is sent when Liaison is served over HTTPS (always in
 * production, where PUBLIC_URL must be https:).
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const headers = c.res.headers
    headers.set('content-security-policy', contentSecurityPolicy)
    headers.set('x-content-type-options', 'nosniff')
    headers.set('x-frame-options', 'DENY')
    headers.set('referrer-policy', 'same-origin')
    headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
    headers.set('cross-origin-opener-policy', 'same-origin')
    headers.set('cross-origin-resource-policy', 'same-origin')
    if (c.var.ctx?.config.session.secureCookies) {
      headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains')
    }
  }
}
