import { type MigrationResultSet, Migrator, sql } from 'kysely'
import { dialectOf } from './columns.js'
import type { Db } from './database.js'
import { migrations } from './migrations/index.js'

/**
 * Brings the schema up to date, once, whatever number of instances start together. On
 * PostgreSQL the whole run (creating Kysely's bookkeeping tables included) holds a session-level
 * advisory lock keyed by the schema on one connection: a second instance waits, then finds
 * nothing left to do. Kysely's migrator takes its own advisory lock inside as well. On SQLite the
 * migrator's transaction holds the file's write lock.
 * @throws the migration's error, after reporting which migration failed
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  if (dialectOf(db) !== 'postgres') return runMigrator(db, undefined)
  return db.connection().execute(async (connection) => {
    // Kysely looks for its bookkeeping tables in every schema unless told which one: name ours, so
    // another schema on the same server (another installation, a parallel test) is never mistaken for it.
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(connection))
      .rows[0]?.schema
    const key = `liaison.migrate:${schema ?? ''}`
    await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(connection)
    try {
      return await runMigrator(connection, schema)
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(connection)
    }
  })
}

async function runMigrator(db: Db, migrationTableSchema: string | undefined): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema,
  })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === 'Error')
    const cause = result.error instanceof Error ? result.error : new Error(String(result.error))
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, { cause })
  }
  return result
}
