import type { Logger } from 'pino'
import type { Actor } from '../modules/access/index.js'
import type { Config } from '../platform/config.js'
import type { Ctx } from '../platform/context.js'
import { createDatabase, type DatabaseHandle, type DatabaseOptions } from '../platform/db/database.js'
import { migrateToLatest } from '../platform/db/migrate.js'
import { createLogger } from '../platform/logger.js'
// Loaded for their subscriptions to domain events and job definitions, wherever Liaison runs.
import '../modules/reviews/index.js'
import '../modules/assessment/index.js'
import '../modules/notifications/index.js'
import '../modules/training/index.js'
import '../modules/knowledge/index.js'
// The dashboard's knowledge figures (documents due for review, training completion).
import '../modules/reports/reports.sections.js'
// Loaded for their personal-data providers (export and erasure reach every module) and retention.
import '../modules/organisation/index.js'
import '../modules/auth/index.js'
import '../modules/audit/index.js'
import '../modules/collaborations/index.js'
import '../modules/screening/index.js'
import '../modules/privacy/index.js'
import { createLocalStorage } from '../platform/storage/storage.js'

/** The actor of work the system does on its own (seeding, CLI, background jobs). */
export const systemActor: Actor = {
  id: 'system',
  username: 'system',
  displayName: 'System',
  roles: [],
  via: 'system',
}

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(
  config: Config,
  options: DatabaseOptions = {},
): Promise<DatabaseHandle> {
  // The logger for slow queries is made when the first one is reported, not with every database.
  let slowLog: Logger | undefined
  const database = createDatabase(config.database, {
    poolSize: config.databasePoolSize,
    slowQueryMs: config.slowQueryMs,
    onSlowQuery: ({ sql, ms, failed }) => {
      slowLog ??= createLogger(config).child({ component: 'database' })
      slowLog.warn({ ms, sql: sql.replace(/\s+/g, ' ').slice(0, 2000), failed }, 'slow query')
    },
    ...options,
  })
  try {
    await migrateToLatest(database.db)
  } catch (error) {
    await database.close()
    throw error
  }
  return database
}

/** A context for work done by the system rather than a signed-in user. */
export function systemContext(
  config: Config,
  database: DatabaseHandle,
  log: Logger,
  actor: Actor = systemActor,
): Ctx {
  return {
    db: database.db,
    dialect: database.dialect,
    config,
    actor,
    now: () => new Date(),
    log,
    requestId: null,
    storage: createLocalStorage(config.files.dir),
  }
}
