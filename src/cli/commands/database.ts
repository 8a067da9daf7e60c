import { existsSync } from 'node:fs'
import { verifyAuditChain } from '../../modules/audit/index.js'
import { type Config, loadConfig } from '../../platform/config.js'
import {
  backupSqliteDatabase,
  countSqliteRows,
  restoreSqliteDatabase,
  type TableCounts,
} from '../../platform/db/backup.js'
import { createDatabase } from '../../platform/db/database.js'
import { migrateToLatest } from '../../platform/db/migrate.js'
import { migrations } from '../../platform/db/migrations/index.js'
import { backupPostgresDatabase, restorePostgresDatabase } from '../../platform/db/pg-backup.js'
import { AppError } from '../../platform/errors.js'
import { type CommandInput, exitCodes } from '../command.js'
import { describeDatabase } from '../context.js'
import { formatCounts } from '../table.js'
import { describeVerification } from './audit.js'

/** `liaison migrate`: brings the configured database to the latest schema and says what ran. */
export async function migrate(input: CommandInput): Promise<number> {
  const config = loadConfig()
  const database = createDatabase(config.database)
  try {
    const result = await migrateToLatest(database.db)
    const applied = (result.results ?? []).filter((entry) => entry.status === 'Success')
    const where = describeDatabase(config.database)
    if (applied.length === 0) {
      input.io.stdout.write(`${where} is up to date (${Object.keys(migrations).length} migrations).\n`)
    } else {
      input.io.stdout.write(
        `Migrated ${where}:\n${applied.map((entry) => `  applied ${entry.migrationName}\n`).join('')}`,
      )
    }
    return exitCodes.ok
  } finally {
    await database.close()
  }
}

/** `liaison backup FILE`: a consistent copy of the database while the server runs (SQLite backup API, or pg_dump). */
export async function backup(input: CommandInput): Promise<number> {
  const [file = ''] = input.args
  const config = loadConfig()
  if (config.database.kind === 'postgres') {
    const result = await backupPostgresDatabase(config.database.url, file, { overwrite: input.flag('force') })
    input.io.stdout.write(
      `Backed up schema ${result.schema} of ${describeDatabase(config.database)} to ${file} with ${result.tool} ` +
        `(one consistent snapshot).\nRows per table now:\n${formatCounts(result.counts)}`,
    )
    return exitCodes.ok
  }
  const isForced = input.flag('force')
  if (!isForced && existsSync(file)) {
    throw new AppError('conflict', `${file} exists already; add --force to replace it.`)
  }
  const inspection = await backupSqliteDatabase(config.database.file, file, { overwrite: isForced })
  input.io.stdout.write(
    `Backed up ${config.database.file} to ${file} (integrity_check: ok).\nRows per table:\n${formatCounts(inspection.counts)}`,
  )
  return exitCodes.ok
}

/**
 * `liaison restore FILE`: checks a backup, puts it in place of the SQLite database, migrates it
 * and verifies its audit trail (SQLite file, or pg_restore into the configured PostgreSQL schema).
 */
export async function restore(input: CommandInput): Promise<number> {
  const [file = ''] = input.args
  const config = loadConfig()
  if (config.database.kind === 'postgres') {
    const result = await restorePostgresDatabase(file, config.database.url, {
      overwrite: input.flag('force'),
    })
    return finishRestore(input, config, file, describeDatabase(config.database), () =>
      Promise.resolve(result.counts),
    )
  }
  const target = config.database.file
  const isForced = input.flag('force')
  if (!isForced && existsSync(target)) {
    throw new AppError(
      'conflict',
      `${target} exists already; stop the server and add --force to replace it with the backup.`,
    )
  }
  await restoreSqliteDatabase(file, target, { overwrite: isForced })
  return finishRestore(input, config, file, target, async () => countSqliteRows(target))
}

/** After a restore: migrates, verifies the audit trail and reports the rows per table. */
async function finishRestore(
  input: CommandInput,
  config: Config,
  file: string,
  target: string,
  counts: () => Promise<TableCounts>,
): Promise<number> {
  const database = createDatabase(config.database)
  let verification: Awaited<ReturnType<typeof verifyAuditChain>>
  let applied: string[]
  try {
    const result = await migrateToLatest(database.db)
    applied = (result.results ?? [])
      .filter((entry) => entry.status === 'Success')
      .map((entry) => entry.migrationName)
    verification = await verifyAuditChain(database.db)
  } finally {
    await database.close()
  }
  const out = input.io.stdout
  out.write(`Restored ${file} to ${target}.\n`)
  out.write(applied.length > 0 ? `  applied ${applied.join(', ')}\n` : '  schema up to date\n')
  out.write(`Rows per table:\n${formatCounts(await counts())}`)
  if (!verification.ok) {
    input.io.stderr.write(`Audit trail: ${describeVerification(verification)}\n`)
    return exitCodes.failure
  }
  out.write(`Audit trail: ${describeVerification(verification)}\n`)
  return exitCodes.ok
}
