import { type MigrationResultSet, Migrator, sql } from 'kysely'
import { dialectOf } from './columns.js'
import type { Db } from './database.js'
import { migrations } from './migrations/index.js'

/**
 * Brings the schema up to date. Kysely's migrator takes a lock table row, so several instances
 * starting together run each migration exactly once.
 * @throws the migration's error, after reporting which migration failed
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: name ours, so
  // another schema on the same server (another installation, a parallel test) is never mistaken for it.
  const migrationTableSchema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined
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
