import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { clientInfo } from '../../server/client.js'
import type { AppEnv } from '../../server/env.js'
import { createRouter, defineRoute, jsonResponse as json, problemResponses } from '../../server/route.js'
import { UpdateProfileSchema, UserSchema, updateProfile } from '../organisation/index.js'
import { finishOidcLogin, oidcCallbackPath, startOidcLogin } from './auth.oidc.js'
import {
  ApiTokenSchema,
  AuthProvidersSchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  LoginSchema,
  SessionInfoSchema,
} from './auth.schema.js'
import {
  createMyToken,
  listMyTokens,
  login,
  logout,
  revokeMyToken,
  sessionCookieName,
  unlockUser,
} from './auth.service.js'

function setSessionCookie(c: Context<AppEnv>, secret: string, expiresAt: string): void {
  setCookie(c, sessionCookieName, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.ctx.config.session.secureCookies,
    path: '/',
    expires: new Date(expiresAt),
  })
}

const providersRoute = defineRoute('public', {
  method: 'get',
  path: '/auth/providers',
  tags: ['auth'],
  summary: 'How one can sign in here',
  responses: { 200: json(AuthProvidersSchema, 'Sign-in methods') },
})

const loginRoute = defineRoute('public', {
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in with username and password',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: json(SessionInfoSchema, 'Signed in; the session cookie is set'),
    401: { description: 'Wrong username or password' },
    422: problemResponses[422],
    429: { description: 'Too many failed attempts; see Retry-After' },
  },
})

const logoutRoute = defineRoute('session.end', {
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  responses: { 204: { description: 'Signed out' }, 401: problemResponses[401] },
})

const sessionRoute = defineRoute('session.read', {
  method: 'get',
  path: '/auth/session',
  tags: ['auth'],
  summary: 'The current user and roles (by cookie or bearer token)',
  responses: { 200: json(SessionInfoSchema, 'The session'), 401: problemResponses[401] },
})

const oidcLoginRoute = defineRoute('public', {
  method: 'get',
  path: '/auth/oidc/login',
  tags: ['auth'],
  summary: 'Start single sign-on at the institutional identity provider',
  request: { query: z.object({ returnTo: z.string().max(500).optional() }) },
  responses: {
    302: { description: 'Redirect to the identity provider' },
    404: { description: 'SSO not configured' },
  },
})

const oidcCallbackRoute = defineRoute('public', {
  method: 'get',
  path: oidcCallbackPath.replace('/api/v1', ''),
  tags: ['auth'],
  summary: 'Where the identity provider returns to',
  request: {
    query: z.object({ state: z.string().max(500).optional(), code: z.string().max(4000).optional() }).loose(),
  },
  responses: { 302: { description: 'Signed in; redirect into the app' }, 401: problemResponses[401] },
})

const updateMeRoute = defineRoute('profile.update', {
  method: 'patch',
  path: '/me',
  tags: ['auth'],
  summary: 'Change my display name or language',
  request: { body: { content: { 'application/json': { schema: UpdateProfileSchema } }, required: true } },
  responses: { 200: json(UserSchema, 'Updated'), ...problemResponses },
})

const listTokensRoute = defineRoute('token.list', {
  method: 'get',
  path: '/me/tokens',
  tags: ['auth'],
  summary: 'My personal API tokens',
  responses: { 200: json(z.array(ApiTokenSchema), 'Tokens'), 401: problemResponses[401] },
})

const createTokenRoute = defineRoute('token.create', {
  method: 'post',
  path: '/me/tokens',
  tags: ['auth'],
  summary: 'Create a personal API token (the secret is shown once)',
  request: { body: { content: { 'application/json': { schema: CreateApiTokenSchema } }, required: true } },
  responses: { 201: json(CreatedApiTokenSchema, 'Created'), ...problemResponses },
})

const revokeTokenRoute = defineRoute('token.revoke', {
  method: 'delete',
  path: '/me/tokens/{id}',
  tags: ['auth'],
  summary: 'Revoke one of my API tokens',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: 'Revoked' }, 404: { description: 'No such token' }, ...problemResponses },
})

const unlockRoute = defineRoute('user.unlock', {
  method: 'post',
  path: '/users/{id}/unlock',
  tags: ['auth'],
  summary: 'Unlock an account locked after repeated failed sign-ins',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 204: { description: 'Unlocked' }, 404: { description: 'No such user' }, ...problemResponses },
})

/** Sign-in, session, profile and personal API token routes. */
export const authRoutes = createRouter()
  .openapi(providersRoute, (c) => {
    const oidc = c.var.ctx.config.oidc
    return c.json(
      {
        local: true,
        oidc: oidc ? { label: oidc.label, loginUrl: '/api/v1/auth/oidc/login' } : null,
        institution: { name: c.var.ctx.config.institution.name },
      },
      200,
    )
  })
  .openapi(loginRoute, async (c) => {
    const { sessionSecret, info } = await login(c.var.ctx, c.req.valid('json'), clientInfo(c))
    setSessionCookie(c, sessionSecret, info.expiresAt ?? '')
    return c.json(info, 200)
  })
  .openapi(logoutRoute, async (c) => {
    if (c.var.sessionIdHash) await logout(c.var.ctx, c.var.sessionIdHash)
    deleteCookie(c, sessionCookieName, { path: '/' })
    return c.body(null, 204)
  })
  .openapi(sessionRoute, async (c) => {
    const session = c.var.session
    if (!session) throw new Error('The route gate lets only signed-in requests through')
    return c.json(session, 200)
  })
  .openapi(oidcLoginRoute, async (c) => {
    const url = await startOidcLogin(c.var.ctx, c.req.valid('query').returnTo)
    return c.redirect(url.href, 302)
  })
  .openapi(oidcCallbackRoute, async (c) => {
    const { sessionSecret, info, returnTo } = await finishOidcLogin(
      c.var.ctx,
      new URL(c.req.url),
      clientInfo(c),
    )
    setSessionCookie(c, sessionSecret, info.expiresAt ?? '')
    return c.redirect(returnTo, 302)
  })
  .openapi(updateMeRoute, async (c) => c.json(await updateProfile(c.var.ctx, c.req.valid('json')), 200))
  .openapi(listTokensRoute, async (c) => c.json(await listMyTokens(c.var.ctx), 200))
  .openapi(createTokenRoute, async (c) => c.json(await createMyToken(c.var.ctx, c.req.valid('json')), 201))
  .openapi(revokeTokenRoute, async (c) => {
    await revokeMyToken(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })
  .openapi(unlockRoute, async (c) => {
    await unlockUser(c.var.ctx, c.req.valid('param').id)
    return c.body(null, 204)
  })

/** Reads the session cookie. */
export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName)
}
