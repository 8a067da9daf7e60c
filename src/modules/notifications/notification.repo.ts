import type { Insertable, Selectable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { NotificationTable } from '../../platform/db/tables.js'

/** A notification row. */
export type NotificationRow = Selectable<NotificationTable>

/** Stores notifications. */
export async function insertNotifications(trx: Db, rows: Insertable<NotificationTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('notifications').values(rows).execute()
}

/** The recipients' addresses, languages and delivery preferences. */
export async function findRecipients(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return []
  return db
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'notifyMode', 'displayName', 'isActive'])
    .where('id', 'in', [...userIds])
    .execute()
}

/** A user's notifications, newest first. */
export async function listForUser(db: Db, userId: string, limit: number): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute()
}

/** Number of unread notifications of a user. */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Marks notifications of a user read (all, or one). */
export async function markRead(db: Db, userId: string, at: string, id?: string): Promise<number> {
  let query = db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
  if (id) query = query.where('id', '=', id)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** One notification with its recipient's address. */
export async function findWithRecipient(db: Db, id: string) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.userId')
    .selectAll('notifications')
    .select(['users.email', 'users.displayName'])
    .where('notifications.id', '=', id)
    .executeTakeFirst()
}

/** Records the e-mail state of notifications. */
export async function setEmailStatus(
  db: Db,
  ids: readonly string[],
  status: string,
  at: string | null,
): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('notifications')
    .set({ emailStatus: status, emailedAt: at })
    .where('id', 'in', [...ids])
    .execute()
}

/** Notifications waiting for the daily digest, with their recipients' addresses. */
export async function listDigestPending(db: Db) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.userId')
    .selectAll('notifications')
    .select(['users.email', 'users.displayName', 'users.locale'])
    .where('notifications.emailStatus', '=', 'digest')
    .orderBy('notifications.createdAt')
    .execute()
}

/** Changes a user's delivery preference. */
export async function setNotifyMode(db: Db, userId: string, mode: string): Promise<void> {
  await db.updateTable('users').set({ notifyMode: mode }).where('id', '=', userId).execute()
}
