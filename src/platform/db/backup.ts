import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { AppError } from '../errors.js'

/** Row counts per table, keyed by the table's SQL name, in name order. */
export type TableCounts = Record<string, number>

/** The tables whose presence marks a file as a Liaison database. */
export const liaisonMarkerTables = ['audit_events', 'kysely_migration'] as const

/** What a checked SQLite file contains. */
export interface SqliteInspection {
  /** The lines `PRAGMA integrity_check` reported; `['ok']` for a sound file. */
  integrity: string[]
  counts: TableCounts
}

// The files SQLite may keep next to a database file.
const sidecarSuffixes = ['-wal', '-shm', '-journal'] as const

/**
 * Copies a live SQLite database into `target` with SQLite's online backup API on a connection of
 * its own, so the server may keep writing; the copy is a single self-contained file (rollback
 * journal mode), checked with `PRAGMA integrity_check` before it is moved into place.
 * @throws AppError('not_found') when there is no source database, AppError('conflict') when the
 *   target exists and `overwrite` is not set, AppError('validation') when the copy is not sound
 */
export async function backupSqliteDatabase(
  source: string,
  target: string,
  options: { overwrite?: boolean } = {},
): Promise<SqliteInspection> {
  if (source === ':memory:' || !existsSync(source)) {
    throw new AppError('not_found', `There is no SQLite database at ${source}.`)
  }
  if (resolve(source) === resolve(target)) {
    throw new AppError('bad_request', 'The backup cannot replace the database it copies.')
  }
  refuseExisting(target, options.overwrite ?? false)
  mkdirSync(dirname(resolve(target)), { recursive: true })
  // Written beside the target and renamed at the end: a failed backup never leaves a half file
  // under the name a later restore would trust.
  const partial = `${target}.partial`
  removeWithSidecars(partial)
  try {
    const connection = new SqliteDatabase(source, { fileMustExist: true })
    try {
      connection.pragma('busy_timeout = 5000')
      // Copying every remaining page in one step holds one read snapshot for the whole copy; in
      // small steps, every write of another connection in between would restart the backup.
      await connection.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) })
    } finally {
      connection.close()
    }
    const copy = new SqliteDatabase(partial, { fileMustExist: true })
    let inspection: SqliteInspection
    try {
      copy.pragma('journal_mode = DELETE')
      inspection = inspectConnection(copy)
    } finally {
      copy.close()
    }
    if (!isSound(inspection)) {
      throw new AppError(
        'validation',
        `The copy failed its integrity check: ${inspection.integrity.join('; ')}`,
      )
    }
    removeWithSidecars(target)
    renameSync(partial, target)
    return inspection
  } catch (error) {
    removeWithSidecars(partial)
    throw error
  }
}

/**
 * Checks that a file is a sound Liaison database (integrity check, marker tables) without
 * changing its content.
 * @throws AppError('not_found') for a missing file, AppError('validation') when it is not a sound Liaison database
 */
export function inspectLiaisonBackup(file: string): SqliteInspection {
  if (!existsSync(file)) throw new AppError('not_found', `There is no file at ${file}.`)
  let connection: SqliteDatabase.Database
  try {
    connection = openExisting(file)
  } catch (error) {
    throw new AppError('validation', `${file} cannot be opened as an SQLite database: ${messageOf(error)}`)
  }
  try {
    const inspection = inspectConnection(connection)
    if (!isSound(inspection)) {
      throw new AppError(
        'validation',
        `${file} failed its integrity check: ${inspection.integrity.join('; ')}`,
      )
    }
    const missing = liaisonMarkerTables.filter((table) => !(table in inspection.counts))
    if (missing.length > 0) {
      throw new AppError('validation', `${file} is not a Liaison database (no ${missing.join(', ')} table).`)
    }
    return inspection
  } catch (error) {
    // SQLite answers "file is not a database" only when the first page is read.
    if (error instanceof SqliteDatabase.SqliteError) {
      throw new AppError('validation', `${file} is not a readable SQLite database: ${error.message}`)
    }
    throw error
  } finally {
    connection.close()
  }
}

/**
 * Puts a backup in place as the database file `target`, after checking it is a sound Liaison
 * database; stale -wal/-shm files of the old database are removed so SQLite cannot replay them
 * onto the restored one. The server must not be running on `target`.
 * @throws AppError('not_found'), AppError('validation') for an unsound or foreign file,
 *   AppError('conflict') when the target exists and `overwrite` is not set
 */
export async function restoreSqliteDatabase(
  source: string,
  target: string,
  options: { overwrite?: boolean } = {},
): Promise<SqliteInspection> {
  if (target === ':memory:')
    throw new AppError('bad_request', 'An in-memory database cannot be restored into.')
  if (resolve(source) === resolve(target)) {
    throw new AppError('bad_request', 'The backup is the configured database itself.')
  }
  const inspection = inspectLiaisonBackup(source)
  refuseExisting(target, options.overwrite ?? false)
  mkdirSync(dirname(resolve(target)), { recursive: true })
  const partial = `${target}.partial`
  removeWithSidecars(partial)
  try {
    // The backup API rather than a file copy: it also carries over anything committed in a -wal
    // file that travelled with the backup.
    const connection = openExisting(source)
    try {
      await connection.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) })
    } finally {
      connection.close()
    }
    removeWithSidecars(target)
    renameSync(partial, target)
  } catch (error) {
    removeWithSidecars(partial)
    throw error
  }
  return inspection
}

/**
 * Counts the rows of every table of an SQLite database file.
 * @throws AppError('not_found') for a missing file
 */
export function countSqliteRows(file: string): TableCounts {
  if (!existsSync(file)) throw new AppError('not_found', `There is no SQLite database at ${file}.`)
  const connection = openExisting(file)
  try {
    return countRows(connection)
  } finally {
    connection.close()
  }
}

/**
 * Opens an existing file for reading. Read-write although nothing is written: a read-only
 * connection to a WAL-mode file leaves -wal and -shm files behind, while a read-write one folds
 * anything committed in them into the file and removes them when it closes.
 */
function openExisting(file: string): SqliteDatabase.Database {
  return new SqliteDatabase(file, { fileMustExist: true })
}

function inspectConnection(connection: SqliteDatabase.Database): SqliteInspection {
  const integrity = connection
    .prepare('pragma integrity_check')
    .pluck()
    .all()
    .map((line) => String(line))
  return { integrity, counts: countRows(connection) }
}

function countRows(connection: SqliteDatabase.Database): TableCounts {
  const tables = connection
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all()
    .map((name) => String(name))
  const counts: TableCounts = {}
  for (const table of tables) {
    // Table names come from sqlite_master, not from input; quoted all the same.
    const count = connection
      .prepare(`select count(*) from "${table.replaceAll('"', '""')}"`)
      .pluck()
      .get()
    counts[table] = Number(count)
  }
  return counts
}

function isSound(inspection: SqliteInspection): boolean {
  return inspection.integrity.length === 1 && inspection.integrity[0] === 'ok'
}

function refuseExisting(target: string, overwrite: boolean): void {
  if (!overwrite && existsSync(target)) throw new AppError('conflict', `${target} exists already.`)
}

function removeWithSidecars(file: string): void {
  rmSync(file, { force: true })
  for (const suffix of sidecarSuffixes) rmSync(`${file}${suffix}`, { force: true })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
