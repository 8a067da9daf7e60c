import { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OidcTestProvider, startOidcProvider } from '../../../test/oidc-provider.js'
import { createTestApp, createTestDatabase, type TestDatabase } from '../../../test/test-app.js'
import { countUsers, createUserUnchecked, updateUserUnchecked } from '../organisation/index.js'
import { type AuthProviders, type SessionInfo, SessionInfoSchema } from './auth.schema.js'
import { oidcCallbackPath } from './index.js'

type FetchHandler = (request: Request) => Response | Promise<Response>

/** An HTTP server on a free port of 127.0.0.1 whose handler is attached once the URL is known. */
interface LateBoundServer {
  url: string
  handle(handler: FetchHandler): void
  close(): Promise<void>
}

/** Listens first, so that the app's public URL (which the provider must redirect to) is known. */
async function listenOnFreePort(): Promise<LateBoundServer> {
  let handler: FetchHandler = () => new Response('Not ready', { status: 503 })
  let reportPort: (port: number) => void = () => {}
  const listening = new Promise<number>((resolve) => {
    reportPort = resolve
  })
  const server = serve({ fetch: (request) => handler(request), port: 0, hostname: '127.0.0.1' }, (info) =>
    reportPort(info.port),
  )
  const port = await listening
  return {
    url: `http://127.0.0.1:${port}`,
    handle: (next) => {
      handler = next
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        if (server instanceof Server) server.closeAllConnections()
      }),
  }
}

/**
 * A minimal browser: follows no redirect by itself and keeps cookies per host name, ignoring the
 * port as real browsers do (Liaison and the provider both live on 127.0.0.1).
 */
function createBrowser() {
  const cookies = new Map<string, string>()

  async function request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator)
      const value = pair.slice(separator + 1)
      const isRemoval = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.split('=')
        if (/^max-age$/i.test(key)) return Number(setting) <= 0
        if (/^expires$/i.test(key)) return Date.parse(setting) <= Date.now()
        return false
      })
      if (isRemoval || value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
    return response
  }

  return { cookies, request }
}

type Browser = ReturnType<typeof createBrowser>

/** What a sign-in went through: where the browser was sent, and the app's answer at the callback. */
interface SignInTrail {
  authorizationUrl: URL
  callbackUrl: URL
  callback: Response
}

const sessionPath = '/api/v1/auth/session'

describe('OpenID Connect sign-in against a real identity provider', () => {
  let appServer: LateBoundServer
  let provider: OidcTestProvider
  let test: TestDatabase

  beforeAll(async () => {
    appServer = await listenOnFreePort()
    provider = await startOidcProvider({
      publicUrl: appServer.url,
      accounts: { 'rosalind.franklin': { email: 'rosalind@localhost', name: '  ' } },
    })
    test = await createTestDatabase({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_ALLOW_INSECURE: 'true',
      OIDC_LABEL: 'University account',
      PUBLIC_URL: appServer.url,
    })
    const { app } = createTestApp(test)
    appServer.handle((request) => app.fetch(request))
  })

  afterAll(async () => {
    await appServer?.close()
    await provider?.close()
    await test?.cleanup()
  })

  /**
   * Signs in as a user would: starts at Liaison, follows the redirects to the provider, fills in
   * its login form and consent screen as they come, and stops at Liaison's answer to the callback.
   */
  async function signIn(browser: Browser, login: string, returnTo = '/start'): Promise<SignInTrail> {
    const start = new URL(`${appServer.url}/api/v1/auth/oidc/login`)
    start.searchParams.set('returnTo', returnTo)
    let response = await browser.request(start)
    expect(response.status).toBe(302)
    const authorizationUrl = new URL(response.headers.get('location') ?? '')
    let url = authorizationUrl
    response = await browser.request(url)
    for (let step = 0; step < 20; step++) {
      if (url.origin === appServer.url && url.pathname === oidcCallbackPath) {
        return { authorizationUrl, callbackUrl: url, callback: response }
      }
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url)
        response = await browser.request(url)
        continue
      }
      const page = await response.text()
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1]
      if (response.status !== 200 || !action || !prompt) {
        throw new Error(`Unexpected answer ${response.status} at ${url.href}: ${page.slice(0, 500)}`)
      }
      url = new URL(action.replaceAll('&amp;', '&'), url)
      // The development login form accepts any password; the login name becomes the account id.
      const fields: Record<string, string> =
        prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt }
      response = await browser.request(url, { method: 'POST', body: new URLSearchParams(fields) })
    }
    throw new Error('The sign-in did not come back to Liaison within 20 steps')
  }

  async function sessionOf(browser: Browser): Promise<SessionInfo> {
    const response = await browser.request(`${appServer.url}${sessionPath}`)
    expect(response.status).toBe(200)
    return SessionInfoSchema.parse(await response.json())
  }

  it('signs a new researcher in through the provider and sends them back where they started', async () => {
    const browser = createBrowser()

    const { authorizationUrl, callback } = await signIn(browser, 'ada.lovelace')

    expect(authorizationUrl.origin).toBe(provider.issuer)
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorizationUrl.searchParams.get('state')).toBeTruthy()
    expect(authorizationUrl.searchParams.get('nonce')).toBeTruthy()
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe('/start')
    expect(callback.headers.getSetCookie().join('\n')).toMatch(/^liaison_session=[^;]+;.*HttpOnly/m)
    const session = await sessionOf(browser)
    expect(session.user).toMatchObject({
      username: 'ada.lovelace',
      displayName: 'Ada Lovelace',
      email: 'ada.lovelace@university.example',
      isActive: true,
      hasPassword: false,
      hasSso: true,
      roles: [{ role: 'researcher', officeId: null }],
    })
    expect(session.via).toBe('session')
  })

  it('recognises a returning identity by issuer and subject and creates no second account', async () => {
    const first = createBrowser()
    await signIn(first, 'alan.turing')
    const firstSession = await sessionOf(first)
    const usersBefore = await countUsers(test.database.db)

    const second = createBrowser()
    const { callback } = await signIn(second, 'alan.turing')

    expect(callback.status).toBe(302)
    expect((await sessionOf(second)).user.id).toBe(firstSession.user.id)
    expect(await countUsers(test.database.db)).toBe(usersBefore)
  })

  it('creates the account without an e-mail address the provider sent in a form Liaison does not accept', async () => {
    const browser = createBrowser()

    const { callback } = await signIn(browser, 'rosalind.franklin')

    expect(callback.status).toBe(302)
    expect((await sessionOf(browser)).user).toMatchObject({ username: 'rosalind.franklin', email: '' })
  })

  it('does not link an identity to a local account with the same username and e-mail address', async () => {
    const local = await createUserUnchecked(test.ctx, {
      username: 'marie.curie',
      displayName: 'Marie Curie',
      email: 'marie.curie@university.example',
      roles: [{ role: 'researcher', officeId: null }],
    })
    const browser = createBrowser()

    await signIn(browser, 'marie.curie')

    const { user } = await sessionOf(browser)
    expect(user.id).not.toBe(local.id)
    expect(user).toMatchObject({ username: 'marie.curie-2', hasSso: true })
  })

  it('refuses a callback whose state was already used, without setting a cookie', async () => {
    const { callbackUrl, callback } = await signIn(createBrowser(), 'emmy.noether')
    expect(callback.status).toBe(302)

    const replay = await createBrowser().request(callbackUrl)

    expect(replay.status).toBe(401)
    expect(replay.headers.get('content-type')).toContain('application/problem+json')
    expect(replay.headers.getSetCookie()).toEqual([])
  })

  it('refuses a callback with a state it never issued, without setting a cookie', async () => {
    const forged = new URL(`${appServer.url}${oidcCallbackPath}`)
    forged.searchParams.set('state', 'made-up-state')
    forged.searchParams.set('code', 'made-up-code')

    const response = await createBrowser().request(forged)

    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it.each(['//evil.example', 'https://evil.example/phish', '/\\evil.example', '/\t/evil.example'])(
    'lands on the start page instead of following returnTo=%s off the site',
    async (returnTo) => {
      const { callback } = await signIn(createBrowser(), 'lise.meitner', returnTo)

      expect(callback.status).toBe(302)
      expect(callback.headers.get('location')).toBe('/')
    },
  )

  it('offers the single sign-on button with its configured label', async () => {
    const response = await createBrowser().request(`${appServer.url}/api/v1/auth/providers`)

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      local: true,
      oidc: { label: 'University account', loginUrl: '/api/v1/auth/oidc/login' },
      institution: { name: 'Forschungszentrum Havelland' },
    } satisfies AuthProviders)
  })

  it('refuses the identity of a deactivated user at sign-in', async () => {
    const before = createBrowser()
    await signIn(before, 'grace.hopper')
    const { user } = await sessionOf(before)
    await updateUserUnchecked(test.ctx, user.id, { isActive: false })

    const { callback } = await signIn(createBrowser(), 'grace.hopper')

    expect(callback.status).toBe(403)
    expect(callback.headers.get('content-type')).toContain('application/problem+json')
    expect(callback.headers.getSetCookie()).toEqual([])
  })
})

describe('OpenID Connect sign-in when single sign-on is not configured', () => {
  let test: TestDatabase

  beforeAll(async () => {
    test = await createTestDatabase()
  })

  afterAll(async () => {
    await test?.cleanup()
  })

  it('offers no single sign-on button', async () => {
    const response = await createTestApp(test).request('/api/v1/auth/providers')

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      local: true,
      oidc: null,
      institution: { name: 'Forschungszentrum Havelland' },
    } satisfies AuthProviders)
  })

  it('answers the sign-on start with a 404 problem', async () => {
    const response = await createTestApp(test).request('/api/v1/auth/oidc/login?returnTo=/start')

    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
  })
})
