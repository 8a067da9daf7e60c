import type { Ctx } from '../../platform/context.js'
import { hashPassword, randomSecret, sha256, verifyPassword } from '../../platform/crypto.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../shared/ids.js'
import { type Actor, authorize } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import { notify } from '../notifications/index.js'
import * as organisation from '../organisation/index.js'
import { findUser, type User } from '../organisation/index.js'
import * as repo from './auth.repo.js'
import type { ApiToken, CreateApiToken, CreatedApiToken, Login, SessionInfo } from './auth.schema.js'
import { CreateApiTokenSchema } from './auth.schema.js'

/** Name of the session cookie. */
export const sessionCookieName = 'liaison_session'

/** Prefix of personal API tokens, so leaked tokens are recognisable by secret scanners. */
export const tokenPrefix = 'lsn_'

/** Where a request comes from, for rate limiting and the session list. */
export interface ClientInfo {
  ip: string
  userAgent: string
}

/** A resolved session: who, and the secrets bound to it. */
export interface ResolvedSession {
  actor: Actor
  user: User
  idHash: string
  csrfToken: string
  expiresAt: string
}

// A real argon2id hash of a random string: verifying against it costs as much as a real check,
// so unknown usernames answer as slowly as wrong passwords.
let dummyHash: Promise<string> | null = null
function timingDummy(): Promise<string> {
  dummyHash ??= hashPassword(randomSecret())
  return dummyHash
}

/** Builds the actor of a user. */
export function actorOf(user: User, via: Actor['via']): Actor {
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, via }
}

/**
 * Signs in with username and password and opens a session.
 * @throws AppError('rate_limited') after too many failures, AppError('unauthenticated') on wrong credentials
 */
export async function login(
  ctx: Ctx,
  input: Login,
  client: ClientInfo,
): Promise<{ sessionSecret: string; info: SessionInfo }> {
  const now = ctx.now()
  const windowMs = ctx.config.login.windowMinutes * 60_000
  const max = ctx.config.login.maxAttempts
  // Many people share one address behind an institution's NAT, so the address gets a larger allowance.
  const limits = [
    { key: `login:user:${input.username.toLowerCase()}`, max },
    { key: `login:ip:${client.ip}`, max: max * 10 },
  ]
  const keys = limits.map((limit) => limit.key)
  for (const { key, max: allowed } of limits) {
    const state = await repo.peekRateLimit(ctx.db, key)
    if (state && state.count >= allowed) {
      const retryAfterMs = new Date(state.windowStart).getTime() + windowMs - now.getTime()
      if (retryAfterMs > 0) {
        throw new AppError('rate_limited', 'Too many failed sign-in attempts. Please wait and try again.', {
          retryAfterSeconds: retryAfterMs / 1000,
        })
      }
    }
  }
  const row = await organisation.findUserRowByUsername(ctx.db, input.username)
  // A locked account answers like a rate-limited one (which unknown usernames also reach), so
  // the answer does not tell whether the account exists; its owner has been told by notice.
  if (row?.lockedUntil && row.lockedUntil > now.toISOString()) {
    const retryAfterMs = new Date(row.lockedUntil).getTime() - now.getTime()
    throw new AppError('rate_limited', 'Too many failed sign-in attempts. Please wait and try again.', {
      retryAfterSeconds: retryAfterMs / 1000,
    })
  }
  const passwordOk = row?.passwordHash
    ? await verifyPassword(row.passwordHash, input.password)
    : await verifyPassword(await timingDummy(), input.password)
  if (!row || !passwordOk || row.isActive !== 1) {
    for (const key of keys) await repo.hitRateLimit(ctx.db, key, now, windowMs)
    if (row && row.isActive === 1) await countFailedLogin(ctx, row.id, client)
    throw new AppError('unauthenticated', 'Wrong username or password.')
  }
  await repo.clearRateLimit(ctx.db, keys[0] ?? '')
  if (row.failedLogins > 0 || row.lockedUntil) await repo.resetFailedLogins(ctx.db, row.id)
  return openSession(ctx, row.id, 'password', client)
}

/**
 * Counts a failed sign-in against an existing account; at the configured number the account is
 * locked for a while, the lock is audited, and the owner is told in the app and by e-mail.
 */
async function countFailedLogin(ctx: Ctx, userId: string, client: ClientInfo): Promise<void> {
  const { lockAfter, lockMinutes } = ctx.config.login
  const failed = await repo.incrementFailedLogins(ctx.db, userId)
  if (lockAfter === 0 || failed < lockAfter) return
  const now = ctx.now()
  const lockedUntil = new Date(now.getTime() + lockMinutes * 60_000).toISOString()
  const time = lockedUntil.slice(11, 16)
  await ctx.db.transaction().execute(async (trx) => {
    await repo.lockUser(trx, userId, lockedUntil)
    await recordAudit(
      trx,
      { ...ctx, actor: null },
      {
        action: 'user.locked',
        entityType: 'user',
        entityId: userId,
        after: { failedLogins: failed, lockedUntil, ip: client.ip },
      },
    )
    await notify(trx, ctx, {
      userIds: [userId],
      kind: 'account_locked',
      urgent: true,
      subject: {
        de: 'Ihr Liaison-Konto wurde vorübergehend gesperrt',
        en: 'Your Liaison account has been locked for a while',
      },
      body: {
        de: `Nach ${failed} fehlgeschlagenen Anmeldeversuchen ist Ihr Konto bis ${time} UTC gesperrt. Waren Sie das nicht, wenden Sie sich bitte an die Administration; sie kann das Konto auch vorher entsperren.`,
        en: `After ${failed} failed sign-in attempts your account is locked until ${time} UTC. If this was not you, please contact the administration; they can also unlock it sooner.`,
      },
      link: '/account',
      entity: { type: 'user', id: userId },
    })
  })
}

/**
 * Unlocks an account locked after failed sign-ins (admins).
 * @throws AppError('not_found') for an unknown user
 */
export async function unlockUser(ctx: Ctx, userId: string): Promise<void> {
  authorize(ctx.actor, 'user.unlock')
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.resetFailedLogins(trx, userId))) throw new AppError('not_found', 'No such user.')
    await recordAudit(trx, ctx, { action: 'user.unlocked', entityType: 'user', entityId: userId })
  })
}

/**
 * Opens a session for a user who has proven who they are (password or identity provider).
 * @throws AppError('not_found') for an unknown user
 */
export async function openSession(
  ctx: Ctx,
  userId: string,
  via: 'password' | 'oidc',
  client: ClientInfo,
): Promise<{ sessionSecret: string; info: SessionInfo }> {
  const user = await findUser(ctx.db, userId)
  if (!user) throw new AppError('not_found', 'No such user.')
  const sessionSecret = randomSecret()
  const csrfToken = randomSecret()
  const now = ctx.now()
  const expiresAt = new Date(now.getTime() + ctx.config.session.ttlHours * 3_600_000).toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      idHash: sha256(sessionSecret),
      userId,
      csrfToken,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent.slice(0, 300),
      via,
    })
    await recordAudit(
      trx,
      { ...ctx, actor: actorOf(user, 'session') },
      {
        action: 'auth.signed_in',
        entityType: 'user',
        entityId: userId,
        after: { via, ip: client.ip },
      },
    )
  })
  return { sessionSecret, info: { user, via: 'session', csrfToken, expiresAt } }
}

/** Resolves a session cookie to its user, sliding the expiry; null when unknown, expired or inactive. */
export async function resolveSession(ctx: Ctx, sessionSecret: string): Promise<ResolvedSession | null> {
  const now = ctx.now()
  const idHash = sha256(sessionSecret)
  const row = await repo.findLiveSession(ctx.db, idHash, now.toISOString())
  if (!row) return null
  const user = await findUser(ctx.db, row.userId)
  if (!user?.isActive) return null
  let expiresAt = row.expiresAt
  // Slide the expiry at most once a minute, so reads do not turn into writes.
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > 60_000) {
    expiresAt = new Date(now.getTime() + ctx.config.session.ttlHours * 3_600_000).toISOString()
    await repo.touchSession(ctx.db, idHash, now.toISOString(), expiresAt)
  }
  return { actor: actorOf(user, 'session'), user, idHash, csrfToken: row.csrfToken, expiresAt }
}

/** Resolves a bearer token to its user; null when unknown, revoked, expired or the user inactive. */
export async function resolveToken(ctx: Ctx, token: string): Promise<{ actor: Actor; user: User } | null> {
  if (!token.startsWith(tokenPrefix)) return null
  const row = await repo.findTokenByHash(ctx.db, sha256(token))
  const now = ctx.now().toISOString()
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null
  const user = await findUser(ctx.db, row.userId)
  if (!user?.isActive) return null
  if (row.lastUsedAt === null || row.lastUsedAt.slice(0, 16) !== now.slice(0, 16)) {
    await repo.touchToken(ctx.db, row.id, now)
  }
  return { actor: actorOf(user, 'token'), user }
}

/** Ends a session. */
export async function logout(ctx: Ctx, idHash: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, idHash)
    if (ctx.actor) {
      await recordAudit(trx, ctx, { action: 'auth.signed_out', entityType: 'user', entityId: ctx.actor.id })
    }
  })
}

// ---- personal API tokens

/** The signed-in user's API tokens. */
export async function listMyTokens(ctx: Ctx): Promise<ApiToken[]> {
  authorize(ctx.actor, 'token.list')
  return (await repo.listTokensOfUser(ctx.db, ctx.actor.id)).map(toApiToken)
}

/** Creates an API token for the signed-in user; the secret is returned once. */
export async function createMyToken(ctx: Ctx, input: CreateApiToken): Promise<CreatedApiToken> {
  authorize(ctx.actor, 'token.create')
  return createTokenUnchecked(ctx, ctx.actor.id, input)
}

/** Creates an API token for any user (CLI `token create`), without a permission check. */
export async function createTokenUnchecked(
  ctx: Ctx,
  userId: string,
  input: CreateApiToken,
): Promise<CreatedApiToken> {
  const data = CreateApiTokenSchema.parse(input)
  const token = `${tokenPrefix}${randomSecret(32)}`
  const now = ctx.now()
  const row = {
    id: newId(),
    userId,
    name: data.name,
    tokenHash: sha256(token),
    prefix: token.slice(0, tokenPrefix.length + 6),
    createdAt: now.toISOString(),
    expiresAt:
      data.expiresInDays === null
        ? null
        : new Date(now.getTime() + data.expiresInDays * 86_400_000).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertToken(trx, row)
    await recordAudit(trx, ctx, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: row.id,
      after: { userId, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt },
    })
  })
  return { token, record: toApiToken(row) }
}

/**
 * Revokes one of the signed-in user's tokens.
 * @throws AppError('not_found') when the token does not exist or is someone else's
 */
export async function revokeMyToken(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'token.revoke')
  const actor = ctx.actor
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findToken(trx, id)
    // Someone else's token answers exactly like a missing one, so ids cannot be probed.
    if (!row || row.userId !== actor.id) throw new AppError('not_found', 'No such token.')
    authorize(actor, 'token.revoke', { kind: 'token', userId: row.userId })
    await repo.revokeToken(trx, id, ctx.now().toISOString())
    await recordAudit(trx, ctx, { action: 'token.revoked', entityType: 'api_token', entityId: id })
  })
}

function toApiToken(row: {
  id: string
  name: string
  prefix: string
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  }
}
