import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrustProxy } from '../src/platform/config.js'
import { resolveOrigin } from '../src/server/client.js'
import { createDemoDatabase, createTestApp, type TestDatabase } from './test-app.js'

/** `<script>` elements with content (inline code) in an HTML page. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((match) => !/\bsrc\s*=/.test(match[1] ?? '') || (match[2] ?? '').trim() !== '')
    .map((match) => match[0])
}

describe('production mode over HTTP', () => {
  let test: TestDatabase
  let harness: ReturnType<typeof createTestApp>

  beforeAll(async () => {
    test = await createDemoDatabase({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://liaison.example.org',
      ALLOW_SQLITE_IN_PRODUCTION: 'true',
      LOG_LEVEL: 'fatal',
    })
    harness = createTestApp(test)
  })
  afterAll(async () => test.cleanup())

  it('sets the session cookie Secure, HttpOnly and SameSite', async () => {
    const response = await harness.request('/api/v1/auth/login', {
      method: 'POST',
      json: { username: 'legal', password: 'demo' },
    })
    expect(response.status).toBe(200)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
  })

  it('sends strict security headers on API responses, errors and the web client', async () => {
    for (const path of ['/api/v1/health', '/api/v1/no-such-thing', '/', '/collaborations/x', '/api/docs']) {
      const response = await harness.request(path)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/)
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).toContain("object-src 'none'")
      expect(response.headers.get('strict-transport-security'), path).toMatch(
        /max-age=\d{8,}; includeSubDomains/,
      )
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin')
      expect(response.headers.get('x-frame-options'), path).toBe('DENY')
    }
  })

  it('serves pages without inline scripts, so the CSP needs no exception', async () => {
    expect(inlineScripts('<script>alert(1)</script><script src="/a.js"></script>')).toHaveLength(1)
    const docs = await harness.request('/api/docs')
    expect(inlineScripts(await docs.text())).toEqual([])
    expect(inlineScripts(readFileSync('src/web/index.html', 'utf8'))).toEqual([])
    // The built client, where it has been built (npm run build; the e2e run does it).
    if (existsSync('dist/web/index.html'))
      expect(inlineScripts(readFileSync('dist/web/index.html', 'utf8'))).toEqual([])
  })
})

describe('HSTS outside production', () => {
  it('is not sent for a plain-http development server', async () => {
    const test = await createDemoDatabase()
    try {
      const response = await createTestApp(test).request('/api/v1/health')
      expect(response.headers.get('strict-transport-security')).toBeNull()
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    } finally {
      await test.cleanup()
    }
  })
})

describe('client address and protocol behind proxies (TRUST_PROXY)', () => {
  const none = { kind: 'none' } as const
  const oneHop = { kind: 'hops', hops: 1 } as const
  const twoHops = { kind: 'hops', hops: 2 } as const
  const list: TrustProxy = { kind: 'addresses', addresses: ['10.0.0.0/8', '::1'] }

  it('believes nothing forwarded when unset: a client cannot choose its address', () => {
    expect(resolveOrigin(none, '203.0.113.9', '1.2.3.4', 'https')).toEqual({
      ip: '203.0.113.9',
      protocol: 'http',
    })
  })

  it('with a hop count, takes the address that many proxies before Liaison, not a forged left-most one', () => {
    // The client sent a forged X-Forwarded-For; the proxy appended the real peer.
    expect(resolveOrigin(oneHop, '10.0.0.2', '6.6.6.6, 198.51.100.7', 'https')).toEqual({
      ip: '198.51.100.7',
      protocol: 'https',
    })
    expect(resolveOrigin(twoHops, '10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1', 'http')).toEqual({
      ip: '198.51.100.7',
      protocol: 'http',
    })
    // Fewer entries than hops: the left-most there is.
    expect(resolveOrigin(twoHops, '10.0.0.2', undefined, undefined).ip).toBe('10.0.0.2')
  })

  it('with a list, skips trusted proxies from the right and believes the protocol only from a trusted peer', () => {
    expect(resolveOrigin(list, '::1', '198.51.100.7, 10.1.2.3', 'https')).toEqual({
      ip: '198.51.100.7',
      protocol: 'https',
    })
    expect(resolveOrigin(list, '::ffff:10.0.0.5', '198.51.100.7', 'https').ip).toBe('198.51.100.7')
    // A direct client outside the list: its headers are ignored.
    expect(resolveOrigin(list, '203.0.113.9', '1.2.3.4', 'https')).toEqual({
      ip: '203.0.113.9',
      protocol: 'http',
    })
  })

  it('uses the trusted client address for the login rate limit', async () => {
    const test = await createDemoDatabase({ TRUST_PROXY: '1', LOGIN_MAX_ATTEMPTS: '100' })
    try {
      const harness = createTestApp(test)
      const login = (forwardedFor: string) =>
        harness.request('/api/v1/auth/login', {
          method: 'POST',
          headers: { 'x-forwarded-for': forwardedFor },
          json: { username: 'legal', password: 'demo' },
        })
      expect((await login('198.51.100.7')).status).toBe(200)
      const sessions = await test.database.db.selectFrom('sessions').select('ip').execute()
      expect(sessions.map((session) => session.ip)).toContain('198.51.100.7')
    } finally {
      await test.cleanup()
    }
  })
})
