import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { AppError } from '../errors.js'
import type { TableCounts } from './backup.js'

const run = promisify(execFile)

/** What a PostgreSQL backup or restore did. */
export interface PostgresBackupResult {
  /** The schema that was dumped or restored into. */
  schema: string
  /** Row counts of the tables of that schema (for a backup: now, after the dump's snapshot). */
  counts: TableCounts
  /** Version line of the pg_dump / pg_restore used. */
  tool: string
}

/**
 * The connection URL without its password (which goes to the tools in PGPASSWORD, so that it never
 * appears in a process list), and the environment for them.
 */
function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url)
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password)
    parsed.password = ''
  }
  return { url: parsed.href, env }
}

/** Runs pg_dump/pg_restore from PATH; a missing tool is explained, not a stack trace. */
async function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv) {
  try {
    return await run(tool, args, { env, maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string }
    if (failure.code === 'ENOENT')
      throw new AppError(
        'bad_request',
        `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version (Debian: apt-get install postgresql-client).`,
      )
    throw new AppError('bad_request', `${tool} failed: ${(failure.stderr ?? failure.message).trim()}`)
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function currentSchema(client: pg.Client): Promise<string> {
  return (
    (await client.query<{ schema: string }>('select current_schema() as schema')).rows[0]?.schema ?? 'public'
  )
}

/**
 * The schema the connection is configured for: the first entry of its search path, even when it
 * does not exist yet (current_schema() then falls back to public) — a fresh database to restore into.
 */
async function configuredSchema(client: pg.Client): Promise<string> {
  const path = (await client.query<{ path: string }>(`select current_setting('search_path') as path`)).rows[0]
    ?.path
  const first = path
    ?.split(',')[0]
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
  if (!first || first === '$user') return currentSchema(client)
  return first
}

/** Row counts of every table of a schema. */
async function countTables(client: pg.Client, schema: string): Promise<TableCounts> {
  const tables = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = $1 and table_type = 'BASE TABLE' order by table_name`,
    [schema],
  )
  const counts: TableCounts = {}
  for (const { name } of tables.rows) {
    const quoted = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`
    const result = await client.query<{ n: string }>(`select count(*) as n from ${quoted}`)
    counts[name] = Number(result.rows[0]?.n ?? 0)
  }
  return counts
}

/**
 * Dumps Liaison's schema (the connection's current schema) with pg_dump in its custom format.
 * pg_dump reads one consistent snapshot, so the server may keep writing; the file is written
 * beside the target and renamed at the end.
 * @throws AppError('conflict') when the target exists and `overwrite` is not set,
 *   AppError('bad_request') when pg_dump is missing or fails
 */
export async function backupPostgresDatabase(
  url: string,
  target: string,
  options: { overwrite?: boolean } = {},
): Promise<PostgresBackupResult> {
  if (!options.overwrite && existsSync(target)) throw new AppError('conflict', `${target} exists already.`)
  const { url: toolUrl, env } = toolConnection(url)
  const schema = await withClient(url, currentSchema)
  mkdirSync(dirname(resolve(target)), { recursive: true })
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  try {
    await runTool(
      'pg_dump',
      [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--schema=${schema}`,
        `--file=${partial}`,
        `--dbname=${toolUrl}`,
      ],
      env,
    )
    const listing = await runTool('pg_restore', ['--list', partial], env)
    if (!/ TABLE DATA \S+ audit_events /.test(listing.stdout))
      throw new AppError('validation', `Schema ${schema} holds no Liaison database (no audit_events table).`)
    renameSync(partial, target)
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  const tool = (await runTool('pg_dump', ['--version'], env)).stdout.trim()
  const counts = await withClient(url, (client) => countTables(client, schema))
  return { schema, counts, tool }
}

/**
 * Restores a dump written by backupPostgresDatabase into the connection's current schema (of the
 * same name as the dumped one), in one transaction: either everything is restored or nothing.
 * @throws AppError('conflict') when the schema holds a Liaison database and `overwrite` is not
 *   set, AppError('validation') for a file that is not such a dump or names another schema
 */
export async function restorePostgresDatabase(
  file: string,
  url: string,
  options: { overwrite?: boolean } = {},
): Promise<PostgresBackupResult> {
  if (!existsSync(file)) throw new AppError('not_found', `There is no file at ${file}.`)
  const { url: toolUrl, env } = toolConnection(url)
  const listing = (await runTool('pg_restore', ['--list', file], env)).stdout
  const dumped = / TABLE DATA (\S+) audit_events /.exec(listing)?.[1]
  if (!dumped) throw new AppError('validation', `${file} is not a Liaison backup (no audit_events table).`)
  const schema = await withClient(url, async (client) => {
    const target = await configuredSchema(client)
    if (target !== dumped)
      throw new AppError(
        'validation',
        `${file} holds schema "${dumped}", the configured database uses "${target}"; restore into a schema of the same name.`,
      )
    const existing = await client.query(
      `select 1 from information_schema.tables where table_schema = $1 and table_name = 'audit_events'`,
      [target],
    )
    if (existing.rowCount && !options.overwrite)
      throw new AppError('conflict', `Schema ${target} holds a Liaison database already.`)
    await client.query(`create schema if not exists "${target.replaceAll('"', '""')}"`)
    return target
  })
  // The schema exists already (public always does): restore everything but its creation.
  const entries = listing
    .split('\n')
    .filter((line) => !/^\d+; \d+ \d+ (SCHEMA - |COMMENT - SCHEMA )/.test(line))
    .join('\n')
  const listFile = `${file}.${process.pid}.list`
  writeFileSync(listFile, entries)
  try {
    await runTool(
      'pg_restore',
      [
        '--no-owner',
        '--no-privileges',
        '--single-transaction',
        '--exit-on-error',
        ...(options.overwrite ? ['--clean', '--if-exists'] : []),
        `--use-list=${listFile}`,
        `--dbname=${toolUrl}`,
        file,
      ],
      env,
    )
  } finally {
    rmSync(listFile, { force: true })
  }
  const tool = (await runTool('pg_restore', ['--version'], env)).stdout.trim()
  const counts = await withClient(url, (client) => countTables(client, schema))
  return { schema, counts, tool }
}
