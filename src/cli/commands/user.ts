import { type RoleGrant, RoleSchema } from '../../modules/access/index.js'
import { deleteSessionsOfUser } from '../../modules/auth/index.js'
import {
  createUserUnchecked,
  findUnitByCode,
  findUserRowByUsername,
  listOfficesUnchecked,
  listUsersUnchecked,
  type Office,
  OfficeKeySchema,
  type User,
  updateUserUnchecked,
} from '../../modules/organisation/index.js'
import { loadConfig } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'
import { readNewPassword } from '../password.js'
import { formatTable } from '../table.js'

/** `liaison user create`: a user with roles and a password, or an SSO-only user. */
export async function createUser(input: CommandInput): Promise<number> {
  const roles = parseRoles(input.strings('role'))
  const officeKeys = parseOfficeKeys(input.strings('office'))
  if (roles.includes('office_reviewer') && officeKeys.length === 0) {
    throw new UsageError('The role office_reviewer needs --office KEY.')
  }
  if (officeKeys.length > 0 && !roles.includes('office_reviewer')) {
    throw new UsageError('--office is only for users with --role office_reviewer.')
  }
  if (input.flag('password-stdin') && input.flag('no-password')) {
    throw new UsageError('--password-stdin and --no-password exclude each other.')
  }
  const username = input.string('username') ?? ''
  const unitCode = input.string('unit')

  return withCliContext(loadConfig(), async (ctx) => {
    // Everything that can be checked is checked before the password is asked for.
    if (await findUserRowByUsername(ctx.db, username)) {
      throw new AppError('conflict', `The username "${username}" is taken.`)
    }
    const unit = unitCode === undefined ? undefined : await findUnitByCode(ctx.db, unitCode)
    if (unitCode !== undefined && !unit) {
      throw new AppError('validation', `There is no unit with the code "${unitCode}".`, {
        fields: [{ field: 'unit', message: 'Unknown unit code' }],
      })
    }
    const offices = await listOfficesUnchecked(ctx.db)
    const grants: RoleGrant[] = roles
      .filter((role) => role !== 'office_reviewer')
      .map((role) => ({ role, officeId: null }))
    for (const key of officeKeys) {
      const office = offices.find((candidate) => candidate.key === key)
      if (!office) {
        throw new AppError('validation', `The office "${key}" is not set up in this institution.`, {
          fields: [{ field: 'office', message: 'Unknown office' }],
        })
      }
      grants.push({ role: 'office_reviewer', officeId: office.id })
    }
    const password = await readNewPassword(input, { allowNone: true })
    const user = await createUserUnchecked(ctx, {
      username,
      displayName: input.string('name') ?? '',
      email: input.string('email') ?? '',
      unitId: unit?.id ?? null,
      password,
      roles: grants,
    })
    input.io.stdout.write(
      `Created user ${user.username} (${user.displayName}), id ${user.id}\n` +
        `  roles:   ${describeRoles(user, offices) || '(none)'}\n` +
        `  sign-in: ${user.hasPassword ? 'password' : 'SSO only (no password)'}\n`,
    )
    return exitCodes.ok
  })
}

/** `liaison user passwd`: sets a password and ends every session of the user. */
export async function setPassword(input: CommandInput): Promise<number> {
  const [username = ''] = input.args
  return withCliContext(loadConfig(), async (ctx) => {
    const row = await findUserRowByUsername(ctx.db, username)
    if (!row) throw new AppError('not_found', `There is no user "${username}".`)
    const password = await readNewPassword(input, { allowNone: false })
    await updateUserUnchecked(ctx, row.id, { password })
    // Whoever knew the old password may hold a session; a new password ends them all.
    await deleteSessionsOfUser(ctx.db, row.id)
    input.io.stdout.write(`Password of ${row.username} changed; all of their sessions have ended.\n`)
    return exitCodes.ok
  })
}

/** `liaison user list`: a table of users and their roles. */
export async function listUsers(input: CommandInput): Promise<number> {
  return withCliContext(loadConfig(), async (ctx) => {
    const users = await listUsersUnchecked(ctx.db)
    if (users.length === 0) {
      input.io.stdout.write('There are no users yet. Create one with: liaison user create --help\n')
      return exitCodes.ok
    }
    const offices = await listOfficesUnchecked(ctx.db)
    const rows = users.map((user) => [
      user.username,
      user.displayName,
      describeRoles(user, offices) || '-',
      [user.hasPassword ? 'password' : '', user.hasSso ? 'sso' : ''].filter(Boolean).join('+') || '-',
      user.isActive ? 'yes' : 'no',
    ])
    input.io.stdout.write(formatTable(['USERNAME', 'NAME', 'ROLES', 'SIGN-IN', 'ACTIVE'], rows))
    return exitCodes.ok
  })
}

function parseRoles(values: string[]) {
  const roles = values.map((value) => {
    const role = RoleSchema.safeParse(value)
    if (!role.success)
      throw new UsageError(`Unknown role "${value}"; one of: ${RoleSchema.options.join(', ')}.`)
    return role.data
  })
  return [...new Set(roles)]
}

function parseOfficeKeys(values: string[]) {
  const keys = values.map((value) => {
    const key = OfficeKeySchema.safeParse(value)
    if (!key.success)
      throw new UsageError(`Unknown office "${value}"; one of: ${OfficeKeySchema.options.join(', ')}.`)
    return key.data
  })
  return [...new Set(keys)]
}

function describeRoles(user: User, offices: Office[]): string {
  return user.roles
    .map((grant) => {
      if (grant.officeId === null) return grant.role
      const office = offices.find((candidate) => candidate.id === grant.officeId)
      return `${grant.role}:${office?.key ?? grant.officeId}`
    })
    .join(', ')
}
