import { userInfo } from 'node:os'
import pino, { type Logger } from 'pino'
import type { Actor } from '../modules/access/index.js'
import type { Config } from '../platform/config.js'
import type { Ctx } from '../platform/context.js'
import { openMigratedDatabase, systemContext } from '../server/bootstrap.js'

/**
 * The actor of CLI changes: a system actor whose name records the operating-system account that
 * ran the command, so the audit trail shows where a change came from.
 */
export function cliActor(): Actor {
  let account = ''
  try {
    account = userInfo().username
  } catch {
    // Containers may run under a uid without a passwd entry; the trail then says just "cli".
  }
  return {
    id: 'system',
    username: account ? `cli:${account}` : 'cli',
    displayName: 'Command line',
    roles: [],
    via: 'system',
  }
}

/** A logger that writes to stderr, so that stdout carries only results (tokens, JSON). */
export function cliLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino(
    { level: config.logLevel, base: { app: 'liaison-cli' } },
    pino.destination({ dest: 2, sync: true }),
  )
}

/**
 * Opens and migrates the configured database, runs `work` as the command-line actor and closes
 * the database again, whatever happens.
 */
export async function withCliContext<T>(config: Config, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const database = await openMigratedDatabase(config)
  try {
    return await work(systemContext(config, database, cliLogger(config), cliActor()))
  } finally {
    await database.close()
  }
}

/** A database location as an operator may see it: the file, or the PostgreSQL URL without its password. */
export function describeDatabase(database: Config['database']): string {
  if (database.kind === 'sqlite') return `SQLite ${database.file}`
  try {
    const url = new URL(database.url)
    if (url.password) url.password = '***'
    return `PostgreSQL ${url.toString()}`
  } catch {
    return 'PostgreSQL'
  }
}
