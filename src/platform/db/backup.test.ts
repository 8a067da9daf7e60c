import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isAppError } from '../errors.js'
import {
  backupSqliteDatabase,
  countSqliteRows,
  inspectLiaisonBackup,
  restoreSqliteDatabase,
} from './backup.js'
import { createDatabase } from './database.js'
import { migrateToLatest } from './migrate.js'

let folder: string

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'liaison-backup-'))
})

afterEach(() => {
  rmSync(folder, { recursive: true, force: true })
})

/** A migrated Liaison database file with `rows` rate-limit rows of padding (enough pages to copy in steps). */
async function createLiaisonFile(name: string, rows = 0): Promise<string> {
  const file = join(folder, name)
  const handle = createDatabase({ kind: 'sqlite', file })
  await migrateToLatest(handle.db)
  await handle.close()
  const connection = new SqliteDatabase(file)
  const insert = connection.prepare('insert into rate_limits (key, window_start, count) values (?, ?, ?)')
  connection.transaction(() => {
    for (let index = 0; index < rows; index++)
      insert.run(`seed:${index}:${'x'.repeat(200)}`, '2025-01-01T00:00:00Z', index)
  })()
  connection.close()
  return file
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(isAppError(error) ? error.code : error).toBe(code)
}

describe('backupSqliteDatabase', () => {
  it('copies a database another connection keeps writing to into a sound, self-contained file', async () => {
    const source = await createLiaisonFile('live.db', 3000)
    const writer = new SqliteDatabase(source)
    writer.pragma('journal_mode = WAL')
    const insert = writer.prepare('insert into rate_limits (key, window_start, count) values (?, ?, 1)')
    let written = 0
    let isWriting = true
    const writing = (async () => {
      while (isWriting) {
        insert.run(`live:${written}`, new Date().toISOString())
        written++
        // Yields to the event loop, where the backup takes its steps.
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()

    const target = join(folder, 'copy.db')
    const inspection = await backupSqliteDatabase(source, target)
    isWriting = false
    await writing
    writer.close()

    expect(written).toBeGreaterThan(0)
    expect(inspection.integrity).toEqual(['ok'])
    const copied = inspection.counts.rate_limits ?? 0
    expect(copied).toBeGreaterThanOrEqual(3000)
    expect(copied).toBeLessThanOrEqual(3000 + written)
    expect(countSqliteRows(target)).toEqual(inspection.counts)
    expect(existsSync(`${target}-wal`)).toBe(false)
    expect(existsSync(`${target}.partial`)).toBe(false)
    const copy = new SqliteDatabase(target, { readonly: true })
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    copy.close()
  })

  it('refuses to overwrite an existing file unless told to', async () => {
    const source = await createLiaisonFile('live.db')
    const target = join(folder, 'copy.db')
    writeFileSync(target, 'precious')

    await expectAppError(backupSqliteDatabase(source, target), 'conflict')
    const inspection = await backupSqliteDatabase(source, target, { overwrite: true })

    expect(inspection.integrity).toEqual(['ok'])
  })

  it('refuses a source database that does not exist', async () => {
    await expectAppError(
      backupSqliteDatabase(join(folder, 'missing.db'), join(folder, 'copy.db')),
      'not_found',
    )
    expect(existsSync(join(folder, 'missing.db'))).toBe(false)
  })
})

describe('restoreSqliteDatabase', () => {
  it('puts a backup in place and drops the -wal and -shm files of the database it replaces', async () => {
    const source = await createLiaisonFile('live.db', 50)
    const backupFile = join(folder, 'backup.db')
    const { counts } = await backupSqliteDatabase(source, backupFile)
    const target = await createLiaisonFile('target.db')
    writeFileSync(`${target}-wal`, 'stale')
    writeFileSync(`${target}-shm`, 'stale')

    await expectAppError(restoreSqliteDatabase(backupFile, target), 'conflict')
    await restoreSqliteDatabase(backupFile, target, { overwrite: true })

    expect(existsSync(`${target}-wal`)).toBe(false)
    expect(existsSync(`${target}-shm`)).toBe(false)
    expect(countSqliteRows(target)).toEqual(counts)
  })

  it('refuses a file that is an SQLite database but not a Liaison one', async () => {
    const foreign = join(folder, 'foreign.db')
    const connection = new SqliteDatabase(foreign)
    connection.exec('create table notes (text text)')
    connection.close()

    expect(() => inspectLiaisonBackup(foreign)).toThrow(/not a Liaison database/)
    await expectAppError(restoreSqliteDatabase(foreign, join(folder, 'target.db')), 'validation')
    expect(existsSync(join(folder, 'target.db'))).toBe(false)
  })

  it('refuses a file that is not an SQLite database at all', async () => {
    const text = join(folder, 'notes.txt')
    writeFileSync(text, 'this is not a database, just some text that is long enough to fill a header')

    await expectAppError(restoreSqliteDatabase(text, join(folder, 'target.db')), 'validation')
  })
})
