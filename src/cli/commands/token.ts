import { createTokenUnchecked } from '../../modules/auth/index.js'
import { findUserRowByUsername } from '../../modules/organisation/index.js'
import { loadConfig } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import { type CommandInput, exitCodes, UsageError } from '../command.js'
import { withCliContext } from '../context.js'

/** `liaison token create`: prints a new personal API token (alone on stdout) for scripts to capture. */
export async function createToken(input: CommandInput): Promise<number> {
  const days = input.string('days')
  const hasNoExpiry = input.flag('no-expiry')
  if (days !== undefined && hasNoExpiry) throw new UsageError('--days and --no-expiry exclude each other.')
  if (days !== undefined && !/^\d+$/.test(days))
    throw new UsageError(`--days needs a whole number, not "${days}".`)
  const username = input.string('user') ?? ''
  const name = input.string('name') ?? 'cli'

  return withCliContext(loadConfig(), async (ctx) => {
    const row = await findUserRowByUsername(ctx.db, username)
    if (!row) throw new AppError('not_found', `There is no user "${username}".`)
    if (row.isActive !== 1)
      throw new AppError('conflict', `${username} is deactivated; a token would not work.`)
    const expiresInDays = hasNoExpiry ? null : days === undefined ? undefined : Number(days)
    const { token, record } = await createTokenUnchecked(ctx, row.id, { name, expiresInDays })
    input.io.stdout.write(`${token}\n`)
    input.io.stderr.write(
      `API token "${record.name}" for ${row.username} (${record.prefix}…), ` +
        `${record.expiresAt ? `valid until ${record.expiresAt}` : 'never expires'}.\n` +
        'It is shown only this once: store it now. Send it as "Authorization: Bearer <token>".\n',
    )
    return exitCodes.ok
  })
}
