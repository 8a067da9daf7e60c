import { type MigrationResultSet, Migrator } from 'kysely'
import type { Db } from './database.js'
import { migrations } from './migrations/index.js'

/**
 * Brings the schema up to date. Kysely's migrator takes a lock table row, so several instances
 * starting together run each migration exactly once.
 * @throws the migration's error, after reporting which migration failed
 */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === 'Error')
    const cause = result.error instanceof Error ? result.error : new Error(String(result.error))
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, { cause })
  }
  return result
}
