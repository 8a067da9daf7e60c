import * as client from 'openid-client'
import type { Config } from '../../platform/config.js'
import type { Ctx } from '../../platform/context.js'
import { AppError } from '../../platform/errors.js'
import * as organisation from '../organisation/index.js'
import * as repo from './auth.repo.js'
import type { SessionInfo } from './auth.schema.js'
import { type ClientInfo, openSession } from './auth.service.js'

/** The path the identity provider sends the browser back to. */
export const oidcCallbackPath = '/api/v1/auth/oidc/callback'

/** How long a started sign-in may take before its state is forgotten. */
const pendingLoginMinutes = 10

const discovered = new Map<string, Promise<client.Configuration>>()

/** Discovers the provider once per process (and again after a failure). */
function providerConfiguration(oidc: NonNullable<Config['oidc']>): Promise<client.Configuration> {
  const key = `${oidc.issuer}|${oidc.clientId}`
  let pending = discovered.get(key)
  if (!pending) {
    pending = client
      .discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, {
        execute: oidc.allowInsecure ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered.delete(key)
        throw new AppError('internal', `The identity provider could not be reached: ${String(error)}`)
      })
    discovered.set(key, pending)
  }
  return pending
}

function requireOidc(ctx: Ctx): NonNullable<Config['oidc']> {
  if (!ctx.config.oidc) throw new AppError('not_found', 'Single sign-on is not configured here.')
  return ctx.config.oidc
}

/** Only same-site relative paths are accepted as a destination after sign-in (no open redirects). */
export function safeReturnPath(value: string | undefined): string {
  if (!value?.startsWith('/')) return '/'
  // Judge the path as the browser will read it: URL parsing drops tabs and newlines and reads "\"
  // as "/", so "/\t/evil.example" or "/\\evil.example" would otherwise leave the site.
  const origin = 'http://liaison.invalid'
  const parsed = URL.canParse(value, origin) ? new URL(value, origin) : null
  if (parsed?.origin !== origin) return '/'
  return `${parsed.pathname}${parsed.search}${parsed.hash}`
}

/**
 * Starts a sign-in at the identity provider: remembers state, nonce and PKCE verifier and
 * returns the URL to send the browser to.
 * @throws AppError('not_found') when SSO is not configured
 */
export async function startOidcLogin(ctx: Ctx, returnTo: string | undefined): Promise<URL> {
  const oidc = requireOidc(ctx)
  const configuration = await providerConfiguration(oidc)
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const now = ctx.now()
  await repo.deleteOidcLoginsBefore(
    ctx.db,
    new Date(now.getTime() - pendingLoginMinutes * 60_000).toISOString(),
  )
  await repo.insertOidcLogin(ctx.db, {
    state,
    nonce,
    codeVerifier,
    returnTo: safeReturnPath(returnTo),
    createdAt: now.toISOString(),
  })
  return client.buildAuthorizationUrl(configuration, {
    redirect_uri: `${ctx.config.publicUrl}${oidcCallbackPath}`,
    scope: oidc.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  })
}

/**
 * Completes a sign-in from the provider's redirect: checks state, nonce and PKCE, finds or
 * creates the user for the identity, and opens a session.
 * @throws AppError('unauthenticated') for an unknown or replayed state or a failed exchange
 */
export async function finishOidcLogin(
  ctx: Ctx,
  callbackUrl: URL,
  clientInfo: ClientInfo,
): Promise<{ sessionSecret: string; info: SessionInfo; returnTo: string }> {
  const oidc = requireOidc(ctx)
  const configuration = await providerConfiguration(oidc)
  const state = callbackUrl.searchParams.get('state') ?? ''
  const pending = await repo.takeOidcLogin(ctx.db, state)
  const cutoff = ctx.now().getTime() - pendingLoginMinutes * 60_000
  if (!pending || new Date(pending.createdAt).getTime() < cutoff) {
    throw new AppError(
      'unauthenticated',
      'This sign-in link has expired or was already used. Please sign in again.',
    )
  }
  // The provider redirects to the public URL; rebuild it so the library compares like with like.
  const currentUrl = new URL(`${ctx.config.publicUrl}${oidcCallbackPath}${callbackUrl.search}`)
  let claims: client.IDToken | undefined
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    claims = tokens.claims()
  } catch (error) {
    ctx.log.warn({ err: error }, 'OIDC code exchange failed')
    throw new AppError('unauthenticated', 'The identity provider did not confirm the sign-in.')
  }
  if (!claims) throw new AppError('unauthenticated', 'The identity provider sent no identity.')
  const userId = await findOrProvisionUser(ctx, claims)
  const session = await openSession(ctx, userId, 'oidc', clientInfo)
  return { ...session, returnTo: pending.returnTo }
}

/** Finds the user of an identity, or creates one with the researcher role on first sign-in. */
async function findOrProvisionUser(ctx: Ctx, claims: client.IDToken): Promise<string> {
  const issuer = claims.iss
  const subject = claims.sub
  const existing = await organisation.findUserRowByOidc(ctx.db, issuer, subject)
  if (existing) {
    if (existing.isActive !== 1) throw new AppError('forbidden', 'This account has been deactivated.')
    return existing.id
  }
  const email = typeof claims.email === 'string' ? claims.email : ''
  const displayName =
    typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email || subject
  const base = usernameFrom(
    typeof claims.preferred_username === 'string' ? claims.preferred_username : email || subject,
  )
  let username = base
  for (let suffix = 2; await organisation.findUserRowByUsername(ctx.db, username); suffix++) {
    username = `${base}-${suffix}`
  }
  const systemCtx = {
    ...ctx,
    actor: { id: 'system', username: 'sso', displayName: 'SSO', roles: [], via: 'system' as const },
  }
  const user = await organisation.createUserUnchecked(
    systemCtx,
    {
      username,
      displayName: displayName.slice(0, 200),
      // An address the user record would refuse must not block the sign-in; the account starts without one.
      email: organisation.CreateUserSchema.shape.email.safeParse(email).success ? email : '',
      roles: [{ role: 'researcher', officeId: null }],
    },
    { identity: { oidcIssuer: issuer, oidcSubject: subject } },
  )
  return user.id
}

/** A valid username derived from a claim (lower case, safe characters, bounded length). */
export function usernameFrom(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/@.*$/, '')
    .normalize('NFKD')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 48)
  return cleaned || 'sso-user'
}
