import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { ContactPersonTable, OfficeTable, UnitTable, UserTable } from '../../platform/db/tables.js'
import { type RoleGrant, RoleSchema } from '../access/index.js'
import {
  type ContactPerson,
  ContactTopicSchema,
  type Locale,
  LocaleSchema,
  type Office,
  OfficeKeySchema,
  type Unit,
  type User,
} from './organisation.schema.js'

// ---- units

/** Every unit, by code. */
export async function listUnits(db: Db): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('code').execute()
  return rows.map(toUnit)
}

/** One unit, or undefined. */
export async function findUnit(db: Db, id: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toUnit(row)
}

/** One unit by its code, or undefined. */
export async function findUnitByCode(db: Db, code: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst()
  return row && toUnit(row)
}

/** Inserts a unit. */
export async function insertUnit(db: Db, row: UnitTable): Promise<void> {
  await db.insertInto('units').values(row).execute()
}

/** Changes a unit's fields. */
export async function updateUnit(db: Db, id: string, changes: Partial<UnitTable>): Promise<void> {
  await db.updateTable('units').set(changes).where('id', '=', id).execute()
}

function toUnit(row: Selectable<UnitTable>): Unit {
  return { id: row.id, code: row.code, nameDe: row.nameDe, nameEn: row.nameEn, parentId: row.parentId }
}

// ---- offices

/** Every office, in the order of the office keys. */
export async function listOffices(db: Db): Promise<Office[]> {
  const rows = await db.selectFrom('offices').selectAll().execute()
  const order = OfficeKeySchema.options as readonly string[]
  return rows.map(toOffice).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
}

/** One office, or undefined. */
export async function findOffice(db: Db, id: string): Promise<Office | undefined> {
  const row = await db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toOffice(row)
}

/** Inserts an office. */
export async function insertOffice(db: Db, row: OfficeTable): Promise<void> {
  await db.insertInto('offices').values(row).execute()
}

/** Changes an office's fields. */
export async function updateOffice(db: Db, id: string, changes: Partial<OfficeTable>): Promise<void> {
  await db.updateTable('offices').set(changes).where('id', '=', id).execute()
}

function toOffice(row: Selectable<OfficeTable>): Office {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row
  return { ...rest, key: OfficeKeySchema.parse(row.key) }
}

// ---- users

/** Users whose name, username or e-mail contains the search text (all users without one). */
export async function listUsers(db: Db, search?: string): Promise<User[]> {
  let query = db.selectFrom('users').selectAll()
  if (search) {
    const pattern = `%${search.toLowerCase().replaceAll(/[%_\\]/g, (char) => `\\${char}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['username']), 'like', pattern),
        eb(eb.fn('lower', ['displayName']), 'like', pattern),
        eb(eb.fn('lower', ['email']), 'like', pattern),
      ]),
    )
  }
  const rows = await query.orderBy('username').limit(500).execute()
  return withRoles(db, rows)
}

/** One user with roles, or undefined. */
export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? (await withRoles(db, [row]))[0] : undefined
}

/** A user's row (with password hash) by username, for sign-in. */
export async function findUserRowByUsername(
  db: Db,
  username: string,
): Promise<Selectable<UserTable> | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
}

/** A user's row by OpenID Connect identity. */
export async function findUserRowByOidc(
  db: Db,
  issuer: string,
  subject: string,
): Promise<Selectable<UserTable> | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('oidcIssuer', '=', issuer)
    .where('oidcSubject', '=', subject)
    .executeTakeFirst()
}

/** Inserts a user. */
export async function insertUser(db: Db, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute()
}

/** Changes a user's fields. */
export async function updateUser(db: Db, id: string, changes: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute()
}

/** Replaces a user's role set. */
export async function replaceRoles(db: Db, userId: string, grants: RoleGrant[], now: string): Promise<void> {
  await db.deleteFrom('userRoles').where('userId', '=', userId).execute()
  const unique = new Map(grants.map((grant) => [`${grant.role}:${grant.officeId ?? ''}`, grant]))
  if (unique.size === 0) return
  await db
    .insertInto('userRoles')
    .values(
      [...unique.values()].map((grant) => ({
        userId,
        role: grant.role,
        officeId: grant.officeId ?? '',
        createdAt: now,
      })),
    )
    .execute()
}

/** Number of users (used to decide whether the demo institution must be seeded). */
export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

async function withRoles(db: Db, rows: Selectable<UserTable>[]): Promise<User[]> {
  if (rows.length === 0) return []
  const roleRows = await db
    .selectFrom('userRoles')
    .selectAll()
    .where(
      'userId',
      'in',
      rows.map((row) => row.id),
    )
    .execute()
  return rows.map((row) =>
    toUser(
      row,
      roleRows.filter((roleRow) => roleRow.userId === row.id),
    ),
  )
}

/** Maps a user row and its role rows to the API shape. */
export function toUser(row: Selectable<UserTable>, roleRows: { role: string; officeId: string }[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    unitId: row.unitId,
    isActive: row.isActive === 1,
    locale: toLocale(row.locale),
    hasPassword: row.passwordHash !== null,
    hasSso: row.oidcSubject !== null,
    roles: roleRows.flatMap((roleRow) => {
      const role = RoleSchema.safeParse(roleRow.role)
      return role.success ? [{ role: role.data, officeId: roleRow.officeId || null }] : []
    }),
    lockedUntil: row.lockedUntil ?? null,
    createdAt: row.createdAt,
  }
}

function toLocale(value: string): Locale {
  const parsed = LocaleSchema.safeParse(value)
  return parsed.success ? parsed.data : 'de'
}

// ---- contact persons

/** Every contact person, by sort order and name. */
export async function listContacts(db: Db): Promise<ContactPerson[]> {
  const rows = await db
    .selectFrom('contactPersons')
    .selectAll()
    .orderBy('sortOrder')
    .orderBy('name')
    .execute()
  return rows.map(toContact)
}

/** One contact person, or undefined. */
export async function findContact(db: Db, id: string): Promise<ContactPerson | undefined> {
  const row = await db.selectFrom('contactPersons').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toContact(row)
}

/** Inserts a contact person. */
export async function insertContact(db: Db, row: ContactPersonTable): Promise<void> {
  await db.insertInto('contactPersons').values(row).execute()
}

/** Changes a contact person's fields. */
export async function updateContact(db: Db, id: string, changes: Partial<ContactPersonTable>): Promise<void> {
  await db.updateTable('contactPersons').set(changes).where('id', '=', id).execute()
}

/** Removes a contact person (the audit trail keeps the record). */
export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.deleteFrom('contactPersons').where('id', '=', id).execute()
}

function toContact(row: Selectable<ContactPersonTable>): ContactPerson {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row
  return {
    ...rest,
    topics: ContactTopicSchema.array().catch([]).parse(JSON.parse(row.topics)),
    languages: (JSON.parse(row.languages) as unknown[]).filter(
      (value): value is string => typeof value === 'string',
    ),
  }
}

/** Number of active users holding the admin role. */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('userRoles', 'userRoles.userId', 'users.id')
    .where('userRoles.role', '=', 'admin')
    .where('users.isActive', '=', 1)
    .select((eb) => eb.fn.count<number>('users.id').distinct().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
