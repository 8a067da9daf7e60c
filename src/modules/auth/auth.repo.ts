import type { Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { ApiTokenTable, OidcLoginTable, SessionTable } from '../../platform/db/tables.js'

// ---- sessions

/** Stores a new session. */
export async function insertSession(db: Db, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}

/** A session that has not expired at `now`, or undefined. */
export async function findLiveSession(
  db: Db,
  idHash: string,
  now: string,
): Promise<Selectable<SessionTable> | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('idHash', '=', idHash)
    .where('expiresAt', '>', now)
    .executeTakeFirst()
}

/** Slides a session's expiry forward. */
export async function touchSession(
  db: Db,
  idHash: string,
  lastSeenAt: string,
  expiresAt: string,
): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('idHash', '=', idHash).execute()
}

/** Ends one session. */
export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute()
}

/** Ends every session of a user (deactivation, password change). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute()
}

/** Removes expired sessions. */
export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now).execute()
}

// ---- API tokens

/** Stores a new API token (hashed). */
export async function insertToken(db: Db, row: ApiTokenTable): Promise<void> {
  await db.insertInto('apiTokens').values(row).execute()
}

/** A token by the hash of its secret, or undefined. */
export async function findTokenByHash(
  db: Db,
  tokenHash: string,
): Promise<Selectable<ApiTokenTable> | undefined> {
  return db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()
}

/** One token by id. */
export async function findToken(db: Db, id: string): Promise<Selectable<ApiTokenTable> | undefined> {
  return db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A user's tokens, newest first. */
export async function listTokensOfUser(db: Db, userId: string): Promise<Selectable<ApiTokenTable>[]> {
  return db
    .selectFrom('apiTokens')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .execute()
}

/** Marks a token as revoked. */
export async function revokeToken(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute()
}

/** Records when a token was last used. */
export async function touchToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute()
}

// ---- rate limits

/**
 * Counts one hit against a fixed window and returns the count within the current window.
 * Stored in the database so that every app instance sees the same count.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ count: number; windowStart: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rateLimits').selectAll().where('key', '=', key).executeTakeFirst()
    const windowStartsNow = now.toISOString()
    if (!row || new Date(row.windowStart).getTime() + windowMs <= now.getTime()) {
      await trx
        .insertInto('rateLimits')
        .values({ key, windowStart: windowStartsNow, count: 1 })
        .onConflict((oc) => oc.column('key').doUpdateSet({ windowStart: windowStartsNow, count: 1 }))
        .execute()
      return { count: 1, windowStart: windowStartsNow }
    }
    const updated = await trx
      .updateTable('rateLimits')
      .set((eb) => ({ count: eb('count', '+', 1) }))
      .where('key', '=', key)
      .returning(['count', 'windowStart'])
      .executeTakeFirstOrThrow()
    return updated
  })
}

/** The current count for a key, without counting a hit. */
export async function peekRateLimit(
  db: Db,
  key: string,
): Promise<{ count: number; windowStart: string } | undefined> {
  return db
    .selectFrom('rateLimits')
    .select(['count', 'windowStart'])
    .where('key', '=', key)
    .executeTakeFirst()
}

/** Clears a key (after a successful sign-in). */
export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rateLimits').where('key', '=', key).execute()
}

// ---- OpenID Connect round trips

/** Remembers the state, nonce and PKCE verifier of a sign-in that went to the identity provider. */
export async function insertOidcLogin(db: Db, row: OidcLoginTable): Promise<void> {
  await db.insertInto('oidcLogins').values(row).execute()
}

/** Takes (reads and deletes) a pending sign-in by its state; each state is usable once. */
export async function takeOidcLogin(db: Db, state: string): Promise<Selectable<OidcLoginTable> | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('oidcLogins').selectAll().where('state', '=', state).executeTakeFirst()
    if (row) await trx.deleteFrom('oidcLogins').where('state', '=', state).execute()
    return row
  })
}

/** Drops pending sign-ins started before the cut-off. */
export async function deleteOidcLoginsBefore(db: Db, cutoff: string): Promise<void> {
  await db.deleteFrom('oidcLogins').where('createdAt', '<', cutoff).execute()
}

/** Counts one more failed sign-in of the user and returns the new count. */
export async function incrementFailedLogins(db: Db, userId: string): Promise<number> {
  await db
    .updateTable('users')
    .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
    .where('id', '=', userId)
    .execute()
  const row = await db.selectFrom('users').select('failedLogins').where('id', '=', userId).executeTakeFirst()
  return row?.failedLogins ?? 0
}

/** Locks the account until the given time and starts counting afresh. */
export async function lockUser(trx: Db, userId: string, until: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ lockedUntil: until, failedLogins: 0 })
    .where('id', '=', userId)
    .execute()
}

/** Clears the failure count and any lock; false when there is no such user. */
export async function resetFailedLogins(db: Db, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ lockedUntil: null, failedLogins: 0 })
    .where('id', '=', userId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
