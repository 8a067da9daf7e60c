import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { seedDemoOrganisation } from '../src/demo/organisation.seed.js'
import type { Actor } from '../src/modules/access/index.js'
import type { SessionInfo } from '../src/modules/auth/index.js'
import { type Config, loadConfig } from '../src/platform/config.js'
import type { Ctx } from '../src/platform/context.js'
import type { DatabaseHandle } from '../src/platform/db/database.js'
import { createLogger } from '../src/platform/logger.js'
import { createApp } from '../src/server/app.js'
import { openMigratedDatabase, systemContext } from '../src/server/bootstrap.js'
import { newId } from '../src/shared/ids.js'

/**
 * The database the integration tests run on: SQLite in a temporary folder by default, or
 * PostgreSQL when TEST_DATABASE_URL is set (`npm run test:pg`), each test file in its own schema.
 */
export const testDatabaseUrl = withDefaultUser(process.env.TEST_DATABASE_URL)

/** Trust-auth servers still need a user name; without one in the URL, use "postgres". */
function withDefaultUser(url: string | undefined): string | undefined {
  if (!url) return undefined
  const parsed = new URL(url)
  if (!parsed.username) parsed.username = 'postgres'
  return parsed.href
}

/** Which dialect this run of the suite uses. */
export const testDialect = testDatabaseUrl ? 'postgres' : 'sqlite'

/** A migrated, empty (or demo-seeded) database with a configuration pointing at it. */
export interface TestDatabase {
  config: Config
  database: DatabaseHandle
  /** A context acting as the system. */
  ctx: Ctx
  /** A context acting as the given actor. */
  as(actor: Actor | null): Ctx
  cleanup(): Promise<void>
}

/** Creates a fresh database for one test file. */
export async function createTestDatabase(env: Record<string, string> = {}): Promise<TestDatabase> {
  let cleanupStorage: () => Promise<void>
  let config: Config
  let schema: string | undefined
  if (testDatabaseUrl) {
    schema = `t_${newId().replaceAll('-', '').slice(-16)}`
    const admin = new pg.Client({ connectionString: testDatabaseUrl })
    await admin.connect()
    await admin.query(`create schema "${schema}"`)
    await admin.end()
    const folder = mkdtempSync(join(tmpdir(), 'liaison-test-'))
    config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: testDatabaseUrl,
      FILES_DIR: join(folder, 'files'),
      LOG_LEVEL: 'silent',
      ...env,
    })
    cleanupStorage = async () => {
      rmSync(folder, { recursive: true, force: true })
      const client = new pg.Client({ connectionString: testDatabaseUrl })
      await client.connect()
      await client.query(`drop schema "${schema}" cascade`)
      await client.end()
    }
  } else {
    const folder = mkdtempSync(join(tmpdir(), 'liaison-test-'))
    config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${join(folder, 'test.db')}`,
      FILES_DIR: join(folder, 'files'),
      LOG_LEVEL: 'silent',
      ...env,
    })
    cleanupStorage = async () => rmSync(folder, { recursive: true, force: true })
  }
  const database = await openMigratedDatabase(config, { schema, poolSize: 4 })
  const log = createLogger(config)
  const ctx = systemContext(config, database, log)
  return {
    config,
    database,
    ctx,
    as: (actor) => ({ ...ctx, actor }),
    cleanup: async () => {
      await database.close()
      await cleanupStorage()
    },
  }
}

/** A test database with the demo institution loaded. */
export async function createDemoDatabase(env: Record<string, string> = {}): Promise<TestDatabase> {
  const test = await createTestDatabase(env)
  await seedDemoOrganisation(test.ctx)
  return test
}

/** A signed-in browser-like client: keeps the cookie and sends the CSRF token. */
export interface TestClient {
  session: SessionInfo
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>
}

/** The app over a test database, with helpers to call it like a browser or a script. */
export function createTestApp(test: TestDatabase, options: { now?: () => Date } = {}) {
  const app = createApp({
    config: test.config,
    database: test.database,
    log: createLogger(test.config),
    now: options.now,
  })

  /** Calls the app without a session. */
  async function request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    let body = init.body
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json')
      body = JSON.stringify(init.json)
    }
    return app.request(path, { ...init, headers, body })
  }

  /** Signs in with username and password and returns a client that carries the session. */
  async function login(username: string, password = 'demo'): Promise<TestClient> {
    const response = await request('/api/v1/auth/login', { method: 'POST', json: { username, password } })
    if (response.status !== 200)
      throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`)
    const session = (await response.json()) as SessionInfo
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    return {
      session,
      request: (path, init = {}) => {
        const headers = new Headers(init.headers)
        headers.set('cookie', cookie)
        if (session.csrfToken && !headers.has('x-csrf-token')) headers.set('x-csrf-token', session.csrfToken)
        return request(path, { ...init, headers })
      },
    }
  }

  return { app, request, login }
}
