import { existsSync } from 'node:fs'
import { verifyAuditChain } from '../../modules/audit/index.js'
import { loadConfig } from '../../platform/config.js'
import { backupSqliteDatabase, countSqliteRows, restoreSqliteDatabase } from '../../platform/db/backup.js'
import { createDatabase } from '../../platform/db/database.js'
import { migrateToLatest } from '../../platform/db/migrate.js'
import { migrations } from '../../platform/db/migrations/index.js'
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

/** `liaison backup FILE`: a consistent copy of the SQLite database; PostgreSQL users get pg_dump advice. */
export async function backup(input: CommandInput): Promise<number> {
  const [file = ''] = input.args
  const config = loadConfig()
  if (config.database.kind === 'postgres') {
    input.io.stderr.write(
      'liaison backup copies SQLite databases only. Back up PostgreSQL with its own tool:\n\n' +
        `  pg_dump --format=custom --file ${shellQuote(file)} "$DATABASE_URL"\n\n` +
        'Run "liaison restore FILE" against PostgreSQL for the matching pg_restore call.\n',
    )
    return exitCodes.usage
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
 * and verifies its audit trail; PostgreSQL users get pg_restore advice.
 */
export async function restore(input: CommandInput): Promise<number> {
  const [file = ''] = input.args
  const config = loadConfig()
  if (config.database.kind === 'postgres') {
    input.io.stderr.write(
      'liaison restore restores SQLite databases only. Restore a PostgreSQL dump with its own tool:\n\n' +
        `  pg_restore --clean --if-exists --dbname "$DATABASE_URL" ${shellQuote(file)}\n\n` +
        'then run "liaison migrate" and "liaison audit verify".\n',
    )
    return exitCodes.usage
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
  out.write(`Rows per table:\n${formatCounts(countSqliteRows(target))}`)
  if (!verification.ok) {
    input.io.stderr.write(`Audit trail: ${describeVerification(verification)}\n`)
    return exitCodes.failure
  }
  out.write(`Audit trail: ${describeVerification(verification)}\n`)
  return exitCodes.ok
}

/** Quotes a file name for a POSIX shell when it needs quoting. */
function shellQuote(value: string): string {
  return /^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`
}
