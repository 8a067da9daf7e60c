import { type ColumnDefinitionBuilder, type CreateTableBuilder, PostgresAdapter, sql } from 'kysely'

/** The two SQL dialects Liaison runs on. */
export type Dialect = 'sqlite' | 'postgres'

/**
 * The only place where DDL differs between the dialects. Migrations call these helpers instead
 * of writing dialect-specific types.
 */
export function columns(dialect: Dialect) {
  return {
    /** An ISO-8601 UTC instant: timestamptz on PostgreSQL (read back as ISO text), text on SQLite. */
    timestamp: dialect === 'postgres' ? ('timestamptz' as const) : ('text' as const),
    /** A calendar date (YYYY-MM-DD): date on PostgreSQL (read back as text), text on SQLite. */
    date: dialect === 'postgres' ? ('date' as const) : ('text' as const),
    /** An auto-incrementing sequence column that is the primary key. */
    sequence<T extends string, C extends string>(table: CreateTableBuilder<T, C>, name: C) {
      return dialect === 'postgres'
        ? table.addColumn(name, 'bigserial', (column) => column.primaryKey())
        : table.addColumn(name, 'integer', (column) => column.primaryKey().autoIncrement())
    },
  }
}

/** Column default of "now" in ISO form, usable on both dialects. */
export function nowDefault(dialect: Dialect) {
  return (column: ColumnDefinitionBuilder) =>
    dialect === 'postgres'
      ? column.defaultTo(sql`now()`)
      : column.defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`)
}

/** Reads the dialect a Kysely instance talks to (migrations receive a `Kysely<any>`). */
export function dialectOf(db: { getExecutor(): { adapter: unknown } }): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}
