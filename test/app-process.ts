import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { type TestDatabase, testDatabaseUrl } from './test-app.js'

const cliEntry = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))
const appEntry = fileURLToPath(new URL('./fixtures/instances/app.ts', import.meta.url))

/** An app server running as a child process (src/server/main.ts with the test job kinds). */
export interface AppProcess {
  child: ChildProcess
  port: number
  url: string
  /** Everything it wrote, for failure messages. */
  output(): string
  /** Ends it with SIGKILL (no shutdown at all) and waits until it is gone. */
  kill(): Promise<void>
  /** Ends it with SIGTERM (graceful shutdown) and waits until it is gone. */
  stop(): Promise<void>
}

/**
 * Starts the real server in a child process and waits until it listens. The environment is the
 * production-like base below plus `env`; the port is chosen by the system.
 */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', appEntry], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://liaison.test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in time:\n${output}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const listening = /listening on port (\d+)/.exec(output)
      if (listening?.[1]) {
        clearTimeout(timer)
        resolve(Number(listening[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`app exited with ${code} before listening:\n${output}`))
    })
  })
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  }
}

/** A connection URL whose sessions use the given schema (for child processes and the CLI). */
export function urlWithSchema(url: string, schema: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('options', `-c search_path=${schema}`)
  // libpq (pg_dump) does not read '+' as a space, as URLSearchParams writes it.
  return parsed.href.replaceAll('+', '%20')
}

/** Runs SQL statements on the test server in the given schema. */
export async function runSql(url: string, schema: string, statements: string[]): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: urlWithSchema(url, schema) })
  await client.connect()
  try {
    const results: pg.QueryResult[] = []
    for (const statement of statements) results.push(await client.query(statement))
    return results
  } finally {
    await client.end()
  }
}

/** A signed-in HTTP client of a running app process. */
export async function signIn(app: AppProcess, username: string) {
  const response = await fetch(`${app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  })
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return (path: string, method = 'GET', body?: unknown) =>
    fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
}

/** The database location as the app process and the CLI see it. */
export async function databaseEnv(test: TestDatabase): Promise<Record<string, string>> {
  if (test.config.database.kind === 'sqlite') {
    return { DATABASE_URL: `sqlite:${test.config.database.file}`, ALLOW_SQLITE_IN_PRODUCTION: 'true' }
  }
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(test.database.db)).rows[0]?.s
  return { DATABASE_URL: urlWithSchema(testDatabaseUrl ?? '', schema ?? 'public') }
}

/** Runs the `liaison` command line in a child process; rejects on a non-zero exit. */
export async function liaisonCli(args: string[], env: Record<string, string>) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    },
    timeout: 120_000,
  })
}
