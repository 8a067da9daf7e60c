import type { Ctx } from '../../platform/context.js'
import { hashPassword } from '../../platform/crypto.js'
import type { Db } from '../../platform/db/database.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize, type RoleGrant } from '../access/index.js'
import { recordAudit } from '../audit/index.js'
import * as repo from './organisation.repo.js'
import {
  type ContactPerson,
  type CreateContactPerson,
  CreateContactPersonSchema,
  type CreateUnit,
  type CreateUser,
  CreateUserSchema,
  type Office,
  type Unit,
  type UpdateContactPerson,
  type UpdateOffice,
  type UpdateProfile,
  type UpdateUnit,
  type UpdateUser,
  type User,
} from './organisation.schema.js'

// ---- units

/** Every unit of the institution. */
export async function listUnits(ctx: Ctx): Promise<Unit[]> {
  authorize(ctx.actor, 'unit.list')
  return repo.listUnits(ctx.db)
}

/**
 * Creates a unit.
 * @throws AppError('conflict') when the code is taken, AppError('validation') for an unknown parent
 */
export async function createUnit(ctx: Ctx, input: CreateUnit): Promise<Unit> {
  authorize(ctx.actor, 'unit.create')
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUnitByCode(trx, input.code)) {
      throw new AppError('conflict', `A unit with the code "${input.code}" exists already.`, {
        fields: [{ field: 'code', message: 'This code is taken' }],
      })
    }
    if (input.parentId) await requireUnit(trx, input.parentId, 'parentId')
    const now = ctx.now().toISOString()
    const row = { id: newId(), ...input, parentId: input.parentId ?? null, createdAt: now, updatedAt: now }
    await repo.insertUnit(trx, row)
    const unit = await getUnitIn(trx, row.id)
    await recordAudit(trx, ctx, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: unit.id,
      after: unit,
    })
    return unit
  })
}

/**
 * Changes a unit.
 * @throws AppError('not_found'), AppError('conflict') for a taken code, AppError('validation') for a parent cycle
 */
export async function updateUnit(ctx: Ctx, id: string, input: UpdateUnit): Promise<Unit> {
  authorize(ctx.actor, 'unit.update')
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getUnitIn(trx, id)
    if (input.code && input.code !== before.code && (await repo.findUnitByCode(trx, input.code))) {
      throw new AppError('conflict', `A unit with the code "${input.code}" exists already.`, {
        fields: [{ field: 'code', message: 'This code is taken' }],
      })
    }
    if (input.parentId) {
      await requireUnit(trx, input.parentId, 'parentId')
      await refuseCycle(trx, id, input.parentId)
    }
    await repo.updateUnit(trx, id, { ...input, updatedAt: ctx.now().toISOString() })
    const after = await getUnitIn(trx, id)
    await recordAudit(trx, ctx, { action: 'unit.updated', entityType: 'unit', entityId: id, before, after })
    return after
  })
}

async function getUnitIn(db: Db, id: string): Promise<Unit> {
  const unit = await repo.findUnit(db, id)
  if (!unit) throw new AppError('not_found', 'No such unit.')
  return unit
}

async function requireUnit(db: Db, id: string, field: string): Promise<void> {
  if (!(await repo.findUnit(db, id))) {
    throw new AppError('validation', 'The unit does not exist.', {
      fields: [{ field, message: 'Unknown unit' }],
    })
  }
}

async function refuseCycle(db: Db, id: string, parentId: string): Promise<void> {
  const seen = new Set<string>()
  let current: string | null = parentId
  while (current !== null && !seen.has(current)) {
    if (current === id) {
      throw new AppError('validation', 'A unit cannot be placed below itself.', {
        fields: [{ field: 'parentId', message: 'This would create a cycle' }],
      })
    }
    seen.add(current)
    current = (await repo.findUnit(db, current))?.parentId ?? null
  }
}

// ---- offices

/** Every office, in process order. */
export async function listOffices(ctx: Ctx): Promise<Office[]> {
  authorize(ctx.actor, 'office.list')
  return repo.listOffices(ctx.db)
}

/**
 * Changes an office's names, contact details, lead or review period.
 * @throws AppError('not_found'), AppError('validation') for an unknown lead user
 */
export async function updateOffice(ctx: Ctx, id: string, input: UpdateOffice): Promise<Office> {
  authorize(ctx.actor, 'office.update', { kind: 'office', id })
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findOffice(trx, id)
    if (!before) throw new AppError('not_found', 'No such office.')
    if (input.leadUserId && !(await repo.findUser(trx, input.leadUserId))) {
      throw new AppError('validation', 'The lead user does not exist.', {
        fields: [{ field: 'leadUserId', message: 'Unknown user' }],
      })
    }
    await repo.updateOffice(trx, id, { ...input, updatedAt: ctx.now().toISOString() })
    const after = await repo.findOffice(trx, id)
    if (!after) throw new AppError('not_found', 'No such office.')
    await recordAudit(trx, ctx, {
      action: 'office.updated',
      entityType: 'office',
      entityId: id,
      before,
      after,
    })
    return after
  })
}

// ---- contact persons

/** Every contact person ("Whom do I ask?"). */
export async function listContacts(ctx: Ctx): Promise<ContactPerson[]> {
  authorize(ctx.actor, 'contact.list')
  return repo.listContacts(ctx.db)
}

/**
 * Adds a contact person to an office.
 * @throws AppError('validation') for an unknown office or user
 */
export async function createContact(ctx: Ctx, input: CreateContactPerson): Promise<ContactPerson> {
  authorize(ctx.actor, 'contact.create')
  const data = CreateContactPersonSchema.parse(input)
  return ctx.db.transaction().execute(async (trx) => {
    await requireContactReferences(trx, data.officeId, data.userId ?? null)
    const now = ctx.now().toISOString()
    const id = newId()
    await repo.insertContact(trx, {
      ...data,
      id,
      userId: data.userId ?? null,
      topics: JSON.stringify(data.topics),
      languages: JSON.stringify(data.languages),
      createdAt: now,
      updatedAt: now,
    })
    const contact = await getContactIn(trx, id)
    await recordAudit(trx, ctx, {
      action: 'contact.created',
      entityType: 'contact',
      entityId: id,
      after: contact,
    })
    return contact
  })
}

/**
 * Changes a contact person.
 * @throws AppError('not_found'), AppError('validation') for an unknown office or user
 */
export async function updateContact(
  ctx: Ctx,
  id: string,
  input: UpdateContactPerson,
): Promise<ContactPerson> {
  authorize(ctx.actor, 'contact.update')
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getContactIn(trx, id)
    await requireContactReferences(trx, input.officeId ?? before.officeId, input.userId ?? null)
    const { topics, languages, ...rest } = input
    await repo.updateContact(trx, id, {
      ...rest,
      ...(topics ? { topics: JSON.stringify(topics) } : {}),
      ...(languages ? { languages: JSON.stringify(languages) } : {}),
      updatedAt: ctx.now().toISOString(),
    })
    const after = await getContactIn(trx, id)
    await recordAudit(trx, ctx, {
      action: 'contact.updated',
      entityType: 'contact',
      entityId: id,
      before,
      after,
    })
    return after
  })
}

/**
 * Removes a contact person; the audit trail keeps what was removed.
 * @throws AppError('not_found')
 */
export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'contact.delete')
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getContactIn(trx, id)
    await repo.deleteContact(trx, id)
    await recordAudit(trx, ctx, { action: 'contact.deleted', entityType: 'contact', entityId: id, before })
  })
}

async function getContactIn(db: Db, id: string): Promise<ContactPerson> {
  const contact = await repo.findContact(db, id)
  if (!contact) throw new AppError('not_found', 'No such contact person.')
  return contact
}

async function requireContactReferences(db: Db, officeId: string, userId: string | null): Promise<void> {
  if (!(await repo.findOffice(db, officeId))) {
    throw new AppError('validation', 'The office does not exist.', {
      fields: [{ field: 'officeId', message: 'Unknown office' }],
    })
  }
  if (userId && !(await repo.findUser(db, userId))) {
    throw new AppError('validation', 'The user does not exist.', {
      fields: [{ field: 'userId', message: 'Unknown user' }],
    })
  }
}

// ---- users

/** Users, optionally filtered by a search text. */
export async function listUsers(ctx: Ctx, search?: string): Promise<User[]> {
  authorize(ctx.actor, 'user.list')
  return repo.listUsers(ctx.db, search?.trim() || undefined)
}

/**
 * One user.
 * @throws AppError('not_found')
 */
export async function getUser(ctx: Ctx, id: string): Promise<User> {
  authorize(ctx.actor, 'user.read', { kind: 'user', id })
  return getUserIn(ctx.db, id)
}

/**
 * Creates a user with roles (and a password for local sign-in, when given).
 * @throws AppError('conflict') when the username is taken, AppError('validation') for bad references
 */
export async function createUser(ctx: Ctx, input: CreateUser): Promise<User> {
  authorize(ctx.actor, 'user.create')
  return createUserUnchecked(ctx, input)
}

/** What the system may set when it creates a user itself. */
export interface SystemUserOptions {
  /** The identity at the institution's identity provider (first SSO sign-in). */
  identity?: { oidcIssuer: string; oidcSubject: string }
  /** A password that bypasses the length rule: only the demo institution's "demo" uses it. */
  demoPassword?: string
}

/**
 * Creates a user without a permission check: for the CLI, the demo seed and first SSO sign-in,
 * which act on behalf of the system.
 */
export async function createUserUnchecked(
  ctx: Ctx,
  input: CreateUser,
  options: SystemUserOptions = {},
): Promise<User> {
  const data = CreateUserSchema.parse(input)
  const password = options.demoPassword ?? data.password
  const passwordHash = password ? await hashPassword(password) : null
  const identity = options.identity
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findUserRowByUsername(trx, data.username)) {
      throw new AppError('conflict', `The username "${data.username}" is taken.`, {
        fields: [{ field: 'username', message: 'This username is taken' }],
      })
    }
    if (data.unitId) await requireUnit(trx, data.unitId, 'unitId')
    await requireValidGrants(trx, data.roles)
    const now = ctx.now().toISOString()
    const id = newId()
    await repo.insertUser(trx, {
      id,
      username: data.username,
      displayName: data.displayName,
      email: data.email,
      unitId: data.unitId ?? null,
      passwordHash,
      oidcIssuer: identity?.oidcIssuer ?? null,
      oidcSubject: identity?.oidcSubject ?? null,
      isActive: 1,
      locale: data.locale,
      createdAt: now,
      updatedAt: now,
    })
    await repo.replaceRoles(trx, id, data.roles, now)
    const user = await getUserIn(trx, id)
    await recordAudit(trx, ctx, { action: 'user.created', entityType: 'user', entityId: id, after: user })
    return user
  })
}

/**
 * Changes a user: profile, activation, roles (replaced as a set) or password.
 * @throws AppError('not_found'), AppError('validation') for bad references or removing the last admin
 */
export async function updateUser(ctx: Ctx, id: string, input: UpdateUser): Promise<User> {
  authorize(ctx.actor, 'user.update', { kind: 'user', id })
  return updateUserUnchecked(ctx, id, input)
}

/** Changes a user without a permission check (CLI `user passwd`). */
export async function updateUserUnchecked(ctx: Ctx, id: string, input: UpdateUser): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getUserIn(trx, id)
    if (input.unitId) await requireUnit(trx, input.unitId, 'unitId')
    if (input.roles) await requireValidGrants(trx, input.roles)
    const losesAdmin =
      before.roles.some((grant) => grant.role === 'admin') &&
      ((input.roles && !input.roles.some((grant) => grant.role === 'admin')) || input.isActive === false)
    if (losesAdmin && (await repo.countActiveAdmins(trx)) <= 1) {
      throw new AppError('validation', 'The institution needs at least one active administrator.', {
        fields: [
          { field: input.roles ? 'roles' : 'isActive', message: 'This is the last active administrator' },
        ],
      })
    }
    const { roles, password: _password, isActive, ...rest } = input
    const now = ctx.now().toISOString()
    await repo.updateUser(trx, id, {
      ...rest,
      ...(isActive === undefined ? {} : { isActive: isActive ? 1 : 0 }),
      ...(passwordHash ? { passwordHash } : {}),
      updatedAt: now,
    })
    if (roles) await repo.replaceRoles(trx, id, roles, now)
    const after = await getUserIn(trx, id)
    // The hash itself never enters the trail; that the password changed does.
    await recordAudit(trx, ctx, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      before,
      after: passwordHash ? { ...after, passwordChanged: true } : after,
    })
    return after
  })
}

/** Changes the signed-in user's own display name or language. */
export async function updateProfile(ctx: Ctx, input: UpdateProfile): Promise<User> {
  const actor = ctx.actor
  authorize(actor, 'profile.update', { kind: 'user', id: actor?.id ?? '' })
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getUserIn(trx, actor.id)
    await repo.updateUser(trx, actor.id, { ...input, updatedAt: ctx.now().toISOString() })
    const after = await getUserIn(trx, actor.id)
    await recordAudit(trx, ctx, {
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: actor.id,
      before,
      after,
    })
    return after
  })
}

async function getUserIn(db: Db, id: string): Promise<User> {
  const user = await repo.findUser(db, id)
  if (!user) throw new AppError('not_found', 'No such user.')
  return user
}

async function requireValidGrants(db: Db, grants: RoleGrant[]): Promise<void> {
  for (const [index, grant] of grants.entries()) {
    const field = `roles.${index}.officeId`
    if (grant.role === 'office_reviewer') {
      if (!grant.officeId || !(await repo.findOffice(db, grant.officeId))) {
        throw new AppError('validation', 'An office reviewer needs an existing office.', {
          fields: [{ field, message: 'Choose the office' }],
        })
      }
    } else if (grant.officeId) {
      throw new AppError('validation', `The role "${grant.role}" is not tied to an office.`, {
        fields: [{ field, message: 'Only office reviewers have an office' }],
      })
    }
  }
}
