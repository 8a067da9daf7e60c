import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CamelCasePlugin, Kysely, type LogEvent, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import type { Config } from '../config.js'
import type { Dialect } from './columns.js'
import type { Database } from './tables.js'

/** The typed database handle every repo receives (or a transaction of it). */
export type Db = Kysely<Database>

/** An open database with its dialect and a way to close it. */
export interface DatabaseHandle {
  db: Db
  dialect: Dialect
  /** For SQLite: the underlying file (used by backup); null for PostgreSQL. */
  sqliteFile: string | null
  close(): Promise<void>
}

// PostgreSQL returns timestamptz as Date objects by default; the domain speaks ISO strings.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString())
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value) => new Date(`${value}Z`).toISOString())
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
// count(*) and bigserial come back as int8; every count we keep fits in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

/** Options beyond the configuration, used by tests and tools. */
export interface DatabaseOptions {
  /** PostgreSQL schema to use as search_path (tests run each in its own schema). */
  schema?: string
  /** Connection pool size for PostgreSQL. */
  poolSize?: number
  /** Queries taking at least this long (ms) are reported to onSlowQuery; 0 or absent: none. */
  slowQueryMs?: number
  onSlowQuery?: (query: { sql: string; ms: number; failed: boolean }) => void
}

/** Opens the configured database (SQLite file, created with its folder if missing, or PostgreSQL). */
export function createDatabase(database: Config['database'], options: DatabaseOptions = {}): DatabaseHandle {
  const plugins = [new CamelCasePlugin()]
  const threshold = options.slowQueryMs ?? 0
  const report = options.onSlowQuery
  const log =
    threshold > 0 && report
      ? (event: LogEvent) => {
          if (event.queryDurationMillis >= threshold)
            report({
              sql: event.query.sql,
              ms: Math.round(event.queryDurationMillis),
              failed: event.level === 'error',
            })
        }
      : undefined
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: options.poolSize ?? 10 })
    if (options.schema) {
      const schema = options.schema
      pool.on('connect', (client) => {
        // The schema name comes from test code, never from user input; quoted all the same.
        client.query(`set search_path to "${schema.replaceAll('"', '')}"`)
      })
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins, log })
    return { db, dialect: 'postgres', sqliteFile: null, close: () => db.destroy() }
  }
  if (database.file !== ':memory:') mkdirSync(dirname(database.file), { recursive: true })
  const sqlite = new SqliteDatabase(database.file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins,
    log,
  })
  return { db, dialect: 'sqlite', sqliteFile: database.file, close: () => db.destroy() }
}

/**
 * The SQLite connection with its prepared statements kept, the most recently used 500 of them:
 * Kysely prepares every query anew, which costs more than running most of them. Statements are
 * never used concurrently (one connection, taken under Kysely's mutex), and SQLite prepares a
 * kept statement again by itself after a schema change.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 500) {
  const kept = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => {
      kept.clear()
      sqlite.close()
    },
    prepare(text: string) {
      let statement = kept.get(text)
      if (statement) {
        kept.delete(text)
      } else {
        statement = sqlite.prepare(text)
        if (kept.size >= size) kept.delete(kept.keys().next().value as string)
      }
      kept.set(text, statement)
      return statement
    },
  }
}

/** Whether the database answers a trivial query. */
export async function isDatabaseHealthy(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}

/**
 * Serializes the transactions that take the same named lock until they end: on PostgreSQL an
 * advisory transaction lock (instances starting together, check-then-insert work); SQLite's
 * single writer needs none.
 */
export async function lockUntilCommit(trx: Db, dialect: Dialect, name: string): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx)
}
